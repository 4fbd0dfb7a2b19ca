// AST validator clauses -> mosaik configs -> signatures, from parsed Smalt: the golden
// vectors reached from source, literal readers, SEC1 normalisation, organism measurements,
// and the refusal (a Smalt bug, thrown) to fingerprint a clause that failed its checks.
import { describe, expect, it } from "vitest";
import { checkValidatorDecl } from "../../compiler/check/validators/check-validator.js";
import { toHex } from "../../compiler/fingerprint/bytes.js";
import {
  claimLiteralValue,
  durationLiteralSeconds,
  jwtConfigFromAst,
  tdxConfigFromAst,
  timestampLiteralUnix,
} from "../../compiler/fingerprint/validator-config.js";
import { jwtValidatorSignature, tdxValidatorSignature } from "../../compiler/fingerprint/validator-signatures.js";
import type { Expr, JwtClause, OrganismDecl, TdxClause, ValidatorDecl } from "../../compiler/syntax/ast.js";
import { parse } from "../../compiler/syntax/parse.js";

const HEX32 = "11".repeat(32);
const HEX48 = "aa".repeat(48);

function validator(text: string): ValidatorDecl {
  const r = parse({ path: "t.smalt", text });
  expect(r.diagnostics).toEqual([]);
  const decl = r.value.decls.find((d): d is ValidatorDecl => d.kind === "ValidatorDecl");
  if (!decl) throw new Error("no validator");
  expect(checkValidatorDecl(decl)).toEqual([]);
  return decl;
}
const jwt = (body: string) => validator(`validator V { jwt { ${body} } }`).clauses[0] as JwtClause;
const tdx = (body: string) => validator(`validator V { tdx { ${body} } }`).clauses[0] as TdxClause;

function expr(text: string): Expr {
  const r = parse({ path: "t.smalt", text: `const C: u64 = ${text}` });
  const decl = r.value.decls[0];
  if (decl.kind !== "ConstDecl") throw new Error("no const");
  return decl.value;
}

describe("golden vectors from source", () => {
  it('`jwt { key hs256 0x11…11 issuer "my-app" }` is Jwt::with_key(Hs256::new([0x11;32])).allow_issuer("my-app")', () => {
    const sig = jwtValidatorSignature(jwtConfigFromAst(jwt(`key hs256 0x${HEX32} issuer "my-app"`)));
    expect(toHex(sig)).toBe("5e3521de3d01c4d8590e6be753bb30e51ed7830f3a8ee6e5ee91e0fc9b1b8b7d");
  });
  it("`tdx { }` is Tdx::new()", () => {
    expect(toHex(tdxValidatorSignature(tdxConfigFromAst(tdx(""))))).toBe(
      "4c641def73856ee5236fe4d9883e509622c47f5aaf6b2e5fc6fdcf1d2b067c30",
    );
  });
});

describe("jwtConfigFromAst", () => {
  it("collects every setting, in source order for keys, issuers and audiences", () => {
    const config = jwtConfigFromAst(
      jwt(`key eddsa 0x${"07".repeat(32)} key hs256 0x${HEX32} issuer "b" issuer "a" audience "c" subject "s"
        claim tier = "gold" claim level = 3 claim admin = true claim delta = -2 max_age 1d max_lifetime 1h allow_non_expiring`),
    );
    expect(config.keys.map((k) => [k.alg, toHex(k.keyBytes)])).toEqual([
      ["eddsa", "07".repeat(32)],
      ["hs256", HEX32],
    ]);
    expect(config).toMatchObject({
      issuers: ["b", "a"],
      audiences: ["c"],
      subject: "s",
      maxAgeSecs: 86_400n,
      maxLifetimeSecs: 3600n,
      allowNonExpiring: true,
    });
    expect(config.claims).toEqual(
      new Map<string, unknown>([
        ["tier", "gold"],
        ["level", 3n],
        ["admin", true],
        ["delta", -2n],
      ]),
    );
  });
  it("leaves unset settings undefined and defaults allow_non_expiring to false", () => {
    const config = jwtConfigFromAst(jwt(`key hs256 0x${HEX32}`));
    expect(config).toMatchObject({ issuers: [], audiences: [], allowNonExpiring: false });
    expect(config.subject).toBeUndefined();
    expect(config.maxAgeSecs).toBeUndefined();
    expect(config.maxLifetimeSecs).toBeUndefined();
  });
  it("compresses an uncompressed SEC1 key, so both spellings of one key fingerprint alike", () => {
    const x = "a1".repeat(32);
    const oddY = "11".repeat(32);
    const uncompressed = jwtConfigFromAst(jwt(`key es256 0x04${x}${oddY}`));
    expect(toHex(uncompressed.keys[0].keyBytes)).toBe(`03${x}`);
    expect(jwtValidatorSignature(uncompressed)).toEqual(jwtValidatorSignature(jwtConfigFromAst(jwt(`key es256 0x03${x}`))));
  });
  it("throws (a Smalt bug) on a clause that failed its checks", () => {
    const clause = parse({ path: "t", text: `validator V { jwt { key hs256 0x11 } }` }).value.decls[0] as ValidatorDecl;
    expect(() => jwtConfigFromAst(clause.clauses[0] as JwtClause)).toThrow(/internal error/);
    const noKey = parse({ path: "t", text: `validator V { jwt { issuer "a" } }` }).value.decls[0] as ValidatorDecl;
    expect(() => jwtConfigFromAst(noKey.clauses[0] as JwtClause)).toThrow(/internal error/);
  });
});

