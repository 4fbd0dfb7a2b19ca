// Random damage to an admitted synthetic quote (byte flips, truncation, appended bytes)
// never throws and never admits: every outcome is a refusal with a T2xxx code. (dcap-qvl
// alone ignores bytes after the auth data; checkTdxTicket admits only zero padding there.)
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTdxTicket, collateralDigest, type TdxClausePolicy, type TdxExtraData } from "../../../../runtime/admission/tdx/index.js";
import { createTestPki, syntheticTicket } from "../../../../runtime/admission/tdx/test-pki/index.js";

const ISSUED = 1767225600n;
const NOW = ISSUED + 600n;
const pki = createTestPki({ issuedAt: ISSUED });
const extra: TdxExtraData = { peerId: new Uint8Array(32).fill(4), networkId: new Uint8Array(32).fill(5), startedAt: NOW - 60n, quotedAt: NOW - 30n, expiration: { kind: "never" } };
const contentHash = new Uint8Array(32).fill(6);
const clause: TdxClausePolicy = { baseline: { mrtd: new Uint8Array(48).fill(7) }, variants: [], collateral: collateralDigest(pki.collateralJson) };
const good = syntheticTicket(pki, { registers: { mrtd: new Uint8Array(48).fill(7) }, extra, contentHash });
const ctx = { now: NOW, peerKey: extra.peerId, networkId: extra.networkId, contentHash, collateral: pki.collateralJson, trust: { testRoot: pki.rootDer } };

// The PEM text of the embedded PCK chain is not signed byte for byte: dcap-qvl's base64
// decoding skips stray whitespace, so a flipped newline there can still verify (the DER, which
// is signed, is unchanged). Flips are drawn from everything before the PEM text.
const PEM_START = Buffer.from(good.quote).indexOf("-----BEGIN CERTIFICATE-----");

const damage = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat({ max: PEM_START - 1 }), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat({ max: good.quote.length - 1 }), mask: fc.constant(0) }),
  fc.record({ kind: fc.constant("append" as const), at: fc.integer({ min: 1, max: 64 }), mask: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("append" as const), at: fc.integer({ min: 1, max: 64 }), mask: fc.constant(0) }),
);

function apply(d: { kind: "flip" | "truncate" | "append"; at: number; mask: number }): Uint8Array {
  if (d.kind === "truncate") return good.quote.slice(0, d.at);
  if (d.kind === "append") return new Uint8Array([...good.quote, ...new Uint8Array(d.at).fill(d.mask)]);
  const q = good.quote.slice();
  q[d.at] = (q[d.at] as number) ^ d.mask;
  return q;
}

describe("damaged quotes", () => {
  it("the undamaged quote is admitted", () => {
    expect(PEM_START).toBeGreaterThan(1000);
    expect(checkTdxTicket(clause, good, ctx).admitted).toBe(true);
  });

  it("are refused with a code, never thrown", () => {
    fc.assert(
      fc.property(damage, (d) => {
        const q = apply(d);
        const decision = checkTdxTicket(clause, { ...good, quote: q }, ctx);
        if (d.kind === "append" && d.mask === 0) return decision.admitted; // zero padding, as quoting services add
        return decision.admitted === false && /^T20\d\d$/.test(decision.code);
      }),
      { numRuns: 60 },
    );
  });
});
