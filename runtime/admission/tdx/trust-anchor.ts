// Which root a quote is verified against. The quote's PCK chain names its root (the last
// certificate). Intel's root is always trusted; a test root only when the caller's trust
// names exactly that certificate. Any other root is refused (T2011) before verification.
import { X509Certificate } from "node:crypto";
import { constants } from "@phala/dcap-qvl";
import { bytesEqual } from "../../../compiler/fingerprint/bytes.js";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";

/** What the caller trusts besides Intel's root: a test root CA (DER), for tests only. */
export interface TdxTrust {
  readonly testRoot?: Uint8Array;
}

export type TrustAnchor =
  | { readonly kind: "intel"; readonly rootDer: Uint8Array }
  | { readonly kind: "test"; readonly rootDer: Uint8Array };

export function trustAnchorFor(chain: readonly Uint8Array[], trust: TdxTrust): TrustAnchor | TdxRefusal {
  const claimedRoot = chain[chain.length - 1] as Uint8Array;
  const intel = new Uint8Array(constants.TRUSTED_ROOT_CA_DER);
  if (bytesEqual(claimedRoot, intel)) return { kind: "intel", rootDer: intel };
  if (trust.testRoot && bytesEqual(claimedRoot, trust.testRoot)) return { kind: "test", rootDer: trust.testRoot };
  const subject = subjectOf(claimedRoot);
  return refusal(
    TDX_CODES.testRootUntrusted,
    `quote chains to a root that is not Intel's${subject ? ` (${subject})` : ""} and is not a trusted test root; trust a test root only in tests, via trust.testRoot`,
  );
}

function subjectOf(der: Uint8Array): string | undefined {
  try {
    return new X509Certificate(der).subject.replace(/\n/g, ", ");
  } catch {
    return undefined;
  }
}
