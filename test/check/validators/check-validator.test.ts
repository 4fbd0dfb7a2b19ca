// checkValidatorDecl on parsed Smalt: clause count, JWT algorithms and keys, duplicate
// settings, setting values, and the TDX clause (registers, limits, collateral, statuses).
import { describe, expect, it } from "vitest";
import { checkValidatorDecl } from "../../../compiler/check/validators/check-validator.js";
import { expectWellFormed, HEX32, HEX48, parseDecl, render } from "./support.js";

function check(body: string): string[] {
  const { text, decl } = parseDecl(`validator V { ${body} }`, "ValidatorDecl");
  const diagnostics = checkValidatorDecl(decl);
  expectWellFormed(text, diagnostics);
  return render(text, diagnostics);
}

function helpOf(body: string): string[] {
  const { decl } = parseDecl(`validator V { ${body} }`, "ValidatorDecl");
  return checkValidatorDecl(decl).map((d) => d.help ?? "");
}

const hs256 = `key hs256 0x${HEX32}`;

describe("well-formed validators", () => {
  it("accepts the reference examples", () => {
    const es = `02${"a1".repeat(32)}`;
    expect(
      check(`jwt {
        key es256 0x${es}
        key eddsa 0x${"07".repeat(32)}
        key hs384 0x${"01".repeat(48)}
        key hs512 0x${"02".repeat(64)}
        key es384 0x03${"b2".repeat(48)}
        key es256 0x04${"c3".repeat(64)}
        issuer "coalition-α" issuer "backup" audience "committee" subject "svc"
        claim tier = "gold" claim level = 3 claim admin = false claim delta = -5
        max_age 1d max_lifetime 1h allow_non_expiring
      }
      require ticket.claims.level >= 3 else "level too low"
      expires within 1h`),
    ).toEqual([]);
    expect(
      check(`tdx {
        mrtd = 0x${HEX48} rtmr0 = 0x${HEX48}, rtmr1 = 0x${HEX48} rtmr2 = 0x${HEX48} rtmr3 = 0x${HEX48}
        variant { rtmr2 = 0x${HEX48} } variant { rtmr2 = 0x${"bb".repeat(48)} }
        max_age 1h not_before @2025-06-01T00:00:00Z max_lifetime 1d
        collateral 0x${HEX32}
        accept UpToDate, SWHardeningNeeded
      }`),
    ).toEqual([]);
  });
});

describe("E4005 exactly one clause", () => {
  it("points at the name when there is no clause", () => {
    expect(check(`require true else "x"`)).toEqual(['E4005 validator `V` has no jwt or tdx clause @ "V"']);
  });
  it("points at each extra clause's keyword, with the first as secondary", () => {
    expect(check(`jwt { ${hs256} } tdx { mrtd = 0x${HEX48} } jwt { ${hs256} }`)).toEqual([
      'E4005 validator `V` has 3 clauses; it needs exactly one jwt or tdx clause @ "tdx" [+ "jwt"]',
      'E4005 validator `V` has 3 clauses; it needs exactly one jwt or tdx clause @ "jwt" [+ "jwt"]',
    ]);
  });
  it("still checks the contents of every clause", () => {
    expect(check(`jwt { ${hs256} } tdx { rtmr9 = 0x${HEX48} }`)).toContain('E4007 unknown measurement register `rtmr9` @ "rtmr9"');
  });
});

describe("E4004 unknown JWT algorithm", () => {
  it("names the algorithm and suggests the nearest", () => {
    expect(check(`jwt { key HS256 0x${HEX32} }`)).toEqual(['E4004 unknown JWT algorithm `HS256` @ "HS256"']);
    expect(helpOf(`jwt { key HS256 0x${HEX32} }`)[0]).toMatch(/^did you mean `hs256`\? the algorithms are hs256, hs384, hs512, es256, es384 and eddsa$/);
    expect(helpOf(`jwt { key ed25519 0x${HEX32} }`)[0]).toMatch(/^the algorithms are/);
    expect(check(`jwt { key rs256 0x${HEX32} }`)).toEqual(['E4004 unknown JWT algorithm `rs256` @ "rs256"']);
  });
});

