// Jwt, MeasurementsCriteria and Tdx signatures beyond the golden vectors: a fully populated
// config against an independent re-statement of mosaik.md §3.7 written with raw BLAKE3, the
// key-fingerprint spellings, claim ordering and serde_json text, and sensitivity to every field.
import { blake3 } from "@noble/hashes/blake3.js";
import { describe, expect, it } from "vitest";
import { toHex } from "../../compiler/fingerprint/bytes.js";
import {
  JWT_ALGORITHM_NAME,
  jwtKeyFingerprint,
  type JwtValidatorConfig,
  jwtValidatorSignature,
  measurementsCriteriaSignature,
  type TdxValidatorConfig,
  tdxValidatorSignature,
} from "../../compiler/fingerprint/validator-signatures.js";

// An independent statement of the formulas: blake3 over hand-built concatenations.
const te = new TextEncoder();
const b = (x: string | Uint8Array): Uint8Array => (typeof x === "string" ? te.encode(x) : x);
const d = (x: Uint8Array, y: string | Uint8Array): Uint8Array => {
  const yb = b(y);
  const out = new Uint8Array(x.length + yb.length);
  out.set(x);
  out.set(yb, x.length);
  return blake3(out);
};
const le = (n: bigint, width: number): Uint8Array => {
  const out = new Uint8Array(width);
  let v = n < 0n ? (1n << BigInt(width * 8)) + n : n;
  for (let i = 0; i < width; i++, v >>= 8n) out[i] = Number(v & 255n);
  return out;
};
const bytes48 = (v: number) => new Uint8Array(48).fill(v);

const fullJwt: JwtValidatorConfig = {
  keys: [
    { alg: "es256", keyBytes: Uint8Array.of(0x02, ...new Uint8Array(32).fill(0xa1)) },
    { alg: "eddsa", keyBytes: new Uint8Array(32).fill(7) },
  ],
  allowNonExpiring: true,
  issuers: ["coalition-α", "backup"],
  audiences: ["committee"],
  subject: "svc",
  maxLifetimeSecs: 3600n,
  maxAgeSecs: 86_400n,
  claims: { tier: "gold", level: 3n, admin: false, note: 'a"b\\c\n' },
};

describe("jwtValidatorSignature", () => {
  it("folds every field in mosaik's order (independent re-statement)", () => {
    let sig: Uint8Array = blake3(te.encode("mosaik.tickets.jwt.v1"));
    sig = d(d(sig, "ES256"), d(blake3(te.encode("es256")), fullJwt.keys[0].keyBytes));
    sig = d(d(sig, "EdDSA"), d(blake3(te.encode("EdDsa")), fullJwt.keys[1].keyBytes));
    sig = d(sig, Uint8Array.of(1));
    sig = d(sig, "coalition-α,backup");
    sig = d(sig, "committee");
    sig = d(sig, "svc");
    sig = d(sig, le(3600n, 8));
    sig = d(sig, le(86_400n, 8));
    for (const [k, v] of [
      ["admin", "false"],
      ["level", "3"],
      ["note", '"a\\"b\\\\c\\n"'],
      ["tier", '"gold"'],
    ]) {
      sig = d(d(sig, k), v);
    }
    expect(toHex(jwtValidatorSignature(fullJwt))).toBe(toHex(sig));
  });

  it("names algorithms as the JWT `alg` header does and spells the Ed25519 prefix `EdDsa`", () => {
    expect(Object.values(JWT_ALGORITHM_NAME)).toEqual(["HS256", "HS384", "HS512", "ES256", "ES384", "EdDSA"]);
    const key = new Uint8Array(32).fill(5);
    expect(jwtKeyFingerprint({ alg: "eddsa", keyBytes: key })).toEqual(d(blake3(te.encode("EdDsa")), key));
    expect(jwtKeyFingerprint({ alg: "hs512", keyBytes: key })).toEqual(d(blake3(te.encode("hs512")), key));
  });

  it("folds claims in name order whatever the declaration order, from a Map or a record", () => {
    const reordered = new Map<string, string | bigint | boolean>([
      ["tier", "gold"],
      ["note", 'a"b\\c\n'],
      ["level", 3n],
      ["admin", false],
    ]);
    expect(jwtValidatorSignature({ ...fullJwt, claims: reordered })).toEqual(jwtValidatorSignature(fullJwt));
  });

  it("keeps key, issuer and audience order (mosaik folds them in add order)", () => {
    const base = jwtValidatorSignature(fullJwt);
    expect(jwtValidatorSignature({ ...fullJwt, keys: [...fullJwt.keys].reverse() })).not.toEqual(base);
    expect(jwtValidatorSignature({ ...fullJwt, issuers: [...fullJwt.issuers].reverse() })).not.toEqual(base);
  });

  it("changes with every field", () => {
    const base = toHex(jwtValidatorSignature(fullJwt));
    const variants: JwtValidatorConfig[] = [
      { ...fullJwt, keys: fullJwt.keys.slice(1) },
      { ...fullJwt, allowNonExpiring: false },
      { ...fullJwt, issuers: ["coalition-α"] },
      { ...fullJwt, audiences: [] },
      { ...fullJwt, subject: undefined },
      { ...fullJwt, maxLifetimeSecs: 3601n },
      { ...fullJwt, maxAgeSecs: undefined },
      { ...fullJwt, claims: { tier: "gold" } },
      { ...fullJwt, claims: { ...fullJwt.claims, level: "3" } },
    ];
    const sigs = variants.map((v) => toHex(jwtValidatorSignature(v)));
    expect(new Set([base, ...sigs]).size).toBe(variants.length + 1);
  });

  it("shares mosaik's ambiguities: joined issuers and an empty subject fold like their look-alikes", () => {
    const one = { ...fullJwt, issuers: ["a,b"] };
    const two = { ...fullJwt, issuers: ["a", "b"] };
    expect(jwtValidatorSignature(one)).toEqual(jwtValidatorSignature(two));
    expect(jwtValidatorSignature({ ...fullJwt, subject: "" })).toEqual(jwtValidatorSignature({ ...fullJwt, subject: undefined }));
  });
});