describe("tdxConfigFromAst", () => {
  it("splits baseline registers, variants and limits", () => {
    const config = tdxConfigFromAst(
      tdx(`mrtd = 0x${HEX48} variant { rtmr2 = 0x${"01".repeat(48)} } rtmr3 = 0x${HEX48} variant { rtmr2 = 0x${"02".repeat(48)} }
        max_age 1h not_before @2025-06-01T00:00:00Z max_lifetime 1d collateral 0x${HEX32} accept UpToDate`),
    );
    expect(Object.keys(config.baseline).sort()).toEqual(["mrtd", "rtmr3"]);
    expect(config.variants.map((v) => toHex(v.rtmr2 ?? new Uint8Array()))).toEqual(["01".repeat(48), "02".repeat(48)]);
    expect(config).toMatchObject({ maxAgeSecs: 3600n, notBeforeUnix: 1_748_736_000n, maxLifetimeSecs: 86_400n });
  });
  it("takes an organism's measurements set (no limits)", () => {
    const r = parse({ path: "t", text: `organism O { measurements { mrtd = 0x${HEX48} variant { rtmr1 = 0x${HEX48} } } }` });
    const org = r.value.decls[0] as OrganismDecl;
    const item = org.items[0];
    if (item.kind !== "MeasurementsItem") throw new Error("shape");
    const config = tdxConfigFromAst(item.set);
    expect(config).toEqual({ baseline: { mrtd: new Uint8Array(48).fill(0xaa) }, variants: [{ rtmr1: new Uint8Array(48).fill(0xaa) }] });
    expect(tdxValidatorSignature(config)).toEqual(tdxValidatorSignature(tdxConfigFromAst(tdx(`mrtd = 0x${HEX48} variant { rtmr1 = 0x${HEX48} }`))));
  });
  it("throws (a Smalt bug) on unpinned or malformed registers", () => {
    const own = parse({ path: "t", text: `validator V { tdx { mrtd = own } }` }).value.decls[0] as ValidatorDecl;
    expect(() => tdxConfigFromAst(own.clauses[0] as TdxClause)).toThrow(/internal error/);
    const short = parse({ path: "t", text: `validator V { tdx { mrtd = 0x00 } }` }).value.decls[0] as ValidatorDecl;
    expect(() => tdxConfigFromAst(short.clauses[0] as TdxClause)).toThrow(/internal error/);
  });
});

describe("literal readers", () => {
  it("read durations, timestamps and claim values, and nothing else", () => {
    expect(durationLiteralSeconds(expr("2h"))).toBe(7200n);
    expect(durationLiteralSeconds(expr("7200"))).toBeUndefined();
    expect(timestampLiteralUnix(expr("@1970-01-01T00:01:00Z"))).toBe(60n);
    expect(timestampLiteralUnix(expr("1m"))).toBeUndefined();
    expect(claimLiteralValue(expr('"x"'))).toBe("x");
    expect(claimLiteralValue(expr("false"))).toBe(false);
    expect(claimLiteralValue(expr("-7"))).toBe(-7n);
    expect(claimLiteralValue(expr("!true"))).toBeUndefined();
    expect(claimLiteralValue(expr("1 + 2"))).toBeUndefined();
    expect(claimLiteralValue(expr("18446744073709551616"))).toBeUndefined();
  });
});