describe("E4003 malformed key", () => {
  it("wants HMAC secrets of exactly the hash size, citing RFC 7518 for short ones", () => {
    expect(check(`jwt { key hs256 0x${"11".repeat(16)} }`)).toEqual([
      `E4003 hs256 key has 16 bytes; an HS256 secret is exactly 32 bytes @ "0x${"11".repeat(16)}"`,
    ]);
    expect(helpOf(`jwt { key hs256 0x${"11".repeat(16)} }`)[0]).toContain("RFC 7518 §3.2");
    expect(helpOf(`jwt { key hs256 0x${"11".repeat(64)} }`)[0]).toContain("a 64-byte secret is a `hs512` key");
    expect(check(`jwt { key hs384 0x${HEX32} }`)).toEqual([`E4003 hs384 key has 32 bytes; an HS384 secret is exactly 48 bytes @ "0x${HEX32}"`]);
    expect(check(`jwt { key hs512 0x${HEX48} }`)[0]).toMatch(/^E4003 hs512 key has 48 bytes/);
  });
  it("wants SEC1 points of the right size and prefix", () => {
    expect(check(`jwt { key es256 0x${HEX32} }`)).toEqual([
      `E4003 es256 key has 32 bytes; an ES256 public key is a 33- or 65-byte SEC1 point @ "0x${HEX32}"`,
    ]);
    expect(check(`jwt { key es256 0x04${HEX32} }`)).toEqual([
      `E4003 es256 key of 33 bytes starts with 0x04; a SEC1 point of that size starts with 0x02 or 0x03 @ "0x04${HEX32}"`,
    ]);
    expect(check(`jwt { key es256 0x02${HEX32}${HEX32} }`)[0]).toMatch(/^E4003 es256 key of 65 bytes starts with 0x02; .* starts with 0x04/);
    expect(check(`jwt { key es384 0x02${HEX32} }`)[0]).toMatch(/^E4003 es384 key has 33 bytes; an ES384 public key is a 49- or 97-byte SEC1 point/);
    expect(helpOf(`jwt { key es384 0x02${HEX32} }`)[0]).toContain("P-384");
  });
  it("wants 32-byte Ed25519 keys", () => {
    expect(check(`jwt { key eddsa 0x${HEX32}${HEX32} }`)).toEqual([
      `E4003 eddsa key has 64 bytes; an Ed25519 public key is 32 bytes @ "0x${HEX32}${HEX32}"`,
    ]);
    expect(helpOf(`jwt { key eddsa 0x${HEX32}${HEX32} }`)[0]).toContain("key pair or signature");
  });
  it("reports a jwt clause without a key at its keyword", () => {
    expect(check(`jwt { issuer "a" }`)).toEqual(['E4003 jwt clause has no `key` @ "jwt"']);
  });
  it("leaves a malformed hex literal to the parser's E0005", () => {
    const { decl } = parseDecl(`validator V { jwt { ${hs256} } }`, "ValidatorDecl");
    const clause = decl.clauses[0];
    if (clause.kind !== "JwtClause" || clause.items[0].kind !== "JwtKey") throw new Error("shape");
    const odd = { ...clause.items[0], key: { ...clause.items[0].key, hex: "abc" } };
    expect(checkValidatorDecl({ ...decl, clauses: [{ ...clause, items: [odd] }] })).toEqual([]);
  });
});

