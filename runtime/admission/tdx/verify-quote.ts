// Signature, chain, CRL and TCB-level verification of a DCAP quote with @phala/dcap-qvl,
// at the caller's fixed `now`, against one trust anchor. dcap-qvl throws on failure; its
// messages are mapped onto stable codes here (the message travels in the reason).
import { QuoteVerifier, type Collateral, type VerifiedReport } from "@phala/dcap-qvl";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";
import { errorMessage } from "./error-message.js";
import type { TrustAnchor } from "./trust-anchor.js";

/** dcap-qvl messages that mean "collateral or a certificate is outside its validity window". */
const VALIDITY_MESSAGES = [
  "TCBInfo expired",
  "TCBInfo issue date is in the future",
  "QE Identity expired",
  "QE Identity issue date is in the future",
  "Certificate is expired or not yet valid",
];

const MALFORMED_MESSAGES = ["Failed to decode quote", "Failed to decode TcbInfo", "Failed to decode QeIdentity", "Unsupported DCAP", "TDX TEE quote must have version"];

const TCB_MESSAGES = ["TCB status is invalid", "No matching TCB level found"];

export function verifyQuote(quote: Uint8Array, collateral: Collateral, now: bigint, anchor: TrustAnchor): VerifiedReport | TdxRefusal {
  if (now < 0n || now > BigInt(Number.MAX_SAFE_INTEGER)) return refusal(TDX_CODES.malformed, `now ${now} is not a usable Unix time`);
  try {
    return QuoteVerifier.newWithRootCa(Buffer.from(anchor.rootDer)).verify(quote, collateral, Number(now));
  } catch (e) {
    return classify(errorMessage(e));
  }
}

function classify(message: string): TdxRefusal {
  if (VALIDITY_MESSAGES.some((m) => message.startsWith(m))) return refusal(TDX_CODES.collateralExpired, `collateral or certificate not valid at now: ${message}`);
  if (MALFORMED_MESSAGES.some((m) => message.startsWith(m))) return refusal(TDX_CODES.malformed, `malformed quote or collateral: ${message}`);
  if (TCB_MESSAGES.some((m) => message.startsWith(m))) return refusal(TDX_CODES.tcbStatus, `platform TCB not acceptable: ${message}`);
  return refusal(TDX_CODES.quoteInvalid, `quote verification failed: ${message}`);
}
