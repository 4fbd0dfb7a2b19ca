// The PCK certificate chain a DCAP quote carries (certification data type 5 inside the QE
// report certification data), read before verification so the trust anchor can be chosen.
import { Quote, utils } from "@phala/dcap-qvl";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";
import { errorMessage } from "./error-message.js";

const PCK_CERT_CHAIN_TYPE = 5;

/**
 * The DER certificates of the PCK chain carried in the quote, leaf first. Quoting services
 * zero-pad quotes (the Intel fixture has 70 zero bytes after its auth data), which no
 * signature covers: zero padding is allowed, any other trailing byte is not.
 */
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