describe("E4009 duplicate validator settings", () => {
  it("reports each repeated setting with the first as secondary", () => {
    expect(
      check(`jwt { ${hs256} subject "a" subject "b" max_age 1h max_age 2h max_lifetime 1h max_lifetime 1h
        allow_non_expiring allow_non_expiring claim tier = "a" claim tier = "b" issuer "x" issuer "x" audience "y" audience "y" }`),
    ).toEqual([
      'E4009 `subject` is given twice in this jwt clause @ "subject" [+ "subject"]',
      'E4009 `max_age` is given twice in this jwt clause @ "max_age" [+ "max_age"]',
      'E4009 `max_lifetime` is given twice in this jwt clause @ "max_lifetime" [+ "max_lifetime"]',
      'E4009 `allow_non_expiring` is given twice in this jwt clause @ "allow_non_expiring" [+ "allow_non_expiring"]',
      'E4009 claim `tier` is given twice in this jwt clause @ "tier" [+ "tier"]',
      'E4009 issuer "x" is given twice in this jwt clause @ "\\"x\\"" [+ "\\"x\\""]',
      'E4009 audience "y" is given twice in this jwt clause @ "\\"y\\"" [+ "\\"y\\""]',
    ]);
  });
  it("reports the same key twice, also when written once compressed and once uncompressed", () => {
    const x = "a1".repeat(32);
    const y = "10".repeat(32); // even y: compresses to 02 ‖ x
    expect(check(`jwt { ${hs256} ${hs256} }`)).toEqual([`E4009 the same hs256 key is given twice in this jwt clause @ "0x${HEX32}" [+ "0x${HEX32}"]`]);
    expect(check(`jwt { key es256 0x02${x} key es256 0x04${x}${y} }`)).toHaveLength(1);
    expect(check(`jwt { key es256 0x03${x} key es256 0x04${x}${y} }`)).toEqual([]);
  });
  it("allows repeated issuers and audiences with different values", () => {
    expect(check(`jwt { ${hs256} issuer "a" issuer "b" audience "c" audience "d" }`)).toEqual([]);
  });
  it("reports repeated tdx settings and statuses", () => {
    expect(
      check(`tdx { max_age 1h max_age 1h not_before @2025-06-01T00:00:00Z not_before @2025-07-01T00:00:00Z
        max_lifetime 1d max_lifetime 1d collateral 0x${HEX32} collateral 0x${HEX32} }`),
    ).toEqual([
      'E4009 `max_age` is given twice in this tdx clause @ "max_age" [+ "max_age"]',
      'E4009 `not_before` is given twice in this tdx clause @ "not_before" [+ "not_before"]',
      'E4009 `max_lifetime` is given twice in this tdx clause @ "max_lifetime" [+ "max_lifetime"]',
      'E4009 `collateral` is given twice in this tdx clause @ "collateral" [+ "collateral"]',
    ]);
    expect(check(`tdx { accept UpToDate, UpToDate }`)).toEqual([
      'E4009 TCB status `UpToDate` is given twice in this tdx clause @ "UpToDate" [+ "UpToDate"]',
    ]);
  });
});

