// Collateral is pinned by digest: the policy's `collateral 0x…` (or, when the policy pins
// none, the runtime configuration's pin) is the BLAKE3-256 of the collateral JSON text,
// byte for byte. Collateral with another digest is refused before anything reads it.
import { blake3 } from "@noble/hashes/blake3.js";
import type { Collateral } from "@phala/dcap-qvl";
import { toHex, utf8 } from "../../../compiler/fingerprint/bytes.js";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";

/** The pin of a collateral JSON text: lowercase hex of its BLAKE3-256. */
export function collateralDigest(collateralJson: Uint8Array | string): string {
  return toHex(blake3(typeof collateralJson === "string" ? utf8(collateralJson) : collateralJson));
}

const COLLATERAL_FIELDS = [
  "tcb_info_issuer_chain",
  "tcb_info",
  "tcb_info_signature",
  "qe_identity_issuer_chain",
  "qe_identity",
  "qe_identity_signature",
  "root_ca_crl",
  "pck_crl",
] as const;

/**
 * The collateral object, once its digest equals the pin (the policy's, else the runtime's),
 * and it is JSON with every field quote verification reads, each a string.
 */
export function pinnedCollateral(
  collateralJson: Uint8Array | string,
  policyPin: string | undefined,
  runtimePin: string | undefined,
): Collateral | TdxRefusal {
  const pin = (policyPin ?? runtimePin)?.toLowerCase().replace(/^0x/, "");
  if (pin === undefined) {
    return refusal(TDX_CODES.noCollateralPin, "no collateral digest is pinned: the tdx clause has no `collateral 0x…` and the runtime configuration names none");
  }
  const digest = collateralDigest(collateralJson);
  if (digest !== pin) {
    return refusal(TDX_CODES.collateralDigest, `collateral digest ${digest} is not the pinned ${pin}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof collateralJson === "string" ? collateralJson : new TextDecoder("utf-8", { fatal: true }).decode(collateralJson));
  } catch {
    return refusal(TDX_CODES.malformed, "pinned collateral is not UTF-8 JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return refusal(TDX_CODES.malformed, "pinned collateral is not a JSON object");
  const record = parsed as Record<string, unknown>;
  const missing = COLLATERAL_FIELDS.filter((f) => typeof record[f] !== "string");
  if (missing.length > 0) return refusal(TDX_CODES.malformed, `pinned collateral lacks string field(s) ${missing.join(", ")}`);
  return record as unknown as Collateral;
}
