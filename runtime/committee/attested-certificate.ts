// The attested part of a commit certificate. When an organism's committee was admitted on
// TDX tickets, each certificate carries its commit time (`at`: the run's admission clock
// when the commit was recorded) and, beside each signature, the signer's attestation
// record. The signed statement itself is unchanged (replica/signed-root.ts): the records
// and `at` are checked against what the verifier trusts — the attested membership — not
// against the signatures.
import type { CertificateCheck, CommitCertificate } from "./certificate.js";
import { attestationHoldsAt, attestationShapeProblem, sameAttestation, type MemberAttestation } from "./attestation.js";

/** A certificate of an attested committee: every signer's record, and the commit time. */
export function attestedCertificate(cert: CommitCertificate, records: ReadonlyMap<string, MemberAttestation>, at: number): CommitCertificate {
  const signatures = cert.signatures.map((s) => {
    const attestation = records.get(s.publicKey);
    if (attestation === undefined) throw new RangeError(`internal error: member ${s.publicKey} signed but has no attestation record`);
    return { ...s, attestation };
  });
  return { ...cert, at, signatures };
}

/** Checks every signer of `cert` against the trusted records (several per key when a member was re-admitted). */
export function checkAttestedSigners(cert: CommitCertificate, trusted: readonly MemberAttestation[]): CertificateCheck {
  const at = cert.at;
  if (at === undefined || !Number.isSafeInteger(at)) return { ok: false, reason: "the committee is attested, but the certificate has no commit time (at)" };
  for (const [i, s] of cert.signatures.entries()) {
    const who = `signature ${i + 1} (member ${s.publicKey})`;
    const a = s.attestation;
    if (a === undefined) return { ok: false, reason: `${who} lists no attestation record, but the committee is attested` };
    const shape = attestationShapeProblem(a);
    if (shape !== undefined) return { ok: false, reason: `${who}: its attestation record ${shape}` };
    if (a.publicKey !== s.publicKey) return { ok: false, reason: `${who}: its attestation record is for ${a.publicKey}` };
    const own = trusted.filter((t) => t.publicKey === s.publicKey);
    if (own.length === 0) return { ok: false, reason: `${who} is not an attested member: it was never admitted on a TDX ticket` };
    if (!own.some((t) => sameAttestation(t, a))) {
      return { ok: false, reason: `${who}: its attestation record (quote ${a.quoteDigest.slice(0, 16)}…, MR_TD ${a.mrtd.slice(0, 16)}…) is not one it was admitted with` };
    }
    if (!attestationHoldsAt(a, at)) {
      const window = `admitted at ${a.admittedAt}${a.expiresAt === null ? ", no expiry" : `, expired at ${a.expiresAt}`}`;
      return { ok: false, reason: `${who}: the commit at ${at} is outside its admission (${window})` };
    }
  }
  return { ok: true };
}

/** Why a membership's attestation records do not fit it, or undefined. */
export function attestationsProblem(records: readonly MemberAttestation[], members: readonly string[]): string | undefined {
  const keys = new Set(members);
  for (const [i, r] of records.entries()) {
    const shape = attestationShapeProblem(r);
    if (shape !== undefined) return `attestation record ${i + 1} ${shape}`;
    if (!keys.has(r.publicKey)) return `attestation record ${i + 1} is for ${r.publicKey}, not a committee member`;
  }
  return undefined;
}
