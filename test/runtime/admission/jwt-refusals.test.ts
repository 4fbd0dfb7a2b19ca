// Every JWT refusal, with a real token signed in the test: the specific code, a reason that
// names the values, no bond created, and the refusal in the decision log.
import { describe, expect, it } from "vitest";
import { ecKey, edKey, hmacKey, signToken } from "./test-keys.js";
import { membersTable, NOW, OTHER_PEER, PEER, presentToken, T } from "./fixture.js";

const hs = hmacKey();
const base = { iss: "coalition", sub: PEER, iat: T(0n), exp: T(600n) };

async function refused(items: readonly string[], token: string, code: string, tail: readonly string[] = []): Promise<string> {
  const table = membersTable(items, tail);
  const out = await presentToken(table, token);
  expect(out).toMatchObject({ admitted: false, code });
  const log = table.log.entries();
  expect(log.map((e) => (e.kind === "bond" ? `bond ${e.event} ${e.code}` : `validator ${e.decision.admitted ? "admitted" : e.decision.code}`))).toEqual([
    `validator ${code}`,
    `bond refused ${code}`,
  ]);
  const [decision] = out.decisions;
  expect(out.admitted ? "" : out.reason).toBe(decision.admitted ? "" : `validator Members: ${decision.reason}`);
  return decision.admitted ? "" : decision.reason;
}

