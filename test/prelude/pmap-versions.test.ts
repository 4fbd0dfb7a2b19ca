// Every version of a PMap stays what it was, whatever is done to the others: the latest
// version of a lineage lives in a mutable table and the others are differences from it
// (stdlib/prelude/pmap.ts), so reading or writing an old version reroots the store, and a
// version too far from its store gets one of its own. Random programs over a growing set of
// versions (write to any of them, read any of them, in any order, with chains longer than
// REROOT_LIMIT, and with keys that all share one table slot) must agree with a model that
// copies a plain Map per version, on lookups, sizes, order, root hashes and changed keys.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapCodec } from "../../stdlib/prelude/codec.js";
import { toHex } from "../../stdlib/prelude/hash.js";
import { PMap, REROOT_LIMIT, type MapCodec } from "../../stdlib/prelude/pmap.js";
import { T } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

const settings = { seed: propertySeed(), numRuns: propertyRuns(150) };

type Step =
  | { readonly kind: "set"; readonly from: number; readonly k: number; readonly v: number }
  | { readonly kind: "delete"; readonly from: number; readonly k: number }
  | { readonly kind: "burst"; readonly from: number; readonly k: number } // REROOT_LIMIT + 5 writes in a row
  | { readonly kind: "read"; readonly at: number; readonly k: number }
  | { readonly kind: "order"; readonly at: number }
  | { readonly kind: "changed"; readonly at: number; readonly since: number };

const pick = fc.nat({ max: 1000 });
const key = fc.integer({ min: 0, max: 30 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("set" as const), from: pick, k: key, v: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), from: pick, k: key }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("burst" as const), from: pick, k: key }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("read" as const), at: pick, k: key }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("order" as const), at: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("changed" as const), at: pick, since: pick }) },
);

const VALUES = [0n, 1n, 2n, 3n].map((n) => ({ n }));
type Value = (typeof VALUES)[number];
const valueType = T.record("V", [["n", T.u64]]);
const digest = (k: number) => Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? k * 7 : i === 31 ? k : 0));
const collide = <K,>(c: MapCodec<K, Value>): MapCodec<K, Value> => ({ ...c, hashKey: () => 7 });
const kinds = [
  { name: "trie (byte keys)", codec: mapCodec<Uint8Array, Value>(T.digest, valueType), key: digest },
  { name: "treap (integer keys)", codec: mapCodec<bigint, Value>(T.u64, valueType), key: (k: number) => BigInt(k) },
  { name: "treap, every key in one table slot", codec: collide(mapCodec<bigint, Value>(T.u64, valueType)), key: (k: number) => BigInt(k) },
] as const;

describe.each(kinds)("PMap versions on the $name", ({ codec, key }) => {
  const c = codec as MapCodec<unknown, Value>;
  const mk = key as (k: number) => unknown;
  const model = (m: ReadonlyMap<number, Value>) => [...m].sort((a, b) => a[0] - b[0]);
  const rebuilt = (m: ReadonlyMap<number, Value>) => PMap.fromEntries(c, model(m).map(([k, v]) => [mk(k), v] as const));

  function check(version: PMap<unknown, Value>, m: ReadonlyMap<number, Value>): void {
    expect(version.size).toBe(m.size);
    expect([...version.entries()]).toEqual(model(m).map(([k, v]) => [mk(k), v]));
    expect(toHex(version.rootHash())).toBe(toHex(rebuilt(m).rootHash()));
  }

  it("keeps every version intact across writes, reads and reroots in any order", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
        const versions: PMap<unknown, Value>[] = [PMap.empty(c)];
        const models: Map<number, Value>[] = [new Map()];
        const at = (i: number) => i % versions.length;
        for (const s of steps) {
          if (s.kind === "set" || s.kind === "delete" || s.kind === "burst") {
            const i = at(s.from);
            let v = versions[i];
            const m = new Map(models[i]);
            const writes = s.kind === "burst" ? REROOT_LIMIT + 5 : 1;
            for (let w = 0; w < writes; w++) {
              const k = s.kind === "burst" ? (s.k + w) % 31 : s.k;
              if (s.kind === "delete") {
                v = v.delete(mk(k));
                m.delete(k);
              } else {
                const value = VALUES[s.kind === "set" ? s.v : w % 4];
                v = v.set(mk(k), value);
                m.set(k, value);
              }
            }
            versions.push(v);
            models.push(m);
          } else if (s.kind === "read") {
            const i = at(s.at);
            expect(versions[i].get(mk(s.k))).toBe(models[i].get(s.k));
            expect(versions[i].has(mk(s.k))).toBe(models[i].has(s.k));
          } else if (s.kind === "order") {
            check(versions[at(s.at)], models[at(s.at)]);
          } else {
            const now = versions[at(s.at)];
            const then = versions[at(s.since)];
            expect(now.touchedKeys(then)).toEqual(rebuilt(models[at(s.at)]).touchedKeys(then));
            expect(now.changedKeys(then)).toEqual(rebuilt(models[at(s.at)]).changedKeys(then));
          }
        }
        versions.forEach((v, i) => check(v, models[i]));
      }),
      settings,
    );
  });
});

describe("PMap versions: lineages sharing a start", () => {
  const c = mapCodec<bigint, bigint>(T.u64, T.u64);

  it("alternating lineages (replicas applying the same commands in turn) stay correct and apart", () => {
    const start = PMap.fromEntries(c, [[0n, 0n]]);
    let a = start;
    let b = start;
    for (let i = 1n; i <= 3n * BigInt(REROOT_LIMIT); i++) {
      a = a.set(i, i);
      b = b.set(i, 2n * i);
      expect(a.get(i)).toBe(i);
      expect(b.get(i)).toBe(2n * i);
    }
    expect(start.size).toBe(1);
    expect([...start.keys()]).toEqual([0n]);
    expect(a.get(5n)).toBe(5n);
    expect(b.get(5n)).toBe(10n);
    expect(a.size).toBe(b.size);
  });

  it("leaves an empty version out of the chain: writing to it never changes it", () => {
    const empty = PMap.empty(c);
    const one = empty.set(1n, 1n);
    const other = empty.set(2n, 2n);
    expect(empty.size).toBe(0);
    expect([...empty.entries()]).toEqual([]);
    expect([...one.entries()]).toEqual([[1n, 1n]]);
    expect([...other.entries()]).toEqual([[2n, 2n]]);
  });
});
