// The real Intel TDX quote of test/fixtures/tdx (Phala-Network/dcap-qvl sample/, MIT) through
// checkTdxTicket at fixed times: it verifies (UpToDate) and is then refused only because it
// does not bind our ticket; expired collateral, flipped bytes and unpinned collateral refuse.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { constants } from "@phala/dcap-qvl";
import { toHex } from "../../../../compiler/fingerprint/bytes.js";
import { TdxRefusal } from "../../../../runtime/admission/tdx/codes.js";
import { checkMeasurements } from "../../../../runtime/admission/tdx/measurements.js";
import { tdReportOf } from "../../../../runtime/admission/tdx/td-report.js";
import { verifyQuote } from "../../../../runtime/admission/tdx/verify-quote.js";
import { checkTdxTicket, collateralDigest, type TdxClausePolicy, type TdxTicket, type TdxCheckContext } from "../../../../runtime/admission/tdx/index.js";

const dir = new URL("../../../fixtures/tdx/", import.meta.url);
const quote = new Uint8Array(readFileSync(new URL("tdx_quote", dir)));
const collateral = readFileSync(new URL("tdx_quote_collateral.json", dir), "utf8");
const PIN = collateralDigest(collateral);
const VERIFIES_AT = 1751624655n; // 2025-07-04T10:24:15Z, inside [issueDate, nextUpdate]
const NEXT_UPDATE = 1752920163n; // tcb_info nextUpdate 2025-07-19T10:16:03Z
const QE_ISSUED = 1750329147n; // qe_identity issueDate 2025-06-19T10:32:27Z
const REAL_MRTD = "91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407de03ae6dc5f87f27428b2538873118b7";

const peer = "11".repeat(32);
const network = "22".repeat(32);
const ticket = (q: Uint8Array = quote): TdxTicket => ({
  quote: q,
  extra: { peerId: peer, networkId: network, startedAt: VERIFIES_AT - 100n, quotedAt: VERIFIES_AT - 10n, expiration: { kind: "never" } },
});
const ctx = (over: Partial<TdxCheckContext> = {}): TdxCheckContext => ({
  now: VERIFIES_AT,
  peerKey: peer,
  networkId: network,
  contentHash: "33".repeat(32),
  collateral,
  trust: {},
  ...over,
});
const clause: TdxClausePolicy = { name: "AttestedHost", baseline: {}, variants: [], collateral: PIN };

