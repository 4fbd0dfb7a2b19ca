// Which root a quote is verified against. The quote's PCK chain names its root (the last
// certificate). Intel's root is always trusted; a test root only when the caller's trust
// names exactly that certificate. Any other root is refused (T2011) before verification.
import { X509Certificate } from "node:crypto";
import { constants, Quote, utils } from "@phala/dcap-qvl";
import { bytesEqual } from "../../../compiler/fingerprint/bytes.js";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";

/** What the caller trusts besides Intel's root: a test root CA (DER), for tests only. */
export interface TdxTrust {
  readonly testRoot?: Uint8Array;
}

export type TrustAnchor =
  | { readonly kind: "intel"; readonly rootDer: Uint8Array }
  | { readonly kind: "test"; readonly rootDer: Uint8Array };

const PCK_CERT_CHAIN_TYPE = 5;

/** The DER certificates of the PCK chain carried in the quote, leaf first. Quoting services zero-pad quotes (the Intel fixture has 70 zero bytes after its
 * auth data), which no signature covers: zero padding is allowed, any other trailing byte is not. */
export function quoteCertChain(quote: Uint8Array): Uint8Array[] | TdxRefusal {
  try {
    const parsed = Quote.parse(quote);
    const signed = parsed.signedLength();
    const total = signed + 4 + new DataView(quote.buffer, quote.byteOffset + signed, 4).getUint32(0, true);
    if (quote.subarray(total).some((b) => b !== 0)) {
      return refusal(TDX_CODES.malformed, `quote has non-zero bytes after its auth data (byte ${total} on); only zero padding may follow a quote`);
    }
    const certData = parsed.authData.intoV3().certificationData;
    if (certData.certType !== PCK_CERT_CHAIN_TYPE) {
      return refusal(TDX_CODES.malformed, `quote carries certification data type ${certData.certType}, not a PCK certificate chain (type 5)`);
    }
    const certs = utils.extractCerts(Buffer.from(certData.body));
    if (certs.length < 2) return refusal(TDX_CODES.malformed, "quote's PCK certificate chain has fewer than two certificates");
    return certs.map((c) => new Uint8Array(c));
  } catch (e) {
    return refusal(TDX_CODES.malformed, `quote does not parse as a DCAP quote (${errorMessage(e)})`);
  }
}

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

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
