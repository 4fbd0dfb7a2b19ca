// Sets and lists: PSet mirrors PMap's guarantees (order, capacity, canonical root);
// list operations are copy-on-write with capacity and index aborts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SmaltAbort } from "../../stdlib/prelude/abort.js";
import { emptyMap, emptySet, mapCodec, setCodec, zeroValue } from "../../stdlib/prelude/codec.js";
import { encode } from "../../stdlib/prelude/encode.js";
import { typeArb } from "./arbitraries.js";
import { comparatorFor, equalsFor } from "../../stdlib/prelude/compare.js";
import { toHex } from "../../stdlib/prelude/hash.js";
import { at, contains, len, listOf, pop, push, setAt, sortBy } from "../../stdlib/prelude/list.js";
import { PMap } from "../../stdlib/prelude/pmap.js";
import { PSet } from "../../stdlib/prelude/pset.js";
import { T } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

const peer = (b: number) => new Uint8Array(32).fill(b);
const codec = setCodec<Uint8Array>(T.peer);

describe("PSet", () => {
  it("adds, removes and iterates in element order", () => {
    const s = PSet.from(codec, [peer(3), peer(1), peer(2), peer(1)]);
    expect(s.size).toBe(3);
    expect([...s].map((p) => p[0])).toEqual([1, 2, 3]);
    expect(s.has(peer(2))).toBe(true);
    expect(s.delete(peer(2)).has(peer(2))).toBe(false);
    expect(s.add(peer(1))).toBe(s);
    expect(s.delete(peer(9))).toBe(s);
    expect(s.min()?.[0]).toBe(1);
    expect(s.max()?.[0]).toBe(3);
    const seen: number[] = [];
    s.forEach((p) => seen.push(p[0]));
    expect(seen).toEqual([1, 2, 3]);
  });

  it("aborts on a full set", () => {
    const s = PSet.from(codec, [peer(1)]);
    expect(s.addWithin(1, peer(1))).toBe(s);
    expect(() => s.addWithin(1, peer(2))).toThrow(new SmaltAbort("capacity", "set is full (capacity 1)"));
  });

  it("has an order-independent root equal to a map with empty values", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 60 }), (xs) => {
        const a = PSet.from(codec, xs.map(peer));
        const b = PSet.from(codec, [...xs].reverse().map(peer));
        expect(toHex(a.rootHash())).toBe(toHex(b.rootHash()));
        const m = PMap.fromEntries(
          { ...codec, encodeValue: () => new Uint8Array(0) },
          xs.map((x) => [peer(x), true] as const),
        );
        expect(toHex(a.rootHash())).toBe(toHex(m.rootHash()));
      }),
      { seed: propertySeed(), numRuns: propertyRuns(100) },
    );
  });

  it("empty values come from the type", () => {
    expect(emptySet(T.set(T.u8, 4)).size).toBe(0);
    expect(emptyMap(T.map(T.u8, T.u8, 4)).size).toBe(0);
    expect(() => emptyMap(T.u8)).toThrow(TypeError);
    expect(mapCodec(T.u8, T.u8).compare(1n, 2n)).toBe(-1);
  });
});

describe("zero values", () => {
  it("are values of their type", () => {
    fc.assert(
      fc.property(typeArb, (t) => {
        expect(() => encode(t, zeroValue(t))).not.toThrow();
      }),
      { seed: propertySeed(), numRuns: propertyRuns(200) },
    );
  });

  it("are the documented zeros", () => {
    const E = T.enum("E", [["A", [["x", T.u8]]], ["B", []]]);
    expect(zeroValue(T.u64)).toBe(0n);
    expect(zeroValue(T.option(T.u8))).toBeNull();
    expect(zeroValue(T.list(T.u8, 2))).toEqual([]);
    expect(zeroValue(E)).toEqual({ tag: "A", fields: { x: 0n } });
    expect(zeroValue(T.record("R", [["s", T.string], ["b", T.bool]]))).toEqual({ s: "", b: false });
    expect((zeroValue(T.map(T.u8, T.u8, 2)) as PMap<bigint, bigint>).size).toBe(0);
  });
});

describe("lists", () => {
  it("push and pop copy, leaving the old list alone", () => {
    const a = listOf([1n, 2n], 3);
    const b = push(a, 3n, 3);
    expect(a).toEqual([1n, 2n]);
    expect(b).toEqual([1n, 2n, 3n]);
    expect(() => push(b, 4n, 3)).toThrow(new SmaltAbort("capacity", "list is full (capacity 3)"));
    expect(pop(b)).toEqual([[1n, 2n], { value: 3n }]);
    expect(pop([])).toEqual([[], null]);
    expect(() => listOf([1n, 2n], 1)).toThrow(SmaltAbort);
  });

  it("indexes with bounds checks", () => {
    const xs = [10n, 20n];
    expect(at(xs, 1n)).toBe(20n);
    expect(setAt(xs, 0n, 5n)).toEqual([5n, 20n]);
    expect(xs).toEqual([10n, 20n]);
    expect(() => at(xs, 2n)).toThrow(new SmaltAbort("index", "index 2 out of range for a list of length 2"));
    expect(() => setAt(xs, -1n, 0n)).toThrow(SmaltAbort);
    expect(len(xs)).toBe(2n);
    expect(len(PSet.from(codec, [peer(1)]))).toBe(1n);
  });

  it("contains uses value equality and sortBy is stable with directions", () => {
    const Bid = T.record("Bid", [["price", T.u64], ["seq", T.u64]]);
    const bids = [
      { price: 5n, seq: 2n },
      { price: 7n, seq: 1n },
      { price: 5n, seq: 1n },
      { price: 5n, seq: 1n, tag: "second" },
    ];
    expect(contains(bids, { price: 7n, seq: 1n }, equalsFor(Bid))).toBe(true);
    expect(contains(bids, { price: 7n, seq: 2n }, equalsFor(Bid))).toBe(false);
    const u64 = comparatorFor(T.u64);
    const sorted = sortBy(bids, [
      { get: (b) => b.price, compare: u64, descending: true },
      { get: (b) => b.seq, compare: u64, descending: false },
    ]);
    expect(sorted).toEqual([bids[1], bids[2], bids[3], bids[0]]);
  });
});