describe("E4010 setting values", () => {
  it("wants duration literals for limits, and positive ones", () => {
    expect(check(`jwt { ${hs256} max_age 3600 }`)).toEqual(['E4010 `max_age` needs a duration literal such as `1h` @ "3600"']);
    expect(check(`tdx { max_lifetime LIMIT }`)).toEqual(['E4010 `max_lifetime` needs a duration literal such as `1h` @ "LIMIT"']);
    expect(check(`jwt { ${hs256} max_lifetime 0s }`)).toEqual(['E4010 `max_lifetime` of 0 seconds admits nothing @ "0s"']);
    expect(check(`tdx { max_age 0h }`)).toEqual(['E4010 `max_age` of 0 seconds admits nothing @ "0h"']);
  });
  it("explains that a jwt clause takes durations where a timestamp was written", () => {
    expect(check(`jwt { ${hs256} max_age @2025-06-01T00:00:00Z }`)).toEqual([
      'E4010 a jwt clause takes durations, not timestamps @ "@2025-06-01T00:00:00Z"',
    ]);
  });
  it("wants a timestamp literal for tdx not_before", () => {
    expect(check(`tdx { not_before 1h }`)).toEqual(['E4010 `not_before` needs a timestamp literal such as `@2025-06-01T00:00:00Z` @ "1h"']);
  });
  it("wants claim values to be string, integer or boolean literals within JSON's integer range", () => {
    expect(check(`jwt { ${hs256} claim tier = gold }`)).toEqual(['E4010 claim `tier` needs a string, integer or boolean literal @ "gold"']);
    expect(check(`jwt { ${hs256} claim big = 18446744073709551616 }`)).toEqual([
      'E4010 claim `big` = 18446744073709551616 is outside JSON\'s integer range @ "18446744073709551616"',
    ]);
    expect(check(`jwt { ${hs256} claim low = -9223372036854775809 }`)[0]).toMatch(/outside JSON's integer range/);
    expect(check(`jwt { ${hs256} claim max = 18446744073709551615 claim min = -9223372036854775808 }`)).toEqual([]);
  });
  it("refuses issuers and audiences that would fold like other lists", () => {
    expect(check(`jwt { ${hs256} issuer "a,b" audience "" }`)).toEqual([
      'E4010 issuer "a,b" contains a comma @ "\\"a,b\\""',
      'E4010 empty audience @ "\\"\\""',
    ]);
  });
  it('refuses subject "" (it folds like no subject)', () => {
    expect(check(`jwt { ${hs256} subject "" }`)).toEqual(['E4010 subject "" fingerprints like no subject @ "\\"\\""']);
  });
  it("refuses strings mosaik cannot encode as UTF-8", () => {
    expect(check(`jwt { ${hs256} issuer "a\\u{D800}" }`)).toEqual(['E4010 issuer "a\\ud800" contains an unpaired surrogate \\u{D800} @ "\\"a\\\\u{D800}\\""']);
    expect(check(`jwt { ${hs256} claim c = "\\u{DC00}" }`)[0]).toMatch(/^E4010 claim `c` .* unpaired surrogate/);
    expect(check(`jwt { ${hs256} issuer "a\\u{1F600}" }`)).toEqual([]);
  });
  it("wants a 32-byte collateral digest", () => {
    expect(check(`tdx { collateral 0x${HEX48} }`)).toEqual([`E4010 \`collateral\` has 48 bytes; a collateral digest is 32 bytes @ "0x${HEX48}"`]);
  });
  it("knows Intel's TCB statuses and suggests the nearest", () => {
    expect(check(`tdx { accept UpToDat }`)).toEqual(['E4010 unknown TCB status `UpToDat` @ "UpToDat"']);
    expect(helpOf(`tdx { accept UpToDat }`)[0]).toMatch(/^did you mean `UpToDate`\?/);
  });
});

describe("measurements in a tdx clause", () => {
  it("reports size, own, duplicates and unknown registers in the baseline and each variant", () => {
    expect(
      check(`tdx { mrtd = 0x${HEX32} rtmr1 = own mrtd = 0x${HEX48} variant { rtmr2 = 0x${HEX48} rtmr2 = 0x${HEX48} rtmr4 = 0x${HEX48} } }`),
    ).toEqual([
      `E4001 \`mrtd\` has 32 bytes; a TDX measurement register is exactly 48 bytes @ "0x${HEX32}"`,
      'E4002 `rtmr1 = own` leaves the measurement unpinned @ "rtmr1 = own"',
      'E4006 register `mrtd` is given twice in this set @ "mrtd" [+ "mrtd"]',
      'E4006 register `rtmr2` is given twice in this variant @ "rtmr2" [+ "rtmr2"]',
      'E4007 unknown measurement register `rtmr4` @ "rtmr4"',
    ]);
  });
});

describe("diagnostics are sorted by position", () => {
  it("returns them in source order whatever the check that found them", () => {
    const { decl } = parseDecl(`validator V { tdx { max_age 0s mrtd = own } }`, "ValidatorDecl");
    const starts = checkValidatorDecl(decl).map((d) => d.primary.span.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts).toHaveLength(2);
  });
});
