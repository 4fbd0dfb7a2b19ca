// The shape of a TDX ticket and of the admission context, and their validation: bad input
// becomes a T2000 refusal with a reason, never an exception.
import type { Expiration } from "../decision.js";
import type { TdxExtraData } from "./binding.js";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";
import { bytesOf } from "./hex-input.js";
import type { TdxTrust } from "./trust-anchor.js";

/** What a peer presents: a DCAP quote and the extra data its report_data binds. */
export interface TdxTicket {
  readonly quote: Uint8Array;
  readonly extra: {
    readonly peerId: Uint8Array | string;
    readonly networkId: Uint8Array | string;
    readonly startedAt: bigint;
    readonly quotedAt: bigint;
    readonly expiration: Expiration;
  };
}

export interface TdxCheckContext {
  /** Unix seconds, supplied by the runtime (nothing here reads a clock). */
  readonly now: bigint;
  /** The presenting peer's 32-byte id (its public key), bytes or hex. */
  readonly peerKey: Uint8Array | string;
  /** The network the peer joins (32 bytes), bytes or hex. */
  readonly networkId: Uint8Array | string;
  /** The organism's content hash (32 bytes), bytes or hex. */
  readonly contentHash: Uint8Array | string;
  /** The collateral JSON text, exactly as pinned (bytes or string). */
  readonly collateral: Uint8Array | string;
  /** The runtime configuration's collateral pin, used when the tdx clause pins none. */
  readonly collateralPin?: string;
  readonly trust: TdxTrust;
}

export interface CheckedInput {
  readonly extra: TdxExtraData;
  readonly peerKey: Uint8Array;
  readonly networkId: Uint8Array;
  readonly contentHash: Uint8Array;
}

const ID_LENGTH = 32;

export function checkInput(ticket: TdxTicket, ctx: TdxCheckContext): CheckedInput | TdxRefusal {
  if (!(ticket?.quote instanceof Uint8Array)) return refusal(TDX_CODES.malformed, "ticket has no quote bytes");
  const e = ticket.extra;
  if (typeof e !== "object" || e === null) return refusal(TDX_CODES.malformed, "ticket has no extra data");
  const ids: Record<string, Uint8Array | string> = { "ticket peer id": e.peerId, "ticket network id": e.networkId, "peer key": ctx.peerKey, "network id": ctx.networkId, "content hash": ctx.contentHash };
  const bytes: Record<string, Uint8Array> = {};
  for (const [what, value] of Object.entries(ids)) {
    const b = value === undefined ? undefined : bytesOf(value);
    if (!b || b.length !== ID_LENGTH) return refusal(TDX_CODES.malformed, `${what} is not ${ID_LENGTH} bytes`);
    bytes[what] = b;
  }
  for (const [what, t] of [["started_at", e.startedAt], ["quoted_at", e.quotedAt], ["now", ctx.now]] as const) {
    if (typeof t !== "bigint") return refusal(TDX_CODES.malformed, `${what} is not a bigint of Unix seconds`);
  }
  if (typeof ctx.collateral !== "string" && !(ctx.collateral instanceof Uint8Array)) return refusal(TDX_CODES.malformed, "collateral is neither JSON text nor bytes");
  const exp = e.expiration;
  if (!exp || (exp.kind !== "never" && !(exp.kind === "at" && typeof exp.unix === "bigint"))) return refusal(TDX_CODES.malformed, "ticket expiration is neither never nor a Unix time");
  return {
    extra: { peerId: bytes["ticket peer id"] as Uint8Array, networkId: bytes["ticket network id"] as Uint8Array, startedAt: e.startedAt, quotedAt: e.quotedAt, expiration: exp },
    peerKey: bytes["peer key"] as Uint8Array,
    networkId: bytes["network id"] as Uint8Array,
    contentHash: bytes["content hash"] as Uint8Array,
  };
}
