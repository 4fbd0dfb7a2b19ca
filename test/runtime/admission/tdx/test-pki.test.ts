// Synthetic TDX quotes from the test PKI through checkTdxTicket: admitted only when the
// caller trusts the test root (and then marked TEST ROOT), and each policy refusal of a
// tdx clause exercised with a quote that differs from an admitted one in one respect.
import { verify } from "@phala/dcap-qvl";
import { describe, expect, it } from "vitest";
import { checkTdxTicket, collateralDigest, TEST_ROOT_WARNING, type TdxCheckContext, type TdxClausePolicy, type TdxExtraData } from "../../../../runtime/admission/tdx/index.js";
import { createTestPki, syntheticTicket, type SyntheticTicketSpec } from "../../../../runtime/admission/tdx/test-pki/index.js";

const ISSUED = 1767225600n; // 2026-01-01T00:00:00Z
const NOW = ISSUED + 7_200n;
const HOUR = 3_600n;
const pki = createTestPki({ issuedAt: ISSUED });
const reg = (b: number) => new Uint8Array(48).fill(b);
const id32 = (b: number) => new Uint8Array(32).fill(b);

const PEER = id32(0xa1);
const NETWORK = id32(0xb2);
const CONTENT_V2 = id32(0xc2);
const CONTENT_V1 = id32(0xc1);
const MRTD = reg(0x10);
const RTMR1 = reg(0x11);
const RTMR2_A = reg(0x2a);
const RTMR2_B = reg(0x2b);

const clause: TdxClausePolicy = {
  name: "AttestedHost",
  baseline: { mrtd: MRTD, rtmr1: RTMR1 },
  variants: [{ rtmr2: RTMR2_A }, { rtmr2: RTMR2_B }],
  maxAgeSecs: HOUR,
  notBeforeUnix: ISSUED,
  maxLifetimeSecs: 24n * HOUR,
  collateral: collateralDigest(pki.collateralJson),
};

const extra = (over: Partial<TdxExtraData> = {}): TdxExtraData => ({
  peerId: PEER,
  networkId: NETWORK,
  startedAt: NOW - 2n * HOUR,
  quotedAt: NOW - 60n,
  expiration: { kind: "at", unix: NOW + HOUR },
  ...over,
});
const spec = (over: Partial<SyntheticTicketSpec> = {}): SyntheticTicketSpec => ({
  registers: { mrtd: MRTD, rtmr1: RTMR1, rtmr2: RTMR2_A },
  extra: extra(),
  contentHash: CONTENT_V2,
  ...over,
});
const ctx = (over: Partial<TdxCheckContext> = {}): TdxCheckContext => ({
  now: NOW,
  peerKey: PEER,
  networkId: NETWORK,
  contentHash: CONTENT_V2,
  collateral: pki.collateralJson,
  trust: { testRoot: pki.rootDer },
  ...over,
});
const good = syntheticTicket(pki, spec());

