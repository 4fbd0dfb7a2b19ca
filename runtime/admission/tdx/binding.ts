// How a quote binds a ticket to a peer and to a policy (docs/admission-tdx.md):
//   report_data[0..32]  = mosaik's ExtraData.signature() (mosaik.md §4.4):
//       id("mosaik.tdx.ticket.extra").derive(peer_id).derive(network_id)
//       .derive(i64LE(started_at)).derive(i64LE(quoted_at)).derive(expiration ? i64LE(exp) : [0;8])
//   report_data[32..64] = the organism's content hash (32 bytes), where mosaik leaves zeros.
// A quote made for another peer, network, timestamps or policy version fails to match.
import { bytesEqual, filled, i64LE, toHex } from "../../../compiler/fingerprint/bytes.js";
import { deriveAll, id, type Digest } from "../../../compiler/fingerprint/digest.js";
import type { Expiration } from "../decision.js";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";

/** The ticket's self-declared facts, as mosaik's ExtraData. Times are Unix seconds. */
export interface TdxExtraData {
  readonly peerId: Uint8Array;
  readonly networkId: Uint8Array;
  readonly startedAt: bigint;
  readonly quotedAt: bigint;
  readonly expiration: Expiration;
}

export const REPORT_DATA_LENGTH = 64;

export function extraDataSignature(extra: TdxExtraData): Digest {
  return deriveAll(id("mosaik.tdx.ticket.extra"), [
    extra.peerId,
    extra.networkId,
    i64LE(extra.startedAt),
    i64LE(extra.quotedAt),
    extra.expiration.kind === "never" ? filled(8, 0) : i64LE(extra.expiration.unix),
  ]);
}

/** The 64 report_data bytes a TD must request its quote with, for this ticket and policy. */
export function bindingReportData(extra: TdxExtraData, contentHash: Uint8Array): Uint8Array {
  const out = new Uint8Array(REPORT_DATA_LENGTH);
  out.set(extraDataSignature(extra), 0);
  out.set(contentHash, 32);
  return out;
}

export interface BindingExpectation {
  readonly peerKey: Uint8Array;
  readonly networkId: Uint8Array;
  readonly contentHash: Uint8Array;
}

/** mosaik's order: extra data bound, then peer, then network; then Smalt's content hash. */
export function checkBinding(reportData: Uint8Array, extra: TdxExtraData, want: BindingExpectation): TdxRefusal | undefined {
  if (!bytesEqual(reportData.subarray(0, 32), extraDataSignature(extra))) {
    return refusal(TDX_CODES.extraNotBound, "report_data[0..32] is not the signature of the ticket's extra data (peer, network, started_at, quoted_at, expiration)");
  }
  if (!bytesEqual(extra.peerId, want.peerKey)) {
    return refusal(TDX_CODES.otherPeer, `quote binds peer ${toHex(extra.peerId)}, not the presenting peer ${toHex(want.peerKey)}`);
  }
  if (!bytesEqual(extra.networkId, want.networkId)) {
    return refusal(TDX_CODES.otherNetwork, `quote binds network ${toHex(extra.networkId)}, not ${toHex(want.networkId)}`);
  }
  const bound = reportData.subarray(32, 64);
  if (!bytesEqual(bound, want.contentHash)) {
    return refusal(TDX_CODES.otherContentHash, `quote binds content hash ${toHex(bound)}, not this organism's ${toHex(want.contentHash)} (a quote made for another policy version)`);
  }
  return undefined;
}
