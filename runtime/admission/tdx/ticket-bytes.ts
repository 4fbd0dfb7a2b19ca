// The wire form of a Smalt TDX ticket (mosaik's `Ticket.data` for class tdx): the extra data
// in fixed-width fields, then the quote. mosaik itself wraps postcard in zstd, which Node 20
// cannot decompress; Smalt's form carries the same fields (docs/admission-tdx.md):
//   version u8 = 1 ‖ peer_id[32] ‖ network_id[32] ‖ i64LE(started_at) ‖ i64LE(quoted_at)
//   ‖ expiration: u8 0 (never) | u8 1 ‖ i64LE(unix) ‖ quote bytes (to the end)
import { concatBytes, i64LE } from "../../../compiler/fingerprint/bytes.js";
import type { TdxExtraData } from "./binding.js";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";
import type { TdxTicket } from "./ticket-input.js";

const VERSION = 1;
const FIXED = 1 + 32 + 32 + 8 + 8 + 1;

export function encodeTdxTicket(quote: Uint8Array, extra: TdxExtraData): Uint8Array {
  const exp = extra.expiration.kind === "never" ? Uint8Array.of(0) : concatBytes([Uint8Array.of(1), i64LE(extra.expiration.unix)]);
  return concatBytes([Uint8Array.of(VERSION), extra.peerId, extra.networkId, i64LE(extra.startedAt), i64LE(extra.quotedAt), exp, quote]);
}

export function decodeTdxTicket(data: Uint8Array): TdxTicket | TdxRefusal {
  if (data.length < FIXED) return refusal(TDX_CODES.malformed, `TDX ticket is ${data.length} bytes, shorter than its ${FIXED}-byte header`);
  if (data[0] !== VERSION) return refusal(TDX_CODES.malformed, `TDX ticket version ${data[0]} is not ${VERSION}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const flag = data[81];
  let at = 82;
  let expiration: TdxExtraData["expiration"];
  if (flag === 0) expiration = { kind: "never" };
  else if (flag === 1 && data.length >= at + 8) {
    expiration = { kind: "at", unix: view.getBigInt64(at, true) };
    at += 8;
  } else return refusal(TDX_CODES.malformed, "TDX ticket expiration is neither never (0) nor a time (1 + 8 bytes)");
  return {
    quote: data.slice(at),
    extra: {
      peerId: data.slice(1, 33),
      networkId: data.slice(33, 65),
      startedAt: view.getBigInt64(65, true),
      quotedAt: view.getBigInt64(73, true),
      expiration,
    },
  };
}
