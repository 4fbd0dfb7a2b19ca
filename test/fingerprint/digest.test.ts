// mosaik's Digest primitives and the byte helpers under them: hex, UTF-8, LE integers,
// id's hex rule, derive/hashed/from_parts as plain BLAKE3 over concatenations.
import { blake3 } from "@noble/hashes/blake3.js";
import { describe, expect, it } from "vitest";
import {
  bytesEqual,
  compareUtf8,
  concatBytes,
  filled,
  fromHex,
  i64LE,
  intLE,
  isHex64,
  toHex,
  u128LE,
  u64LE,
  utf8,
} from "../../compiler/fingerprint/bytes.js";
import { derive, deriveAll, fromParts, fromU128, fromU64, hashed, id, zero } from "../../compiler/fingerprint/digest.js";

const H64 = "8c00f6c1d178ff44b5a2f67689e26b44e1ecd83eb5063519064a5396a06fb10d";

describe("hex helpers", () => {
  it("round-trips and prints lowercase", () => {
    expect(toHex(Uint8Array.of(0, 0xab, 0xff))).toBe("00abff");
    expect(fromHex("00ABff")).toEqual(Uint8Array.of(0, 0xab, 0xff));
    expect(fromHex("")).toEqual(new Uint8Array(0));
  });
  it("refuses odd lengths and non-hex characters", () => {
    expect(fromHex("abc")).toBeUndefined();
    expect(fromHex("0x00")).toBeUndefined();
    expect(fromHex("zz")).toBeUndefined();
  });
  it("recognises exactly 64 hex characters", () => {
    expect(isHex64(H64)).toBe(true);
    expect(isHex64(H64.toUpperCase())).toBe(true);
    expect(isHex64(H64.slice(1))).toBe(false);
    expect(isHex64(`${H64}0`)).toBe(false);
    expect(isHex64(`0x${H64.slice(2)}`)).toBe(false);
  });
});

describe("little-endian integers", () => {
  it("encodes u64, i64 and u128 like Rust's to_le_bytes", () => {
    expect(toHex(u64LE(1))).toBe("0100000000000000");
    expect(toHex(u64LE(0x0102030405060708n))).toBe("0807060504030201");
    expect(toHex(u64LE((1n << 64n) - 1n))).toBe("ffffffffffffffff");
    expect(toHex(i64LE(-1))).toBe("ffffffffffffffff");
    expect(toHex(i64LE(-2n))).toBe("feffffffffffffff");
    expect(toHex(i64LE(1_748_736_000n))).toBe("00983b6800000000");
    expect(toHex(u128LE(500))).toBe(`f401${"00".repeat(14)}`);
  });
  it("throws on values that do not fit (a Smalt bug, never a user error)", () => {
    expect(() => u64LE(-1)).toThrow(RangeError);
    expect(() => u64LE(1n << 64n)).toThrow(RangeError);
    expect(() => i64LE(1n << 63n)).toThrow(RangeError);
    expect(() => intLE(256, 1, false)).toThrow(RangeError);
    expect(() => u64LE(1.5)).toThrow(RangeError);
  });
});

describe("utf8, concatBytes, bytesEqual, filled, compareUtf8", () => {
  it("encodes UTF-8", () => {
    expect(toHex(utf8("α"))).toBe("ceb1");
  });
  it("concatenates and compares", () => {
    const ab = concatBytes([Uint8Array.of(1), Uint8Array.of(), Uint8Array.of(2, 3)]);
    expect(ab).toEqual(Uint8Array.of(1, 2, 3));
    expect(bytesEqual(ab, Uint8Array.of(1, 2, 3))).toBe(true);
    expect(bytesEqual(ab, Uint8Array.of(1, 2))).toBe(false);
    expect(filled(3, 9)).toEqual(Uint8Array.of(9, 9, 9));
  });
  it("orders strings by code point, as Rust's BTreeMap<String, _> does", () => {
    // UTF-16 order puts U+1F600 (a surrogate pair, 0xD83D…) before U+FF01; UTF-8/code-point order does not.
    expect(["\u{FF01}", "\u{1F600}", "b", "a", "ab"].sort(compareUtf8)).toEqual(["a", "ab", "b", "\u{FF01}", "\u{1F600}"]);
  });
});

describe("id", () => {
  it("hashes ordinary strings as UTF-8", () => {
    expect(id("prices")).toEqual(blake3(utf8("prices")));
  });
  it("decodes a 64-hex string instead of hashing it (either case)", () => {
    expect(toHex(id(H64))).toBe(H64);
    expect(toHex(id(H64.toUpperCase()))).toBe(H64);
  });
  it("hashes hex strings of any other length", () => {
    expect(id(H64.slice(2))).toEqual(blake3(utf8(H64.slice(2))));
  });
});

describe("derive, hashed, fromParts, deriveAll", () => {
  const x = id("x");
  it("derive(x, s) = blake3(x ‖ utf8(s)) and accepts raw bytes", () => {
    expect(derive(x, "info")).toEqual(blake3(concatBytes([x, utf8("info")])));
    expect(derive(x, Uint8Array.of(1, 2))).toEqual(blake3(concatBytes([x, Uint8Array.of(1, 2)])));
    expect(derive(x, id("y"))).toEqual(blake3(concatBytes([x, id("y")])));
  });
  it("hashed(x) = blake3(x)", () => {
    expect(hashed(x)).toEqual(blake3(x));
  });
  it("fromParts concatenates without length prefixes", () => {
    expect(fromParts(["ab", "c"])).toEqual(fromParts(["a", "bc"]));
    expect(fromParts(["a", Uint8Array.of(0x62)])).toEqual(blake3(utf8("ab")));
  });
  it("deriveAll chains derives", () => {
    expect(deriveAll(x, ["a", "b"])).toEqual(derive(derive(x, "a"), "b"));
    expect(deriveAll(x, [])).toEqual(x);
  });
  it("refuses a non-digest on the left (a Smalt bug)", () => {
    expect(() => derive(Uint8Array.of(1), "a")).toThrow(RangeError);
    expect(() => hashed(new Uint8Array(31))).toThrow(RangeError);
  });
});

describe("fromU64, fromU128, zero", () => {
  it("puts the LE bytes at the tail of 32 zero bytes, unhashed", () => {
    expect(toHex(fromU64(0x0102n))).toBe(`${"00".repeat(24)}0201${"00".repeat(6)}`);
    expect(toHex(fromU128(1))).toBe(`${"00".repeat(16)}01${"00".repeat(15)}`);
    expect(zero()).toEqual(new Uint8Array(32));
  });
});
