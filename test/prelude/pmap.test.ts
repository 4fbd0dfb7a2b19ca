// The persistent map: behaves like a sorted reference model under random operation
// sequences, its root hash depends only on its entries (never on insertion order),
// old versions survive updates, and rehashing after an update touches one path only.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SmaltAbort } from "../../stdlib/prelude/abort.js";
import { mapCodec } from "../../stdlib/prelude/codec.js";
import { toHex } from "../../stdlib/prelude/hash.js";
import { PMap, type MapCodec } from "../../stdlib/prelude/pmap.js";
import { T } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

const codec = mapCodec<bigint, bigint>(T.u64, T.u64);
const empty = PMap.empty(codec);
const settings = (runs = 200) => ({ seed: propertySeed(), numRuns: propertyRuns(runs) });

function fromPairs(pairs: readonly (readonly [bigint, bigint])[]): PMap<bigint, bigint> {
  return pairs.reduce((m, [k, v]) => m.set(k, v), empty);
}

type Op = { readonly kind: "set"; readonly k: bigint; readonly v: bigint } | { readonly kind: "delete"; readonly k: bigint };
const key = fc.bigInt({ min: 0n, max: 40n });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), k: key, v: fc.bigInt({ min: 0n, max: 3n }) }),
  fc.record({ kind: fc.constant("delete" as const), k: key }),
);

function apply(m: PMap<bigint, bigint>, op: Op): PMap<bigint, bigint> {
  return op.kind === "set" ? m.set(op.k, op.v) : m.delete(op.k);
}

describe("PMap basics", () => {
  it("starts empty with the zero root", () => {
    expect(empty.size).toBe(0);
    expect(empty.get(1n)).toBeUndefined();
    expect(empty.min()).toBeUndefined();
    expect(empty.max()).toBeUndefined();
    expect([...empty]).toEqual([]);
    expect(toHex(empty.rootHash())).toBe("00".repeat(32));
  });

  it("sets, gets, deletes and iterates in key order", () => {
    const m = fromPairs([[5n, 50n], [1n, 10n], [3n, 30n], [1n, 11n]]);
    expect(m.size).toBe(3);
    expect(m.get(1n)).toBe(11n);
    expect(m.has(3n)).toBe(true);
    expect(m.getOr(4n, 0n)).toBe(0n);
    expect([...m.keys()]).toEqual([1n, 3n, 5n]);
    expect([...m.values()]).toEqual([11n, 30n, 50n]);
    expect(m.min()).toEqual([1n, 11n]);
    expect(m.max()).toEqual([5n, 50n]);
    const d = m.delete(3n);
    expect([...d]).toEqual([[1n, 11n], [5n, 50n]]);
    expect(d.delete(42n)).toBe(d);
    const seen: bigint[] = [];
    d.forEach((v, k) => seen.push(k, v));
    expect(seen).toEqual([1n, 11n, 5n, 50n]);
  });

  it("returns the same version when nothing changes", () => {
    const m = fromPairs([[1n, 10n]]);
    expect(m.set(1n, 10n)).toBe(m);
  });

  it("enforces capacity and missing keys with aborts", () => {
    const m = fromPairs([[1n, 1n], [2n, 2n]]);
    expect(m.setWithin(2, 1n, 5n).get(1n)).toBe(5n);
    expect(() => m.setWithin(2, 3n, 3n)).toThrow(new SmaltAbort("capacity", "map is full (capacity 2)"));
    expect(() => m.expect(9n, "balances[9]")).toThrow(SmaltAbort);
    expect(m.expect(2n, "balances[2]")).toBe(2n);
  });

  it("orders signed keys numerically", () => {
    const m = PMap.fromEntries(mapCodec<bigint, boolean>(T.i64, T.bool), [[3n, true], [-(2n ** 63n), true], [-1n, false], [0n, true]]);
    expect([...m.keys()]).toEqual([-(2n ** 63n), -1n, 0n, 3n]);
  });

  it("orders string keys by code point (UTF-8 byte order)", () => {
    const m = PMap.fromEntries(mapCodec<string, bigint>(T.string, T.u8), ["b", "a", "\uffff", "𝄞", "ab", ""].map((s) => [s, 0n] as const));
    expect([...m.keys()]).toEqual(["", "a", "ab", "b", "\uffff", "𝄞"]);
  });
});