describe("real TDX quote (Intel root)", () => {
  it("fixture files are the vendored ones", () => {
    expect(quote.length).toBe(5006);
    expect(Buffer.byteLength(collateral)).toBe(16072);
  });

  it("verifies at its fixed time (UpToDate) and is refused only for not binding this ticket", () => {
    const d = checkTdxTicket(clause, ticket(), ctx());
    expect(d.tcbStatus).toBe("UpToDate");
    expect(d.warnings).toEqual([]);
    expect(d).toMatchObject({ admitted: false, validator: "AttestedHost", code: "T2013" });
  });

  it("verifies at both ends of the collateral window", () => {
    expect(checkTdxTicket(clause, ticket(), ctx({ now: QE_ISSUED })).tcbStatus).toBe("UpToDate");
    expect(checkTdxTicket(clause, ticket(), ctx({ now: NEXT_UPDATE })).tcbStatus).toBe("UpToDate");
  });

  it("is refused once the collateral expired (now past nextUpdate) and before it was issued", () => {
    const late = checkTdxTicket(clause, ticket(), ctx({ now: NEXT_UPDATE + 1n }));
    expect(late).toMatchObject({ admitted: false, code: "T2002" });
    expect(late.admitted === false && late.reason).toContain("TCBInfo expired");
    expect(checkTdxTicket(clause, ticket(), ctx({ now: QE_ISSUED - 1n }))).toMatchObject({ admitted: false, code: "T2002" });
  });

  it.each([
    ["header (user data)", 30],
    ["header (QE vendor id)", 12],
    ["body (TEE_TCB_SVN)", 48 + 5],
    ["body (MR_TD)", 48 + 136 + 7],
    ["body (RTMR2)", 48 + 472 + 1],
    ["body (report_data)", 568],
    ["quote signature", 636 + 3],
    ["attestation key", 700 + 20],
    ["QE report", 772 + 100],
  ])("is refused with one byte flipped in the %s", (_where, at) => {
    const bad = quote.slice();
    bad[at] = (bad[at] as number) ^ 0x01;
    const d = checkTdxTicket(clause, ticket(bad), ctx());
    expect(d).toMatchObject({ admitted: false, code: "T2001" });
    expect(d.tcbStatus).toBeUndefined();
  });

  it("refuses collateral whose digest is not the pin", () => {
    const edited = collateral.replace("2025-07-19T10:16:03Z", "2025-07-29T10:16:03Z");
    expect(edited).not.toBe(collateral);
    const d = checkTdxTicket(clause, ticket(), ctx({ collateral: edited }));
    expect(d).toMatchObject({ admitted: false, code: "T2003" });
    expect(checkTdxTicket({ ...clause, collateral: "ab".repeat(32) }, ticket(), ctx())).toMatchObject({ admitted: false, code: "T2003" });
  });

  it("takes the runtime pin when the clause pins none, and refuses when nothing is pinned", () => {
    const { collateral: _c, ...unpinned } = clause;
    expect(checkTdxTicket(unpinned, ticket(), ctx({ collateralPin: PIN })).tcbStatus).toBe("UpToDate");
    expect(checkTdxTicket(unpinned, ticket(), ctx({ collateralPin: "00".repeat(32) }))).toMatchObject({ code: "T2003" });
    expect(checkTdxTicket(unpinned, ticket(), ctx())).toMatchObject({ admitted: false, code: "T2017" });
  });

  it("the clause's pin wins over the runtime's", () => {
    expect(checkTdxTicket({ ...clause, collateral: "ab".repeat(32) }, ticket(), ctx({ collateralPin: PIN }))).toMatchObject({ code: "T2003" });
    expect(checkTdxTicket(clause, ticket(), ctx({ collateralPin: "ab".repeat(32) })).tcbStatus).toBe("UpToDate");
  });

  it("refuses a TCB status the clause does not accept", () => {
    const d = checkTdxTicket({ ...clause, accept: ["OutOfDate", "SWHardeningNeeded"] }, ticket(), ctx());
    expect(d).toMatchObject({ admitted: false, code: "T2012", tcbStatus: "UpToDate" });
  });

  it("refuses garbage and truncated quotes with T2000, without throwing", () => {
    expect(checkTdxTicket(clause, ticket(new Uint8Array(10)), ctx())).toMatchObject({ code: "T2000" });
    expect(checkTdxTicket(clause, ticket(quote.slice(0, 700)), ctx())).toMatchObject({ code: "T2000" });
    expect(checkTdxTicket(clause, { quote } as unknown as TdxTicket, ctx())).toMatchObject({ code: "T2000" });
    expect(checkTdxTicket(clause, ticket(), ctx({ peerKey: "xyz" }))).toMatchObject({ code: "T2000" });
    expect(checkTdxTicket(clause, ticket(), ctx({ collateral: "not json" }))).toMatchObject({ code: "T2003" });
    expect(checkTdxTicket({ ...clause, collateral: collateralDigest("not json") }, ticket(), ctx({ collateral: "not json" }))).toMatchObject({ code: "T2000" });
    expect(checkTdxTicket({ ...clause, collateral: collateralDigest("{}") }, ticket(), ctx({ collateral: "{}" }))).toMatchObject({ code: "T2000" });
    expect(checkTdxTicket(clause, ticket(), ctx({ collateral: undefined as unknown as string }))).toMatchObject({ code: "T2000" });
  });

  it("the verified report's registers feed the measurement checks", () => {
    const verified = verifyQuote(quote, JSON.parse(collateral), VERIFIES_AT, { kind: "intel", rootDer: new Uint8Array(constants.TRUSTED_ROOT_CA_DER) });
    if (verified instanceof TdxRefusal) throw new Error(verified.reason);
    const report = tdReportOf(verified);
    if (report instanceof TdxRefusal) throw new Error(report.reason);
    expect(toHex(report.registers.mrtd)).toBe(REAL_MRTD);
    expect(report.reportData).toHaveLength(64);
    const real = { mrtd: report.registers.mrtd, rtmr2: report.registers.rtmr2 };
    expect(checkMeasurements({ baseline: real, variants: [] }, report.registers)).toBeUndefined();
    expect(checkMeasurements({ baseline: { mrtd: new Uint8Array(48).fill(0xee) }, variants: [] }, report.registers)?.code).toBe("T2004");
    expect(checkMeasurements({ baseline: { ...real, rtmr1: new Uint8Array(48).fill(0xee) }, variants: [] }, report.registers)?.code).toBe("T2005");
    expect(checkMeasurements({ baseline: real, variants: [{ rtmr3: new Uint8Array(48).fill(0xee) }] }, report.registers)?.code).toBe("T2006");
    expect(checkMeasurements({ baseline: {}, variants: [{ rtmr3: new Uint8Array(48).fill(0xee) }, { rtmr0: report.registers.rtmr0 }] }, report.registers)).toBeUndefined();
  });
});
