// A tdx validator written in Smalt, read out of the checked program by the compiler's own
// reader (compiler/diff/tdx-model.ts tdxSpecOfValidator), drives checkTdxTicket unchanged:
// registers, variants, max_age, not_before, max_lifetime, collateral and accept all apply.
import { describe, expect, it } from "vitest";
import { DiffSide } from "../../../../compiler/diff/diff-side.js";
import { tdxSpecOfValidator } from "../../../../compiler/diff/tdx-model.js";
import { toHex } from "../../../../compiler/fingerprint/bytes.js";
import { checkTdxTicket, collateralDigest, decodeTdxTicket, encodeTdxTicket, tdxCheckFactory, type TdxCheckContext, type TdxExtraData } from "../../../../runtime/admission/tdx/index.js";
import { createTestPki, syntheticTicket } from "../../../../runtime/admission/tdx/test-pki/index.js";
import { diffInput } from "../../../support/fingerprint-source.js";

const NOT_BEFORE = 1767225600n; // @2026-01-01T00:00:00Z
const NOW = NOT_BEFORE + 86_400n;
const pki = createTestPki({ issuedAt: NOT_BEFORE, tcbStatus: "SWHardeningNeeded" });
const reg = (b: number) => new Uint8Array(48).fill(b);
const hex = (b: number) => `0x${b.toString(16).padStart(2, "0").repeat(48)}`;

function sourceFor(accept: string) {
  const src = `validator V {
  tdx {
    mrtd = ${hex(0x31)}
    variant { rtmr2 = ${hex(0xa6)} }
    variant { rtmr2 = ${hex(0xdb)} }
    max_age 1h
    not_before @2026-01-01T00:00:00Z
    max_lifetime 1d
    collateral 0x${collateralDigest(pki.collateralJson)}
    ${accept}
  }
}
`;
  const side = new DiffSide(diffInput("v.smalt", src));
  const def = side.entryValidators().get("V");
  if (!def) throw new Error("validator V did not compile");
  return { side, def };
}

function specFor(accept: string) {
  const { side, def } = sourceFor(accept);
  return { ...tdxSpecOfValidator(def, side.index), name: "V" };
}

const extra: TdxExtraData = { peerId: new Uint8Array(32).fill(1), networkId: new Uint8Array(32).fill(2), startedAt: NOW - 600n, quotedAt: NOW - 60n, expiration: { kind: "at", unix: NOW + 3_600n } };
const contentHash = new Uint8Array(32).fill(3);
const ctx: TdxCheckContext = { now: NOW, peerKey: extra.peerId, networkId: extra.networkId, contentHash, collateral: pki.collateralJson, trust: { testRoot: pki.rootDer } };
const ticket = (rtmr2: number, over: Partial<TdxExtraData> = {}) => syntheticTicket(pki, { registers: { mrtd: reg(0x31), rtmr2: reg(rtmr2) }, extra: { ...extra, ...over }, contentHash });

describe("a compiled tdx validator", () => {
  const lenient = specFor("accept UpToDate, SWHardeningNeeded");

  it("admits a matching quote whose status it accepts", () => {
    expect(checkTdxTicket(lenient, ticket(0xa6), ctx)).toMatchObject({ admitted: true, validator: "V [TEST ROOT]" });
  });

  it("applies its variants, max_age, not_before and max_lifetime", () => {
    expect(checkTdxTicket(lenient, ticket(0x00), ctx)).toMatchObject({ code: "T2006" });
    expect(checkTdxTicket(lenient, ticket(0xdb, { quotedAt: NOW - 3_601n }), ctx)).toMatchObject({ code: "T2007" });
    expect(checkTdxTicket(lenient, ticket(0xdb, { quotedAt: NOT_BEFORE - 1n }), { ...ctx, now: NOT_BEFORE + 10n })).toMatchObject({ code: "T2008" });
    expect(checkTdxTicket(lenient, ticket(0xdb, { expiration: { kind: "at", unix: NOW - 60n + 86_401n } }), ctx)).toMatchObject({ code: "T2015" });
  });

  it("is strict about TCB status when it writes no accept", () => {
    expect(checkTdxTicket(specFor(""), ticket(0xa6), ctx)).toMatchObject({ admitted: false, code: "T2012", tcbStatus: "SWHardeningNeeded" });
  });

  it("serves as the runtime's tdx ticket check, on ticket bytes", async () => {
    const { side, def } = sourceFor("accept SWHardeningNeeded");
    const check = tdxCheckFactory(side.index, { contentHash, collateral: pki.collateralJson, trust: { testRoot: pki.rootDer } })(def);
    expect(check.ticketClass).toBe("tdx");
    const t = ticket(0xdb);
    const data = encodeTdxTicket(t.quote, t.extra as TdxExtraData);
    expect(decodeTdxTicket(data)).toEqual({ quote: t.quote, extra: t.extra });
    const cx = { peer: toHex(extra.peerId), networkId: toHex(extra.networkId), now: NOW };
    expect(await check.check(data, cx)).toMatchObject({ admitted: true, expires: extra.expiration, warnings: [expect.stringContaining("TEST ROOT")] });
    expect(await check.check(data, { ...cx, peer: "ab".repeat(32) })).toMatchObject({ admitted: false, code: "T2009" });
    expect(await check.check(data.slice(0, 50), cx)).toMatchObject({ admitted: false, code: "T2000" });
    const never = encodeTdxTicket(t.quote, { ...extra, expiration: { kind: "never" } });
    expect(decodeTdxTicket(never)).toMatchObject({ extra: { expiration: { kind: "never" } } });
    const badFlag = data.slice();
    badFlag[81] = 7;
    expect(await check.check(badFlag, cx)).toMatchObject({ admitted: false, code: "T2000" });
  });
});