describe("PMap properties", () => {
  it("behaves like a sorted reference model under random operations", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 120 }), (ops) => {
        let m = empty;
        const model = new Map<bigint, bigint>();
        for (const op of ops) {
          m = apply(m, op);
          if (op.kind === "set") model.set(op.k, op.v);
          else model.delete(op.k);
          expect(m.size).toBe(model.size);
        }
        const sorted = [...model].sort((a, b) => (a[0] < b[0] ? -1 : 1));
        expect([...m]).toEqual(sorted);
        for (let k = 0n; k <= 40n; k++) {
          expect(m.get(k)).toBe(model.get(k));
          expect(m.has(k)).toBe(model.has(k));
        }
        expect(m.min()).toEqual(sorted[0]);
        expect(m.max()).toEqual(sorted[sorted.length - 1]);
      }),
      settings(),
    );
  });

  it("has a root hash independent of insertion order and history", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 9n })), {
          selector: ([k]) => k,
          maxLength: 80,
        }),
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { maxLength: 20 }),
        fc.integer(),
        (entries, noise, seed) => {
          const shuffled = fc.sample(fc.shuffledSubarray(entries, { minLength: entries.length }), { seed, numRuns: 1 })[0];
          const a = fromPairs(entries);
          // Another history: insert junk keys first, overwrite values, then remove the junk.
          const present = new Set(entries.map(([k]) => k));
          const junk = noise.filter((k) => !present.has(k));
          let b = junk.reduce((m, k) => m.set(k, 7n), empty);
          b = shuffled.reduce((m, [k, v]) => m.set(k, v + 1n), b);
          b = shuffled.reduce((m, [k, v]) => m.set(k, v), b);
          b = junk.reduce((m, k) => m.delete(k), b);
          const c = PMap.fromEntries(codec, shuffled);
          expect(toHex(b.rootHash())).toBe(toHex(a.rootHash()));
          expect(toHex(c.rootHash())).toBe(toHex(a.rootHash()));
          expect(b.height()).toBe(a.height());
        },
      ),
      settings(),
    );
  });

  it("keeps old versions unchanged after updates", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.array(opArb, { minLength: 1, maxLength: 40 }), (before, after) => {
        const v1 = before.reduce(apply, empty);
        const snapshot = [...v1];
        const root = toHex(v1.rootHash());
        const v2 = after.reduce(apply, v1);
        v2.rootHash();
        expect([...v1]).toEqual(snapshot);
        expect(toHex(v1.rootHash())).toBe(root);
        expect(v1.size).toBe(snapshot.length);
      }),
      settings(),
    );
  });

  it("distinguishes maps that differ in one value or one key", () => {
    const m = fromPairs([[1n, 1n], [2n, 2n], [3n, 3n]]);
    const roots = new Set([m, m.set(2n, 9n), m.delete(2n), m.set(4n, 4n), m.delete(2n).set(5n, 2n)].map((x) => toHex(x.rootHash())));
    expect(roots.size).toBe(5);
  });
});

describe("PMap incremental hashing", () => {
  function counting(): { codec: MapCodec<bigint, bigint>; calls: { key: number; value: number } } {
    const calls = { key: 0, value: 0 };
    return {
      calls,
      codec: {
        compare: codec.compare,
        hashKey: codec.hashKey, // the table's hash: only the tree's key encodings are counted
        encodeKey: (k) => (calls.key++, codec.encodeKey(k)),
        encodeValue: (v) => (calls.value++, codec.encodeValue(v)),
      },
    };
  }

  it("rehashes only the new entry after an update, and nothing for an unchanged map", () => {
    const { codec: c, calls } = counting();
    const m = PMap.fromEntries<bigint, bigint>(c, Array.from({ length: 2000 }, (_, i) => [BigInt(i), 0n] as const));
    m.rootHash();
    calls.key = calls.value = 0;
    m.rootHash();
    expect(calls).toEqual({ key: 0, value: 0 });
    const updated = m.set(1234n, 1n);
    updated.rootHash();
    expect(calls).toEqual({ key: 1, value: 1 }); // one entry digest; ancestors reuse their siblings' digests
    calls.key = calls.value = 0;
    const inserted = updated.set(5000n, 1n).delete(17n);
    inserted.rootHash();
    expect(calls).toEqual({ key: 2, value: 1 }); // priority of the new key + its entry digest
  });

  it("keeps the tree shallow (expected O(log n) depth)", () => {
    const m = PMap.fromEntries(codec, Array.from({ length: 20000 }, (_, i) => [BigInt(i), 0n] as const));
    expect(m.height()).toBeLessThan(4 * Math.log2(20000));
  });
});
