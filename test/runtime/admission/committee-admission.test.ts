// TDX-bound committee membership: replicas whose test-PKI quotes carry the organism's
// measurements and bind their own key and the organism's content hash are admitted; a
// quote made for the previous policy version (another content hash), one for another
// replica's key, or one from another image is refused with its code; an organism without
// `measurements` has no attested membership.
import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "../../../compiler/fingerprint/bytes.js";
import { admitCommittee } from "../../../runtime/admission/committee-admission.js";
import { collateralDigest } from "../../../runtime/admission/tdx/collateral-pin.js";
import { createTestPki, syntheticTicket } from "../../../runtime/admission/tdx/test-pki/index.js";
import { decodeTdxTicket, encodeTdxTicket } from "../../../runtime/admission/tdx/ticket-bytes.js";
import { blake3 } from "@noble/hashes/blake3.js";
import { ok } from "../../check/support.js";

const MRTD = "2f".repeat(48);
const NOW = 1_796_256_000n;
const NETWORK = "11".repeat(32);
const source = (measured: boolean) => `organism Vault {
  instance "test.vault"
  committee 2 of 3
  ${measured ? `measurements { mrtd = 0x${MRTD} }` : ""}
  state { n: u64 = 0 }
  on bump() { n += 1 }
}
`;
const vault = (measured: boolean) => ok(source(measured)).modules.flatMap((m) => m.organisms)[0];

describe("admitCommittee", () => {
  const pki = createTestPki({ issuedAt: NOW - 86_400n });
  const contentHash = "ab".repeat(32);
  const config = { contentHash, collateral: pki.collateralJson, collateralPin: collateralDigest(pki.collateralJson), trust: { testRoot: pki.rootDer } };
  const ticket = (peer: string, o: { mrtd?: string; boundTo?: string; hash?: string } = {}) => {
    const extra = { peerId: fromHex(o.boundTo ?? peer)!, networkId: fromHex(NETWORK)!, startedAt: NOW - 600n, quotedAt: NOW - 60n, expiration: { kind: "at" as const, unix: NOW + 3_600n } };
    const t = syntheticTicket(pki, { registers: { mrtd: fromHex(o.mrtd ?? MRTD)! }, extra, contentHash: fromHex(o.hash ?? contentHash)! });
    return { publicKey: peer, ticket: encodeTdxTicket(t.quote, extra) };
  };

  it("admits replicas running the measured image bound to their key and this policy, and refuses the others", async () => {
    const [a, b, c, d, e] = ["01", "02", "03", "04", "05"].map((x) => x.repeat(32));
    const out = await admitCommittee(vault(true), [ticket(a), ticket(b), ticket(c, { hash: "cd".repeat(32) }), ticket(d, { boundTo: a }), ticket(e, { mrtd: "ee".repeat(48) })], { ...config, now: NOW, networkId: NETWORK });
    expect(out.attested).toBe(true);
    if (!out.attested) return;
    expect(out.members.map((m) => (m.decision.admitted ? "ok" : m.decision.code))).toEqual(["ok", "ok", "T2010", "T2009", "T2004"]);
    expect(out.members[0].decision).toMatchObject({ admitted: true, expires: { kind: "at", unix: NOW + 3_600n } });
    expect(out.members[0].warnings.join(" ")).toMatch(/test root/i);
    expect(out.members[0].attestation).toEqual({
      publicKey: a,
      quoteDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      mrtd: MRTD,
      validator: "committee measurements [TEST ROOT]",
      admittedAt: Number(NOW),
      expiresAt: Number(NOW + 3_600n),
    });
    expect(out.members.slice(2).map((m) => m.attestation)).toEqual([undefined, undefined, undefined]);
  });

  it("records the digest of the quote a member was admitted on, and refuses a replica that presents no ticket (A1030)", async () => {
    const a = "01".repeat(32);
    const presented = ticket(a);
    const out = await admitCommittee(vault(true), [presented, { publicKey: "02".repeat(32) }], { ...config, now: NOW, networkId: NETWORK });
    if (!out.attested) throw new Error("not attested");
    const decoded = decodeTdxTicket(presented.ticket);
    if (!("quote" in decoded)) throw new Error("the test ticket does not decode");
    expect(out.members[0].attestation?.quoteDigest).toBe(toHex(blake3(decoded.quote)));
    expect(out.members[1].decision).toEqual({ admitted: false, validator: "committee measurements", code: "A1030", reason: "no TDX ticket was presented for this replica" });
  });

  it("has no attested membership without measurements", async () => {
    const out = await admitCommittee(vault(false), [ticket("01".repeat(32))], { ...config, now: NOW, networkId: NETWORK });
    expect(out).toEqual({ attested: false, reason: "Vault declares no measurements: its committee membership is not attested" });
  });
});
