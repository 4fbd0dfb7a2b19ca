// Attested committee membership: the record of one replica's admission to an organism's
// committee on a TDX ticket (runtime/admission/committee-admission.ts), as it is kept in a
// data directory's admissions.jsonl and listed, for every signer, in the certificates of
// an attested committee. A verifier that trusts a set of these records refuses a
// certificate whose signer has none, whose record is not one of the trusted ones, or
// whose commit time is outside the signer's admission (certificate.ts).
import { isHex32 } from "../replica/state-machine.js";

export interface MemberAttestation {
  /** The member's Ed25519 public key (its peer id), hex. */
  readonly publicKey: string;
  /** BLAKE3-256 of the DCAP quote of the TDX ticket the member was admitted on, hex. */
  readonly quoteDigest: string;
  /** MR_TD of the verified TD report, 96 hex digits. */
  readonly mrtd: string;
  /** The validator that admitted it, e.g. "committee measurements [TEST ROOT]". */
  readonly validator: string;
  /** The admission clock (Unix seconds) when the ticket was checked. */
  readonly admittedAt: number;
  /** When the admission stops holding (Unix seconds, exclusive); null: never. */
  readonly expiresAt: number | null;
}

const isHex = (s: unknown, digits: number) => typeof s === "string" && s.length === digits && /^[0-9a-f]+$/.test(s);
const isSeconds = (n: unknown) => Number.isSafeInteger(n);

/** Why a value is not a well-formed attestation record, or undefined when it is one. */
export function attestationShapeProblem(a: unknown): string | undefined {
  if (typeof a !== "object" || a === null) return "is not an object";
  const r = a as Record<string, unknown>;
  if (!isHex32(r.publicKey)) return "has no 64-hex-digit publicKey";
  if (!isHex(r.quoteDigest, 64)) return "has no 64-hex-digit quoteDigest";
  if (!isHex(r.mrtd, 96)) return "has no 96-hex-digit mrtd";
  if (typeof r.validator !== "string" || r.validator === "") return "names no validator";
  if (!isSeconds(r.admittedAt)) return "has no admittedAt time";
  if (r.expiresAt !== null && !isSeconds(r.expiresAt)) return "has an expiresAt that is neither a time nor null";
  return undefined;
}

/** Field by field: a record listed in a certificate is exactly one the verifier trusts. */
export function sameAttestation(a: MemberAttestation, b: MemberAttestation): boolean {
  return (
    a.publicKey === b.publicKey &&
    a.quoteDigest === b.quoteDigest &&
    a.mrtd === b.mrtd &&
    a.validator === b.validator &&
    a.admittedAt === b.admittedAt &&
    a.expiresAt === b.expiresAt
  );
}

/** True while the admission holds at `at` (Unix seconds): from admittedAt, until expiresAt (exclusive). */
export function attestationHoldsAt(a: MemberAttestation, at: number): boolean {
  return at >= a.admittedAt && (a.expiresAt === null || at < a.expiresAt);
}
