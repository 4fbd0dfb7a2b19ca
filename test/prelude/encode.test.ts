// The canonical encoding: exact bytes for every kind, injectivity and prefix-freedom on
// random values of random types, order preservation for integers, and invalid values
// rejected with "invalid_value" rather than encoded.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SmaltAbort } from "../../stdlib/prelude/abort.js";
import { mapCodec, setCodec } from "../../stdlib/prelude/codec.js";
import { compareBytes, comparatorFor, equalsFor } from "../../stdlib/prelude/compare.js";
import { encode, ENCODING_VERSION, hashValue } from "../../stdlib/prelude/encode.js";
import { blake3, toHex } from "../../stdlib/prelude/hash.js";
import { INT_TYPES } from "../../stdlib/prelude/int.js";
import { PMap } from "../../stdlib/prelude/pmap.js";
import { PSet } from "../../stdlib/prelude/pset.js";
import { T, type TypeDesc } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";
import { intArb, typeAndTwoValues } from "./arbitraries.js";

const settings = (runs = 300) => ({ seed: propertySeed(), numRuns: propertyRuns(runs) });
const hex = (t: TypeDesc, v: unknown) => toHex(encode(t, v));

describe("exact bytes", () => {
  it("is version 2 (maps keyed by fixed-length bytes on the radix trie)", () => expect(ENCODING_VERSION).toBe(2));

  it("encodes scalars", () => {
    expect(hex(T.bool, false)).toBe("00");
    expect(hex(T.bool, true)).toBe("01");
    expect(hex(T.u8, 255n)).toBe("ff");
    expect(hex(T.u16, 258n)).toBe("0102");
    expect(hex(T.u32, 1n)).toBe("00000001");
    expect(hex(T.u64, 2n ** 64n - 2n)).toBe("fffffffffffffffe");
    expect(hex(T.u128, 2n ** 64n + 5n)).toBe("00000000000000010000000000000005");
    expect(hex(T.i64, 0n)).toBe("8000000000000000");
    expect(hex(T.i64, -1n)).toBe("7fffffffffffffff");
    expect(hex(T.i64, -(2n ** 63n))).toBe("0000000000000000");
    expect(hex(T.bps, 10000n)).toBe("2710");
    expect(hex(T.duration, 3600n)).toBe("0000000000000e10");
    expect(hex(T.timestamp, 1748736000n)).toBe("00000000683b9800");
    expect(hex(T.string, "hé")).toBe("0000000368c3a9");
    expect(hex(T.string, "𝄞")).toBe("00000004f09d849e");
    expect(hex(T.bytes, Uint8Array.of(0xab))).toBe("00000001ab");
    expect(hex(T.digest, new Uint8Array(32).fill(7))).toBe("07".repeat(32));
    expect(hex(T.peer, new Uint8Array(32).fill(1))).toBe("01".repeat(32));
    expect(hex(T.measurement, new Uint8Array(48))).toBe("00".repeat(48));
  });

  it("encodes options, lists, records and enums", () => {
    expect(hex(T.option(T.u8), null)).toBe("00");
    expect(hex(T.option(T.u8), { value: 3n })).toBe("0103");
    expect(hex(T.option(T.option(T.u8)), { value: null })).toBe("0100");
    expect(hex(T.list(T.u16, 4), [1n, 2n])).toBe("0000000200010002");
    const Bid = T.record("Bid", [["amount", T.u64], ["qty", T.u8]]);
    expect(hex(Bid, { qty: 2n, amount: 1n })).toBe("000000000000000102");
    const Status = T.enum("Status", [["Active", []], ["Completed", [["buyer", T.u8]]]]);
    expect(hex(Status, { tag: "Active" })).toBe("0000");
    expect(hex(Status, { tag: "Completed", fields: { buyer: 9n } })).toBe("000109");
  });

  it("encodes maps and sets entry by entry in key order (canonical view)", () => {
    const t = T.map(T.u8, T.bool, 8);
    const m = PMap.fromEntries(mapCodec<bigint, boolean>(T.u8, T.bool), [[2n, true], [1n, false]]);
    expect(hex(t, m)).toBe("00000002" + "0100" + "0201");
    const s = PSet.from(setCodec<bigint>(T.u8), [3n, 1n, 3n]);
    expect(hex(T.set(T.u8, 4), s)).toBe("00000002" + "01" + "03");
  });

  it("writes nested maps as their Merkle root in the hash view", () => {
    const inner = PMap.fromEntries(mapCodec<bigint, boolean>(T.u8, T.bool), [[1n, true]]);
    const t = T.record("R", [["m", T.map(T.u8, T.bool, 4)]]);
    expect(toHex(encode(t, { m: inner }, "hash"))).toBe(toHex(inner.rootHash()));
  });

  it("hash(x) is BLAKE3 of the canonical encoding", () => {
    expect(toHex(hashValue(T.u64, 7n))).toBe(toHex(blake3(encode(T.u64, 7n))));
  });
});

describe("invalid values", () => {
  const cases: readonly [TypeDesc, unknown, string][] = [
    [T.u8, 256n, "not a valid u8: 256 is not in 0..=255"],
    [T.u64, 1, "not a valid u64: 1 is not in 0..=18446744073709551615"],
    [T.bps, 10001n, "not a valid bps: 10001 is not in 0..=10000"],
    [T.digest, new Uint8Array(31), "not a valid digest: expected 32 bytes, got 31"],
    [T.string, "\ud800", "not a valid string: expected well-formed UTF-16 text"],
    [T.list(T.u8, 1), [1n, 2n], "not a valid list<u8, 1>: 2 elements exceed the capacity 1"],
    [T.record("Bid", [["amount", T.u64]]), {}, "not a valid Bid: missing field amount"],
    [T.enum("E", [["A", []]]), { tag: "B" }, "not a valid E: unknown variant"],
    [T.bool, 0, "not a valid bool: expected a boolean"],
  ];
  it.each(cases)("%j rejects %s", (t, v, reason) => {
    expect(() => encode(t, v)).toThrow(new SmaltAbort("invalid_value", reason));
  });
});

describe("properties", () => {
  it("is injective and prefix-free: equal bytes exactly when equal values", () => {
    fc.assert(
      fc.property(typeAndTwoValues, ([t, a, b]) => {
        const ea = encode(t, a);
        const eb = encode(t, b);
        const same = compareBytes(ea, eb) === 0;
        expect(same).toBe(equalsFor(t)(a, b));
        if (!same) {
          const n = Math.min(ea.length, eb.length);
          expect(compareBytes(ea.subarray(0, n), eb.subarray(0, n)) === 0).toBe(false); // neither is a prefix
        }
        expect(encode(t, a, "hash").length > 0 || encode(t, a).length === 0).toBe(true);
      }),
      settings(500),
    );
  });

  it("hash view is injective too (maps replaced by their roots)", () => {
    fc.assert(
      fc.property(typeAndTwoValues, ([t, a, b]) => {
        expect(compareBytes(encode(t, a, "hash"), encode(t, b, "hash")) === 0).toBe(equalsFor(t)(a, b));
      }),
      settings(),
    );
  });

  it.each(INT_TYPES)("%s: byte order of the encoding is numeric order", (k) => {
    const t = { kind: k } as TypeDesc;
    fc.assert(
      fc.property(intArb(k), intArb(k), (a, b) => {
        const byBytes = Math.sign(compareBytes(encode(t, a), encode(t, b)));
        expect(byBytes).toBe(a < b ? -1 : a > b ? 1 : 0);
        expect(Math.sign(comparatorFor<bigint>(t)(a, b))).toBe(byBytes);
      }),
      settings(200),
    );
  });
});
