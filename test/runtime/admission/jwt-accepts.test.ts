// Tokens the JWT check admits, each with the Expiration mosaik returns: `exp`, never for
// an allowed non-expiring token, capped by `expires within`; every accepted algorithm,
// key rotation, boundaries that are still inside the limits.
import { describe, expect, it } from "vitest";
import type { Expiration } from "../../../runtime/admission/decision.js";
import { jwtTicket } from "../../../runtime/admission/ticket.js";
import { ecKey, edKey, hmacKey, type SigningKey, signToken } from "./test-keys.js";
import { bondTable, membersTable, NOW, PEER, presentToken, T } from "./fixture.js";

const at = (offset: bigint): Expiration => ({ kind: "at", unix: NOW + offset });
const base = { sub: PEER, iat: T(0n), exp: T(600n) };

async function admitted(items: readonly string[], token: string, tail: readonly string[] = []): Promise<Expiration> {
  const table = membersTable(items, tail);
  const out = await presentToken(table, token);
  if (!out.admitted) throw new Error(`refused: ${out.code} ${out.reason}`);
  expect(table.admits(PEER, "bids", NOW)).toBe(true);
  expect(out.decisions).toEqual([{ admitted: true, validator: "Members", expires: out.expires }]);
  return out.expires;
}

describe("accepted algorithms", () => {
  const keys: [string, () => SigningKey | Promise<SigningKey>][] = [
    ["HS256", () => hmacKey("HS256")],
    ["HS384", () => hmacKey("HS384")],
    ["HS512", () => hmacKey("HS512")],
    ["ES256 (compressed key)", () => ecKey("ES256")],
    ["ES256 (uncompressed key)", () => ecKey("ES256", "uncompressed")],
    ["ES384", () => ecKey("ES384")],
    ["EdDSA", () => edKey()],
  ];
  for (const [name, make] of keys) {
    it(`${name}: admitted until exp`, async () => {
      const key = await make();
      expect(await admitted([key.line], await signToken(key, base))).toEqual(at(600n));
    });
  }
});

describe("accepted settings and boundaries", () => {
  const hs = hmacKey();

  it("a rotated key: either configured key verifies", async () => {
    const [a, b] = [await ecKey(), await ecKey()];
    expect(await admitted([a.line, b.line], await signToken(b, base))).toEqual(at(600n));
    expect(await admitted([a.line, b.line], await signToken(a, base))).toEqual(at(600n));
  });

  it("issuer, audience (one of an array), subject, claims, limits at their edges", async () => {
    const items = [hs.line, 'issuer "a"', 'issuer "coalition"', 'audience "committee"', 'subject "indexer"', 'claim tier = "gold"', "claim level = -3", "claim vip = true", "max_age 1h", "max_lifetime 10m"];
    const token = await signToken(hs, { ...base, sub: "indexer", iss: "coalition", aud: ["x", "committee"], tier: "gold", level: -3, vip: true, iat: T(-3600n), nbf: T(0n) });
    expect(await admitted(items, token)).toEqual(at(600n));
  });

  it("a non-expiring token where allow_non_expiring: Expiration never", async () => {
    expect(await admitted([hs.line, "allow_non_expiring"], await signToken(hs, { sub: PEER }))).toEqual({ kind: "never" });
  });

  it("expires within caps the Expiration at now + cap, never lengthens it", async () => {
    expect(await admitted([hs.line], await signToken(hs, base), ["expires within 5m"])).toEqual(at(300n));
    expect(await admitted([hs.line], await signToken(hs, base), ["expires within 1h"])).toEqual(at(600n));
    expect(await admitted([hs.line, "allow_non_expiring"], await signToken(hs, { sub: PEER }), ["expires within 1d"])).toEqual(at(86_400n));
  });

  it("a cap that reads now ends the bond at a fixed instant, whenever the ticket is presented", async () => {
    const tail = ["expires within @2025-07-01T00:05:00Z - now"];
    expect(await admitted([hs.line], await signToken(hs, base), tail)).toEqual(at(300n));
    const table = membersTable([hs.line], tail);
    expect(await table.bond(PEER, "bids", [jwtTicket(await signToken(hs, base))], NOW + 100n)).toMatchObject({ admitted: true, expires: at(300n) });
    expect(await table.bond(PEER, "bids", [jwtTicket(await signToken(hs, base))], NOW + 301n)).toMatchObject({
      admitted: false,
      code: "A1021",
      reason: "validator Members: `expires within` is -1s, a negative duration",
    });
  });

  it("require predicates over claims, the issuer, the peer and now", async () => {
    const tail = [
      'require ticket.claims.level >= 3 && ticket.claims.team == "blue" else "level"',
      'require ticket.issuer == "coalition" else "issuer"',
      `require ticket.peer == 0x${PEER} else "peer"`,
      "require now < @2026-01-01T00:00:00Z",
    ];
    const token = await signToken(hs, { ...base, iss: "coalition", level: 4, team: "blue" });
    expect(await admitted([hs.line], token, tail)).toEqual(at(600n));
  });

  it("a require predicate calling a const and a fn of the policy", async () => {
    const withFn = bondTable({
      extra: "const FLOOR: u64 = 6_000\nfn ceiling(floor: u64) -> u64 {\n  floor + 4_000\n}",
      validators: [
        "validator Members {",
        "  jwt {",
        `    ${hs.line}`,
        "  }",
        '  require ticket.claims.score >= FLOOR else "score below floor"',
        '  require ticket.claims.score <= ceiling(FLOOR) else "score above ceiling"',
        "}",
      ].join("\n"),
      surfaces: "stream bids requires Members",
    });
    expect(await presentToken(withFn, await signToken(hs, { ...base, score: 6_000 }))).toMatchObject({ admitted: true });
    expect(await presentToken(withFn, await signToken(hs, { ...base, score: 10_000 }))).toMatchObject({ admitted: true });
    expect(await presentToken(withFn, await signToken(hs, { ...base, score: 5_999 }))).toMatchObject({ admitted: false, code: "A1020" });
    expect(await presentToken(withFn, await signToken(hs, { ...base, score: 10_001 }))).toMatchObject({
      admitted: false,
      reason: "validator Members: require #2 does not hold: score above ceiling",
    });
  });
});
