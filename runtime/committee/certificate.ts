// Commit certificates: a quorum of committee members' signatures over one (organism,
// log index, state root) statement (the message is defined in replica/signed-root.ts).
// A consumer checks one offline with nothing but the committee's membership — the
// members' public keys and the quorum — and, if it cares, the organism it expects. An
// attested committee's certificates also list each signer's attestation record and the
// commit time (attested-certificate.ts), checked when the membership lists attestations.
import type { MemberAttestation } from "./attestation.js";
import { attestationsProblem, checkAttestedSigners } from "./attested-certificate.js";
import { verifyRootSignature, type RootVote } from "../replica/signed-root.js";
import { isHex32 } from "../replica/state-machine.js";

export interface CertificateSignature {
  /** The member's Ed25519 public key, hex. */
  readonly publicKey: string;
  /** Ed25519 signature of commitVoteMessage(organism, index, root), hex. */
  readonly signature: string;
  /** Attested committees only: the signer's admission record. */
  readonly attestation?: MemberAttestation;
}

/** Plain JSON: it is written to data directories and handed to consumers as is. */
export interface CommitCertificate {
  readonly organism: string;
  readonly index: number;
  readonly root: string;
  /** Distinct members, in membership order, at least a quorum of them. */
  readonly signatures: readonly CertificateSignature[];
  /** Attested committees only: the run's admission clock (Unix seconds) when the commit was recorded. */
  readonly at?: number;
}

/** What a verifier trusts: the committee's public keys and its quorum (`committee q of n`). */
export interface CommitteeMembership {
  readonly organism: string;
  readonly quorum: number;
  readonly members: readonly string[];
  /**
   * Present when the committee was admitted on TDX tickets: every admission record the
   * verifier trusts (a member re-admitted in a later run has several). Then every signer
   * of a certificate must list one of its records, holding at the certificate's time.
   */
  readonly attestations?: readonly MemberAttestation[];
}

export type CertificateCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Checks a membership's own shape: distinct well-formed keys, and 1 ≤ quorum ≤ n with a strict majority. */
export function checkMembership(m: CommitteeMembership): CertificateCheck {
  if (!Array.isArray(m.members) || m.members.length === 0) return { ok: false, reason: "a committee has at least one member" };
  if (!isHex32(m.organism)) return { ok: false, reason: "membership organism is not a content hash" };
  if (!m.members.every(isHex32)) return { ok: false, reason: "a member key is not 64 lower-case hex digits" };
  if (new Set(m.members).size !== m.members.length) return { ok: false, reason: "a member key is listed twice" };
  const n = m.members.length;
  if (!Number.isInteger(m.quorum) || m.quorum < 1 || m.quorum > n || 2 * m.quorum <= n) {
    return { ok: false, reason: `quorum ${m.quorum} of ${n} is not a strict majority` };
  }
  const attested = m.attestations === undefined ? undefined : attestationsProblem(m.attestations, m.members);
  if (attested !== undefined) return { ok: false, reason: attested };
  return { ok: true };
}

/** The certificate assembled from matching votes (any order; kept in membership order). */
export function certificateFrom(membership: CommitteeMembership, votes: readonly RootVote[]): CommitCertificate {
  const [first] = votes;
  if (first === undefined) throw new RangeError("a certificate needs at least one vote");
  const order = new Map(membership.members.map((k, i) => [k, i]));
  const signatures = [...votes]
    .sort((a, b) => (order.get(a.publicKey) ?? Infinity) - (order.get(b.publicKey) ?? Infinity))
    .map((v) => {
      if (v.organism !== first.organism || v.index !== first.index || v.root !== first.root) {
        throw new RangeError("internal error: votes of a certificate disagree");
      }
      return { publicKey: v.publicKey, signature: v.signature };
    });
  return { organism: first.organism, index: first.index, root: first.root, signatures };
}

/**
 * Verifies a certificate offline. Every listed signature must be a member's, listed once,
 * and valid — one bad signature fails the whole certificate rather than being skipped,
 * since it can only come from tampering — and there must be at least a quorum of them.
 * For an attested membership, every signer's attestation record must be one the
 * membership lists and hold at the certificate's time. A membership without attestations
 * checks the signatures only (the records a certificate may carry are then not read).
 */
export function verifyCertificate(cert: CommitCertificate, membership: CommitteeMembership): CertificateCheck {
  const m = checkMembership(membership);
  if (!m.ok) return m;
  if (typeof cert !== "object" || cert === null) return { ok: false, reason: "certificate is not an object" };
  if (cert.organism !== membership.organism) {
    return { ok: false, reason: `certificate is for organism ${String(cert.organism)}, not ${membership.organism}` };
  }
  if (!Number.isSafeInteger(cert.index) || cert.index < 1) return { ok: false, reason: "certificate index is not a log index" };
  if (!isHex32(cert.root)) return { ok: false, reason: "certificate root is not a digest" };
  if (!Array.isArray(cert.signatures)) return { ok: false, reason: "certificate has no signature list" };
  const members = new Set(membership.members);
  const seen = new Set<string>();
  for (const [i, s] of cert.signatures.entries()) {
    const who = typeof s?.publicKey === "string" ? s.publicKey : "?";
    if (!members.has(who)) return { ok: false, reason: `signature ${i + 1} is by ${who}, not a committee member` };
    if (seen.has(who)) return { ok: false, reason: `member ${who} signed twice` };
    seen.add(who);
    if (!verifyRootSignature(who, cert.organism, cert.index, cert.root, s.signature)) {
      return { ok: false, reason: `signature ${i + 1} (member ${who}) does not verify for index ${cert.index}, root ${cert.root}` };
    }
  }
  if (seen.size < membership.quorum) {
    return { ok: false, reason: `${seen.size} member signature(s), fewer than the quorum ${membership.quorum}` };
  }
  return membership.attestations === undefined ? { ok: true } : checkAttestedSigners(cert, membership.attestations);
}
