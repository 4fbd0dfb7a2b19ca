// A `tdx { … }` clause as a ticket check of the admission runtime (TicketCheck in
// runtime/admission/ticket.ts): ticket bytes in (the wire form of ticket-bytes.ts), a
// clause verdict out, with the verifier's warnings (a trusted test root says so).
import { blake3 } from "@noble/hashes/blake3.js";
import { toHex } from "../../../compiler/fingerprint/bytes.js";
import type { ProgramIndex } from "../../../compiler/eval/program-index.js";
import type { ValidatorDef } from "../../../compiler/ir/declarations.js";
import { tdxSpecOfValidator } from "../../../compiler/diff/tdx-model.js";
import type { ClauseVerdict, TicketCheck, TicketContext } from "../ticket.js";
import { checkTdxTicket } from "./check-tdx-ticket.js";
import { isRefusal } from "./codes.js";
import type { TdxClausePolicy } from "./policy.js";
import { decodeTdxTicket } from "./ticket-bytes.js";
import type { TdxTrust } from "./trust-anchor.js";

/** What an admitted TDX ticket was: its quote's BLAKE3-256 and the verified MR_TD, hex. */
export interface TdxEvidence {
  readonly quoteDigest: string;
  readonly mrtd: string;
}

export type TdxClauseVerdict = ClauseVerdict & { readonly warnings?: readonly string[]; readonly evidence?: TdxEvidence };

/** What the runtime configuration supplies for every tdx clause of one organism. */
export interface TdxRuntimeConfig {
  readonly contentHash: Uint8Array | string;
  readonly collateral: Uint8Array | string;
  readonly collateralPin?: string;
  readonly trust: TdxTrust;
}

export class TdxTicketCheck implements TicketCheck {
  readonly ticketClass = "tdx" as const;

  constructor(
    private readonly clause: TdxClausePolicy,
    private readonly config: TdxRuntimeConfig,
  ) {}

  async check(data: Uint8Array, cx: TicketContext): Promise<TdxClauseVerdict> {
    const ticket = decodeTdxTicket(data);
    if (isRefusal(ticket)) return { admitted: false, code: ticket.code, reason: ticket.reason };
    const d = checkTdxTicket(this.clause, ticket, { ...this.config, now: cx.now, peerKey: cx.peer, networkId: cx.networkId });
    if (!d.admitted) return { admitted: false, code: d.code, reason: d.reason };
    if (d.mrtd === undefined) throw new Error("internal error: an admitted TDX decision carries no MR_TD");
    const evidence = { quoteDigest: toHex(blake3(ticket.quote)), mrtd: toHex(d.mrtd) };
    return { admitted: true, expires: d.expires, facts: { claims: new Map<string, string | bigint | boolean>() }, warnings: d.warnings, evidence };
  }
}

/** The `AdmissionOptions.tdx` factory: one check per tdx validator, read from the checked program. */
export function tdxCheckFactory(index: ProgramIndex, config: TdxRuntimeConfig): (def: ValidatorDef) => TdxTicketCheck {
  return (def) => new TdxTicketCheck({ ...tdxSpecOfValidator(def, index), name: def.ref.name }, config);
}
