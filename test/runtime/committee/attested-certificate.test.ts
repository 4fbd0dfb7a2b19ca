// Certificates of a TDX-attested committee: each signer lists its admission record and the
// certificate its commit time. Verified against an attested membership, a genuine one
// passes; a signer without a record, a record that is not the trusted one, a member that
// was never admitted, and a commit outside a signer's admission are refused, each with
// its own reason. A plain membership (keys and quorum only) still verifies signatures.
import { describe, expect, it } from "vitest";
import type { MemberAttestation } from "../../../runtime/committee/attestation.js";
import { attestedCertificate } from "../../../runtime/committee/attested-certificate.js";
import { certificateFrom, checkMembership, verifyCertificate, type CommitCertificate, type CommitteeMembership } from "../../../runtime/committee/certificate.js";
import { signRoot } from "../../../runtime/replica/signed-root.js";
import { memberKeys } from "../support/committee-fixture.js";
import { LEDGER_CONTENT_HASH } from "../support/ledger-machine.js";

const keys = memberKeys(3);
const ROOT = "5a".repeat(32);
const ADMITTED = 1_796_256_000;
const EXPIRES = ADMITTED + 86_400;
const record = (i: number, over: Partial<MemberAttestation> = {}): MemberAttestation => ({
  publicKey: keys[i].publicKey,
  quoteDigest: String(i).repeat(64),
  mrtd: "2f".repeat(48),
  validator: "committee measurements [TEST ROOT]",
  admittedAt: ADMITTED,
  expiresAt: EXPIRES,
  ...over,
});
// Members 0 and 1 were admitted; member 2 was refused (it is a key of the data directory, not an attested member).
const records = [record(0), record(1)];
const plain: CommitteeMembership = { organism: LEDGER_CONTENT_HASH, quorum: 2, members: keys.map((k) => k.publicKey) };
const attested: CommitteeMembership = { ...plain, attestations: records };

function certBy(signers: number[], at = ADMITTED + 60, listed: readonly MemberAttestation[] = [...records, record(2)]): CommitCertificate {
  const cert = certificateFrom(plain, signers.map((i) => signRoot(keys[i], LEDGER_CONTENT_HASH, 7, ROOT)));
  return attestedCertificate(cert, new Map(listed.map((r) => [r.publicKey, r])), at);
}

const withSignature = (c: CommitCertificate, i: number, change: (s: CommitCertificate["signatures"][number]) => object): CommitCertificate => ({
  ...c,
  signatures: c.signatures.map((s, k) => (k === i ? { ...s, ...change(s) } : s)) as CommitCertificate["signatures"],
});

describe("certificates of an attested committee", () => {
  it("list every signer's attestation record and the commit time, and verify", () => {
    const cert = certBy([0, 1]);
    expect(cert.at).toBe(ADMITTED + 60);
    expect(cert.signatures.map((s) => s.attestation)).toEqual(records);
    expect(verifyCertificate(cert, attested)).toEqual({ ok: true });
    expect(verifyCertificate(JSON.parse(JSON.stringify(cert)), attested)).toEqual({ ok: true });
  });

  it("still verify by their signatures alone against a plain membership", () => {
    expect(verifyCertificate(certBy([0, 1]), plain)).toEqual({ ok: true });
  });

  it("accept a member's record from an earlier admission (re-admitted in a later run)", () => {
    const again = (i: number) => record(i, { quoteDigest: "ab".repeat(32), admittedAt: EXPIRES - 10, expiresAt: EXPIRES + 86_400 });
    const membership = { ...attested, attestations: [...records, again(0), again(1)] };
    expect(verifyCertificate(certBy([0, 1], ADMITTED + 60), membership)).toEqual({ ok: true });
    expect(verifyCertificate(certBy([0, 1], EXPIRES + 5, [again(0), again(1)]), membership)).toEqual({ ok: true });
    // The first admission's records do not hold after they expired, whatever else is trusted.
    expect(verifyCertificate(certBy([0, 1], EXPIRES + 5), membership).ok).toBe(false);
  });

  it.each<[string, (c: CommitCertificate) => CommitCertificate, RegExp]>([
    ["a signer without its attestation record", (c) => withSignature(c, 1, () => ({ attestation: undefined })), /signature 2 \(member [0-9a-f]{64}\) lists no attestation record, but the committee is attested/],
    ["a tampered MR_TD in a record", (c) => withSignature(c, 0, (s) => ({ attestation: { ...s.attestation!, mrtd: "ee".repeat(48) } })), /signature 1 .*: its attestation record \(quote 0{16}…, MR_TD e{16}…\) is not one it was admitted with/],
    ["a tampered quote digest", (c) => withSignature(c, 0, (s) => ({ attestation: { ...s.attestation!, quoteDigest: "cd".repeat(32) } })), /is not one it was admitted with/],
    ["a lengthened expiry", (c) => withSignature(c, 1, (s) => ({ attestation: { ...s.attestation!, expiresAt: EXPIRES + 1 } })), /signature 2 .* is not one it was admitted with/],
    ["another member's record", (c) => withSignature(c, 1, () => ({ attestation: records[0] })), /signature 2 .*: its attestation record is for [0-9a-f]{64}/],
    ["a malformed record", (c) => withSignature(c, 0, (s) => ({ attestation: { ...s.attestation!, mrtd: "2f" } })), /signature 1 .*: its attestation record has no 96-hex-digit mrtd/],
    ["no commit time", (c) => ({ ...c, at: undefined }), /the committee is attested, but the certificate has no commit time/],
  ])("refuse %s", (_what, tamper, reason) => {
    const check = verifyCertificate(tamper(certBy([0, 1])), attested);
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it("refuse a signature by a member that was never admitted, even with a well-formed record", () => {
    const check = verifyCertificate(certBy([0, 2]), attested);
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/signature 2 \(member [0-9a-f]{64}\) is not an attested member: it was never admitted on a TDX ticket/) });
  });

  it("refuse a commit at or after a signer's admission expired, or before it was admitted", () => {
    expect(verifyCertificate(certBy([0, 1], EXPIRES - 1), attested)).toEqual({ ok: true });
    expect(verifyCertificate(certBy([0, 1], EXPIRES), attested)).toEqual({ ok: false, reason: `signature 1 (member ${keys[0].publicKey}): the commit at ${EXPIRES} is outside its admission (admitted at ${ADMITTED}, expired at ${EXPIRES})` });
    expect(verifyCertificate(certBy([0, 1], ADMITTED - 1), attested).ok).toBe(false);
  });

  it("need the membership's records to be well formed and of its members", () => {
    expect(checkMembership(attested)).toEqual({ ok: true });
    const stranger = { ...record(0), publicKey: "77".repeat(32) };
    expect(checkMembership({ ...attested, attestations: [...records, stranger] })).toEqual({ ok: false, reason: `attestation record 3 is for ${"77".repeat(32)}, not a committee member` });
    expect(checkMembership({ ...attested, attestations: [{ ...records[0], expiresAt: 1.5 }] })).toEqual({ ok: false, reason: "attestation record 1 has an expiresAt that is neither a time nor null" });
  });
});