describe("test PKI quotes", () => {
  it("are admitted under a trusted test root, loudly marked TEST ROOT", () => {
    const d = checkTdxTicket(clause, good, ctx());
    expect(d).toMatchObject({ admitted: true, validator: "AttestedHost [TEST ROOT]", expires: { kind: "at", unix: NOW + HOUR }, tcbStatus: "UpToDate" });
    expect(d.warnings).toEqual([TEST_ROOT_WARNING]);
  });

  it("the other variant is admitted too", () => {
    expect(checkTdxTicket(clause, syntheticTicket(pki, spec({ registers: { mrtd: MRTD, rtmr1: RTMR1, rtmr2: RTMR2_B } })), ctx()).admitted).toBe(true);
  });

  it("are refused (T2011) when the test root is not trusted, or another test root is", () => {
    expect(checkTdxTicket(clause, good, ctx({ trust: {} }))).toMatchObject({ admitted: false, code: "T2011", validator: "AttestedHost" });
    const other = createTestPki({ issuedAt: ISSUED });
    const d = checkTdxTicket(clause, good, ctx({ trust: { testRoot: other.rootDer } }));
    expect(d).toMatchObject({ admitted: false, code: "T2011" });
    expect(d.admitted === false && d.reason).toContain("Smalt TEST ROOT CA");
  });

  it("do not verify against Intel's root", () => {
    expect(() => verify(good.quote, JSON.parse(pki.collateralJson), Number(NOW))).toThrow();
  });

  const refusals: [string, string, () => ReturnType<typeof checkTdxTicket>][] = [
    ["MR_TD mismatch", "T2004", () => checkTdxTicket(clause, syntheticTicket(pki, spec({ registers: { mrtd: reg(0x99), rtmr1: RTMR1, rtmr2: RTMR2_A } })), ctx())],
    ["RTMR mismatch", "T2005", () => checkTdxTicket(clause, syntheticTicket(pki, spec({ registers: { mrtd: MRTD, rtmr1: reg(0x99), rtmr2: RTMR2_A } })), ctx())],
    ["variant not allowed", "T2006", () => checkTdxTicket(clause, syntheticTicket(pki, spec({ registers: { mrtd: MRTD, rtmr1: RTMR1, rtmr2: reg(0x2c) } })), ctx())],
    ["quote older than max_age", "T2007", () => checkTdxTicket(clause, good, ctx({ now: NOW - 60n + HOUR + 1n }))],
    ["quote taken before not_before", "T2008", () => checkTdxTicket(clause, syntheticTicket(pki, spec({ extra: extra({ quotedAt: ISSUED - 1n }) })), ctx({ now: ISSUED + 60n }))],
    ["ticket of another peer", "T2009", () => checkTdxTicket(clause, good, ctx({ peerKey: id32(0xa2) }))],
    ["replay of a quote made for an older policy", "T2010", () => checkTdxTicket(clause, syntheticTicket(pki, spec({ contentHash: CONTENT_V1 })), ctx())],
    ["TCB status not accepted", "T2012", () => {
      const stale = createTestPki({ issuedAt: ISSUED, tcbStatus: "OutOfDate" });
      const c = { ...clause, collateral: collateralDigest(stale.collateralJson) };
      return checkTdxTicket(c, syntheticTicket(stale, spec()), ctx({ collateral: stale.collateralJson, trust: { testRoot: stale.rootDer } }));
    }],
    ["extra data edited after quoting (quoted_at moved)", "T2013", () => checkTdxTicket(clause, { ...good, extra: extra({ quotedAt: NOW - 1n }) }, ctx())],
    ["ticket for another network", "T2014", () => checkTdxTicket(clause, good, ctx({ networkId: id32(0xb3) }))],
    ["lifetime over max_lifetime", "T2015", () => checkTdxTicket(clause, syntheticTicket(pki, spec({ extra: extra({ expiration: { kind: "at", unix: NOW - 60n + 24n * HOUR + 1n } }) })), ctx())],
    ["never-expiring ticket under max_lifetime", "T2015", () => checkTdxTicket(clause, syntheticTicket(pki, spec({ extra: extra({ expiration: { kind: "never" } }) })), ctx())],
    ["expired ticket", "T2016", () => checkTdxTicket({ ...clause, maxAgeSecs: undefined }, good, ctx({ now: NOW + HOUR }))],
    ["collateral expired", "T2002", () => checkTdxTicket({ ...clause, maxAgeSecs: undefined, maxLifetimeSecs: undefined }, syntheticTicket(pki, spec({ extra: extra({ expiration: { kind: "never" } }) })), ctx({ now: ISSUED + 30n * 86_400n + 1n }))],
  ];

  it.each(refusals)("refuse: %s (%s)", (_what, code, run) => {
    const d = run();
    expect(d).toMatchObject({ admitted: false, code });
    expect(d.admitted === false && d.reason.length).toBeGreaterThan(10);
  });

  it("accept the statuses a clause lists", () => {
    const stale = createTestPki({ issuedAt: ISSUED, tcbStatus: "OutOfDate" });
    const c = { ...clause, collateral: collateralDigest(stale.collateralJson), accept: ["UpToDate", "OutOfDate"] };
    const d = checkTdxTicket(c, syntheticTicket(stale, spec()), ctx({ collateral: stale.collateralJson, trust: { testRoot: stale.rootDer } }));
    expect(d).toMatchObject({ admitted: true, tcbStatus: "OutOfDate" });
  });

  it("are refused (T2001) with a flipped byte or a revoked PCK certificate", () => {
    for (const at of [30, 48 + 136, 568 + 40, 636 + 9]) {
      const bad = good.quote.slice();
      bad[at] = (bad[at] as number) ^ 0x80;
      expect(checkTdxTicket(clause, { ...good, quote: bad }, ctx())).toMatchObject({ admitted: false, code: "T2001" });
    }
    const revoking = createTestPki({ issuedAt: ISSUED, revokedSerials: [pki.serials.pck] });
    const c = { ...clause, collateral: collateralDigest(revoking.collateralJson) };
    const d = checkTdxTicket(c, syntheticTicket(revoking, spec()), ctx({ collateral: revoking.collateralJson, trust: { testRoot: revoking.rootDer } }));
    expect(d).toMatchObject({ admitted: false, code: "T2001" });
    expect(d.admitted === false && d.reason).toContain("revoked");
  });
});
