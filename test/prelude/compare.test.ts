// Ordering and equality of values: the comparators are total orders, strings order by
// code point (= UTF-8 bytes), fixed-width types order like their encodings, and map
// equality goes through Merkle roots.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapCodec } from "../../stdlib/prelude/codec.js";
import { compareBytes, compareBytesFrom, compareStrings, comparatorFor, equalsFor } from "../../stdlib/prelude/compare.js";
import { encode } from "../../stdlib/prelude/encode.js";
import { PMap } from "../../stdlib/prelude/pmap.js";
import { T } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";
import { orderableTypeArb, valueArb } from "./arbitraries.js";

const settings = (runs = 300) => ({ seed: propertySeed(), numRuns: propertyRuns(runs) });
const utf8 = new TextEncoder();

describe("comparators", () => {
  it("are total orders on random orderable types", () => {
    const triple = orderableTypeArb.chain((t) => fc.tuple(fc.constant(t), valueArb(t), valueArb(t), valueArb(t)));
    fc.assert(
      fc.property(triple, ([t, a, b, c]) => {
        const cmp = comparatorFor(t);
        expect(Math.sign(cmp(a, b)) + Math.sign(cmp(b, a))).toBe(0);
        expect(cmp(a, a)).toBe(0);
        if (cmp(a, b) <= 0 && cmp(b, c) <= 0) expect(cmp(a, c)).toBeLessThanOrEqual(0);
        // zero exactly when the canonical encodings are equal (the PMap codec contract)
        expect(cmp(a, b) === 0).toBe(compareBytes(encode(t, a), encode(t, b)) === 0);
      }),
      settings(),
    );
  });

  it("order strings like their UTF-8 bytes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 6 }), fc.string({ unit: "binary", maxLength: 6 }), (a, b) => {
        expect(Math.sign(compareStrings(a, b))).toBe(Math.sign(compareBytes(utf8.encode(a), utf8.encode(b))));
      }),
      settings(),
    );
    expect(compareStrings("\uffff", "𝄞")).toBe(-1); // JS `<` says the opposite
    expect("\uffff" < "𝄞").toBe(false);
  });

  it("order options none-first, lists lexicographically, enums by variant then payload", () => {
    const opt = comparatorFor(T.option(T.u8));
    expect(opt(null, { value: 0n })).toBe(-1);
    const list = comparatorFor(T.list(T.u8, 4));
    expect(list([1n], [1n, 0n])).toBe(-1);
    expect(list([2n], [1n, 9n])).toBe(1);
    const E = T.enum("E", [["A", [["x", T.u8]]], ["B", []]]);
    const e = comparatorFor(E);
    expect(e({ tag: "A", fields: { x: 9n } }, { tag: "B" })).toBe(-1);
    expect(e({ tag: "A", fields: { x: 1n } }, { tag: "A", fields: { x: 2n } })).toBe(-1);
  });

  it("order bytes unsigned-lexicographically, also when told a shared prefix to skip", () => {
    /** The definition: the first differing byte decides, else the shorter array sorts first. */
    const reference = (a: Uint8Array, b: Uint8Array): { sign: number; common: number } => {
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      if (i < a.length && i < b.length) return { sign: a[i] < b[i] ? -1 : 1, common: i };
      return { sign: Math.sign(a.length - b.length), common: i };
    };
    const bytes = fc.uint8Array({ maxLength: 12 });
    // Pairs that share a (possibly long) prefix, then diverge or end: the case the search sees.
    const pair = fc.tuple(fc.uint8Array({ maxLength: 48 }), bytes, bytes).map(([p, x, y]) => [Uint8Array.from([...p, ...x]), Uint8Array.from([...p, ...y])] as const);
    fc.assert(
      fc.property(fc.oneof(pair, fc.tuple(bytes, bytes)), fc.nat(), ([a, b], skip) => {
        const { sign, common } = reference(a, b);
        expect(compareBytes(a, b)).toBe(sign);
        const from = common === 0 ? 0 : skip % (common + 1); // any prefix the two really share
        const r = compareBytesFrom(a, b, from);
        expect(Math.sign(r)).toBe(sign);
        if (r !== 0) expect(Math.abs(r) - 1).toBe(common);
        expect(compareBytesFrom(b, a, from) + r).toBe(0);
      }),
      settings(1000),
    );
    expect(compareBytes(Uint8Array.of(1, 0xff), Uint8Array.of(2))).toBe(-1); // unsigned, first byte decides
    expect(compareBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(-1); // a proper prefix sorts first
  });

  it("refuse maps and sets as keys", () => {
    expect(() => comparatorFor(T.map(T.u8, T.u8, 2))).toThrow(TypeError);
    expect(() => mapCodec(T.set(T.u8, 2), T.u8)).toThrow(TypeError);
  });
});

describe("equality", () => {
  it("compares maps by content, whatever their history", () => {
    const c = mapCodec<bigint, bigint>(T.u8, T.u8);
    const a = PMap.fromEntries(c, [[1n, 1n], [2n, 2n]]);
    const b = PMap.empty(c).set(2n, 2n).set(3n, 3n).set(1n, 1n).delete(3n);
    const t = T.record("R", [["m", T.map(T.u8, T.u8, 4)], ["n", T.u8]]);
    const eq = equalsFor(t);
    expect(eq({ m: a, n: 1n }, { m: b, n: 1n })).toBe(true);
    expect(eq({ m: a, n: 1n }, { m: b.set(1n, 5n), n: 1n })).toBe(false);
    expect(eq({ m: a, n: 1n }, { m: a, n: 2n })).toBe(false);
  });
});