describe("measurementsCriteriaSignature", () => {
  it("folds each register or its sentinel 9/1/2/3/4 in the order mrtd, rtmr0..rtmr3", () => {
    const mrtd = bytes48(0xaa);
    const rtmr2 = bytes48(0xbb);
    let expected: Uint8Array = blake3(te.encode("mosaik.tee.tdx.measurements-criteria.v1"));
    for (const part of [mrtd, bytes48(1), bytes48(2), rtmr2, bytes48(4)]) expected = d(expected, part);
    expect(measurementsCriteriaSignature({ mrtd, rtmr2 })).toEqual(expected);
  });

  it("distinguishes every register", () => {
    const v = bytes48(0x42);
    const sigs = (["mrtd", "rtmr0", "rtmr1", "rtmr2", "rtmr3"] as const).map((r) => toHex(measurementsCriteriaSignature({ [r]: v })));
    expect(new Set(sigs).size).toBe(5);
  });

  it("refuses a value that is not 48 bytes (a Smalt bug: the checks report E4001 first)", () => {
    expect(() => measurementsCriteriaSignature({ mrtd: new Uint8Array(32) })).toThrow(RangeError);
  });
});

describe("tdxValidatorSignature", () => {
  const baseline = { mrtd: bytes48(0xaa) };
  const variants = [{ rtmr2: bytes48(1) }, { rtmr2: bytes48(2) }];
  const full: TdxValidatorConfig = { baseline, variants, maxAgeSecs: 3600n, notBeforeUnix: 1_748_736_000n, maxLifetimeSecs: 86_400n };

  it("folds baseline, variants in order, then the three limits (independent re-statement)", () => {
    let sig = d(blake3(te.encode("mosaik.tee.tdx.ticket.v1")), measurementsCriteriaSignature(baseline));
    for (const v of variants) sig = d(sig, measurementsCriteriaSignature(v));
    sig = d(d(d(sig, le(3600n, 8)), le(1_748_736_000n, 8)), le(86_400n, 8));
    expect(tdxValidatorSignature(full)).toEqual(sig);
  });

  it("encodes not_before as a signed i64 (a pre-1970 instant is negative)", () => {
    const before1970 = tdxValidatorSignature({ baseline: {}, variants: [], notBeforeUnix: -1n });
    let sig = d(blake3(te.encode("mosaik.tee.tdx.ticket.v1")), measurementsCriteriaSignature({}));
    sig = d(d(d(sig, new Uint8Array(8)), new Uint8Array(8).fill(0xff)), new Uint8Array(8));
    expect(before1970).toEqual(sig);
  });

  it("changes with variant order and with each limit", () => {
    const base = toHex(tdxValidatorSignature(full));
    const others = [
      { ...full, variants: [...variants].reverse() },
      { ...full, variants: [] },
      { ...full, maxAgeSecs: undefined },
      { ...full, notBeforeUnix: undefined },
      { ...full, maxLifetimeSecs: 1n },
    ].map((c) => toHex(tdxValidatorSignature(c)));
    expect(new Set([base, ...others]).size).toBe(6);
  });
});
