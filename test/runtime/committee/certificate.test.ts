// Offline verification of commit certificates with only the membership (public keys and
// quorum): a genuine certificate passes; any tampering, an outsider, a duplicate signer
// or too few signatures fails with a reason. Real Ed25519 throughout.
import { describe, expect, it } from "vitest";
import { certificateFrom, checkMembership, verifyCertificate, type CommitCertificate, type CommitteeMembership } from "../../../runtime/committee/certificate.js";
import { signRoot } from "../../../runtime/replica/signed-root.js";
import { memberKeys } from "../support/committee-fixture.js";
import { LEDGER_CONTENT_HASH } from "../support/ledger-machine.js";

const keys = memberKeys(5);
const outsider = memberKeys(1, 9)[0];
const membership: CommitteeMembership = { organism: LEDGER_CONTENT_HASH, quorum: 3, members: keys.map((k) => k.publicKey) };
const ROOT = "5a".repeat(32);
const OTHER_ROOT = "a5".repeat(32);

function certBy(signers: number[], index = 7, root = ROOT): CommitCertificate {
  return certificateFrom(membership, signers.map((i) => signRoot(keys[i], LEDGER_CONTENT_HASH, index, root)));
}

/** Flip one hex digit. */
const flip = (hex: string, at = 0) => hex.slice(0, at) + (hex[at] === "0" ? "1" : "0") + hex.slice(at + 1);

describe("commit certificates", () => {
  it("verify offline with the members' public keys and the quorum", () => {
    const cert = certBy([4, 0, 2]);
    expect(cert.signatures.map((s) => s.publicKey)).toEqual([0, 2, 4].map((i) => keys[i].publicKey)); // membership order
    expect(verifyCertificate(cert, membership)).toEqual({ ok: true });
    expect(verifyCertificate(JSON.parse(JSON.stringify(cert)), membership)).toEqual({ ok: true });
    expect(verifyCertificate(certBy([0, 1, 2, 3, 4]), membership)).toEqual({ ok: true });
  });

  it.each<[string, (c: CommitCertificate) => CommitCertificate, RegExp]>([
    ["a tampered root", (c) => ({ ...c, root: OTHER_ROOT }), /does not verify/],
    ["a tampered index", (c) => ({ ...c, index: c.index + 1 }), /does not verify/],
    ["a tampered organism", (c) => ({ ...c, organism: flip(c.organism) }), /organism/],
    ["a tampered signature", (c) => ({ ...c, signatures: c.signatures.map((s, i) => (i === 1 ? { ...s, signature: flip(s.signature, 10) } : s)) }), /signature 2 .* does not verify/],
    ["a signature moved to another member", (c) => ({ ...c, signatures: [c.signatures[0], { ...c.signatures[1], publicKey: keys[3].publicKey }, c.signatures[2]] }), /does not verify/],
    ["too few signatures", (c) => ({ ...c, signatures: c.signatures.slice(0, 2) }), /fewer than the quorum 3/],
    ["a duplicate signer", (c) => ({ ...c, signatures: [c.signatures[0], c.signatures[1], c.signatures[1]] }), /signed twice/],
    ["an index that is not a log index", (c) => ({ ...c, index: 0 }), /not a log index/],
    ["a root that is not a digest", (c) => ({ ...c, root: "zz" }), /not a digest/],
    ["no signature list", (c) => ({ ...c, signatures: undefined as never }), /no signature list/],
  ])("fail on %s", (_, tamper, reason) => {
    const check = verifyCertificate(tamper(certBy([0, 1, 2])), membership);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  it("fail on a signer outside the membership, even with a valid signature", () => {
    const foreign = signRoot(outsider, LEDGER_CONTENT_HASH, 7, ROOT);
    const cert = certBy([0, 1]);
    const padded = { ...cert, signatures: [...cert.signatures, { publicKey: foreign.publicKey, signature: foreign.signature }] };
    const check = verifyCertificate(padded, membership);
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/not a committee member/) });
  });

  it("fail against another organism's membership, or a membership with another quorum", () => {
    const cert = certBy([0, 1, 2]);
    expect(verifyCertificate(cert, { ...membership, organism: "00".repeat(32) }).ok).toBe(false);
    expect(verifyCertificate(cert, { ...membership, quorum: 4 })).toEqual({ ok: false, reason: expect.stringMatching(/fewer than the quorum 4/) });
  });

  it("refuse a membership that is not a strict-majority committee", () => {
    expect(checkMembership({ ...membership, quorum: 2 }).ok).toBe(false); // 2 of 5
    expect(checkMembership({ ...membership, quorum: 6 }).ok).toBe(false);
    expect(checkMembership({ ...membership, members: [keys[0].publicKey, keys[0].publicKey, keys[1].publicKey], quorum: 2 }).ok).toBe(false);
    expect(checkMembership({ organism: LEDGER_CONTENT_HASH, quorum: 1, members: [keys[0].publicKey] })).toEqual({ ok: true });
    expect(verifyCertificate(certBy([0, 1, 2]), { ...membership, quorum: 2 }).ok).toBe(false);
  });
});