describe("JWT refusals", () => {
  it("A1001 bad signature: another secret, or a payload changed after signing", async () => {
    expect(await refused([hs.line], await signToken(hmacKey(), base), "A1001")).toMatch(/HS256 signature does not verify/);
    const es = await ecKey();
    const [h, , s] = (await signToken(es, base)).split(".");
    const forged = Buffer.from(JSON.stringify({ ...base, exp: T(99_999n) })).toString("base64url");
    await refused([es.line], `${h}.${forged}.${s}`, "A1001");
  });

  it("A1002 unknown key: no configured key has the token's algorithm", async () => {
    const reason = await refused([hs.line], await signToken(await edKey(), base), "A1002");
    expect(reason).toBe("no configured key verifies EdDSA (the validator's keys are HS256)");
  });

  it("A1003 wrong issuer, and no issuer at all", async () => {
    expect(await refused([hs.line, 'issuer "coalition"'], await signToken(hs, { ...base, iss: "rogue" }), "A1003")).toBe(
      'iss "rogue" is not an allowed issuer ("coalition")',
    );
    await refused([hs.line, 'issuer "coalition"'], await signToken(hs, { ...base, iss: undefined }), "A1003");
  });

  it("A1004 wrong audience (string or array)", async () => {
    await refused([hs.line, 'audience "committee"'], await signToken(hs, { ...base, aud: "market" }), "A1004");
    await refused([hs.line, 'audience "committee"'], await signToken(hs, { ...base, aud: ["market", "bank"] }), "A1004");
  });

  it("A1005 wrong subject: another peer, or not the configured subject", async () => {
    expect(await refused([hs.line], await signToken(hs, { ...base, sub: OTHER_PEER }), "A1005")).toBe(
      `sub "${OTHER_PEER}" is not the presenting peer's id "${PEER}"`,
    );
    await refused([hs.line], await signToken(hs, { ...base, sub: PEER.toUpperCase() }), "A1005");
    await refused([hs.line, 'subject "indexer"'], await signToken(hs, base), "A1005");
  });

  it("A1006 missing claim, A1007 wrong claim value (including another JSON type)", async () => {
    const items = [hs.line, 'claim tier = "gold"', "claim level = 3"];
    const good = { ...base, tier: "gold", level: 3 };
    expect(await refused(items, await signToken(hs, { ...good, tier: undefined }), "A1006")).toBe('the token has no claim "tier" (required: "gold")');
    expect(await refused(items, await signToken(hs, { ...good, tier: "silver" }), "A1007")).toBe('claim "tier" is "silver", not "gold"');
    await refused(items, await signToken(hs, { ...good, level: "3" }), "A1007");
    await refused(items, await signToken(hs, { ...good, level: 3.5 }), "A1007");
  });

  it("A1008 expired: exp equal to now is already expired", async () => {
    await refused([hs.line], await signToken(hs, { ...base, exp: T(0n) }), "A1008");
    expect(await refused([hs.line], await signToken(hs, { ...base, exp: T(-1n) }), "A1008")).toBe(
      "exp 1751327999 (2025-06-30T23:59:59Z) is not after now 1751328000 (2025-07-01T00:00:00Z)",
    );
  });

  it("A1009 too old (max_age), A1010 no iat under max_age", async () => {
    expect(await refused([hs.line, "max_age 1h"], await signToken(hs, { ...base, iat: T(-3601n) }), "A1009")).toMatch(/beyond max_age 1h$/);
    await refused([hs.line, "max_age 1h"], await signToken(hs, { ...base, iat: undefined }), "A1010");
  });

  it("A1011 lifetime too long (exp − now beyond max_lifetime), also for a non-expiring token", async () => {
    expect(await refused([hs.line, "max_lifetime 10m"], await signToken(hs, { ...base, exp: T(601n) }), "A1011")).toBe(
      "exp 1751328601 (2025-07-01T00:10:01Z) is 601s after now, beyond max_lifetime 10m",
    );
    await refused([hs.line, "max_lifetime 10m", "allow_non_expiring"], await signToken(hs, { ...base, exp: undefined }), "A1011");
  });

  it("A1012 non-expiring token when allow_non_expiring is absent", async () => {
    await refused([hs.line], await signToken(hs, { ...base, exp: undefined }), "A1012");
  });

  it("A1013 nbf in the future", async () => {
    await refused([hs.line], await signToken(hs, { ...base, nbf: T(1n) }), "A1013");
  });

  it("A1014 algorithm not allowed: none, RS256, ES512", async () => {
    const enc = (x: object) => Buffer.from(JSON.stringify(x)).toString("base64url");
    expect(await refused([hs.line], `${enc({ alg: "none" })}.${enc(base)}.`, "A1014")).toMatch(/^alg "none" is not accepted/);
    const [, p, s] = (await signToken(hs, base)).split(".");
    await refused([hs.line], `${enc({ alg: "RS256" })}.${p}.${s}`, "A1014");
    await refused([hs.line], `${enc({ alg: "ES512" })}.${p}.${s}`, "A1014");
  });

  it("A1000 malformed tokens, A1015 malformed time claims", async () => {
    await refused([hs.line], "not-a-token", "A1000");
    await refused([hs.line], "a.b.c", "A1000");
    await refused([hs.line], await signToken(hs, { ...base, exp: "soon" }), "A1015");
    await refused([hs.line], await signToken(hs, { ...base, exp: T(600n) + 0.5 }), "A1015");
  });

  it("A1020 a require predicate fails, or reads a claim the token lacks", async () => {
    const tail = ['require ticket.claims.level >= 3 else "level too low"'];
    expect(await refused([hs.line], await signToken(hs, { ...base, level: 2 }), "A1020", tail)).toBe("require #1 does not hold: level too low");
    await refused([hs.line], await signToken(hs, base), "A1020", tail);
    await refused([hs.line], await signToken(hs, { ...base, level: "5" }), "A1020", tail);
  });

  it("checks in mosaik's order: the issuer is reported before the audience and the claims", async () => {
    const items = [hs.line, 'issuer "coalition"', 'audience "committee"', 'claim tier = "gold"'];
    await refused(items, await signToken(hs, { ...base, iss: "rogue", aud: "x" }), "A1003");
  });
});

it("the fixed now is the one the tokens are built around", () => {
  expect(new Date(Number(NOW) * 1000).toISOString()).toBe("2025-07-01T00:00:00.000Z");
});
