// The radix trie under maps and sets keyed by peer, digest or measurement (stdlib/prelude/trie.ts):
// across random operation sequences on keys that share prefixes of several nibbles, every
// version agrees with a sorted reference model (entries in order, lookups, min, max, size),
// old versions stay as they were, changedKeys / touchedKeys are exactly the keys whose
// entry differs (ascending), and the root equals that of the same entries built at once.
// The trie's digests are checked against an independent implementation of
// docs/state-encoding.md §4.2 in state-encoding-doc.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapCodec, setCodec } from "../../stdlib/prelude/codec.js";
import { compareBytes } from "../../stdlib/prelude/compare.js";
import { blake3, fromHex, toHex } from "../../stdlib/prelude/hash.js";
import { PMap } from "../../stdlib/prelude/pmap.js";
import { PSet } from "../../stdlib/prelude/pset.js";
import { T } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

const settings = (runs = 150) => ({ seed: propertySeed(), numRuns: propertyRuns(runs) });

/** 40 keys of `bytes` bytes: groups sharing 0, 1, 3 and 13 leading nibbles, and two differing only in the last nibble. */
function keysOf(bytes: number): Uint8Array[] {
  const prefixes = ["", "5", "a7c", "a7c0ffee12345", "a7c0ffee12346"];
  return Array.from({ length: 40 }, (_, i) => {
    const hex = Array.from({ length: bytes * 2 }, (_, j) => ((i * 7 + j * 13 + ((i * j) % 5)) % 16).toString(16)).join("");
    const p = prefixes[i % prefixes.length];
    const k = fromHex(p + hex.slice(p.length));
    if (i === 39) return Uint8Array.from(k.map((b, j) => (j === k.length - 1 ? b ^ 1 : b))); // differs from key 38 only if they share the rest
    return k;
  });
}

type Op = { readonly kind: "set"; readonly k: number; readonly v: bigint } | { readonly kind: "delete"; readonly k: number } | { readonly kind: "keep"; readonly k: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), k: fc.integer({ min: 0, max: 39 }), v: fc.bigInt({ min: 0n, max: 3n }) }),
  fc.record({ kind: fc.constant("delete" as const), k: fc.integer({ min: 0, max: 39 }) }),
  fc.record({ kind: fc.constant("keep" as const), k: fc.integer({ min: 0, max: 39 }) }),
);

type Model = Map<string, bigint>;
const sortedEntries = (m: Model) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function expectAgrees(m: PMap<Uint8Array, bigint>, model: Model, keys: readonly Uint8Array[]): void {
  const want = sortedEntries(model);
  expect([...m].map(([k, v]) => [toHex(k), v])).toEqual(want);
  expect(m.size).toBe(model.size);
  expect(m.min()?.[1]).toBe(want[0]?.[1]);
  expect(m.max()?.[1]).toBe(want[want.length - 1]?.[1]);
  for (const k of keys) expect(m.get(k)).toBe(model.get(toHex(k)));
}

describe("the radix trie of fixed-length byte keys", () => {
  for (const [name, type, bytes] of [
    ["peer", T.peer, 32],
    ["measurement", T.measurement, 48],
  ] as const) {
    it(`agrees with a sorted model, keeps old versions, and reports exactly the changed keys (${name} keys)`, () => {
      const keys = keysOf(bytes);
      const codec = mapCodec<Uint8Array, bigint>(type, T.u64);
      fc.assert(
        fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
          let m = PMap.empty(codec);
          const model: Model = new Map();
          const history: [PMap<Uint8Array, bigint>, Model][] = [];
          for (const op of ops) {
            const before = m;
            const beforeModel = new Map(model);
            const k = keys[op.k];
            if (op.kind === "set") {
              m = m.set(k, op.v);
              model.set(toHex(k), op.v);
            } else if (op.kind === "delete") {
              m = m.delete(k);
              model.delete(toHex(k));
            } else {
              const next = m.update(k, 0n, (v) => v);
              if (model.has(toHex(k))) expect(next).toBe(m); // the same value object: the same version
              m = next;
              if (!model.has(toHex(k))) model.set(toHex(k), 0n);
            }
            if (op.kind === "delete" && !beforeModel.has(toHex(k))) expect(m).toBe(before);
            // Keys whose entry is new or holds another value; touched adds the removed ones.
            const all = [...new Set([...beforeModel.keys(), ...model.keys()])].sort();
            const changed = all.filter((h) => model.has(h) && beforeModel.get(h) !== model.get(h));
            const touched = all.filter((h) => beforeModel.get(h) !== model.get(h) || beforeModel.has(h) !== model.has(h));
            expect(m.changedKeys(before).map(toHex)).toEqual(changed);
            expect(m.touchedKeys(before).map(toHex)).toEqual(touched);
            history.push([m, new Map(model)]);
          }
          for (const [version, snapshot] of history) expectAgrees(version, snapshot, keys);
          const built = PMap.fromEntries(codec, [...model].map(([h, v]) => [fromHex(h), v] as const));
          expect(toHex(m.rootHash())).toBe(toHex(built.rootHash()));
          expect(m.height()).toBe(built.height());
        }),
        settings(),
      );
    });
  }

  it("iterates in byte order, the order compareBytes gives", () => {
    const keys = keysOf(32);
    const m = PMap.fromEntries(mapCodec<Uint8Array, bigint>(T.peer, T.u64), keys.map((k, i) => [k, BigInt(i)] as const));
    const want = [...keys].sort(compareBytes).map(toHex);
    expect([...m.keys()].map(toHex)).toEqual(want);
    const seen: string[] = [];
    m.forEach((_, k) => seen.push(toHex(k)));
    expect(seen).toEqual(want);
  });

  it("stays shallow on random keys: the longest path is about 2·log16 n levels", () => {
    const random = (i: number) => blake3(Uint8Array.of(i & 0xff, (i >> 8) & 0xff, i >> 16));
    const m = PMap.fromEntries(mapCodec<Uint8Array, bigint>(T.peer, T.u64), Array.from({ length: 20_000 }, (_, i) => [random(i), 0n] as const));
    expect(m.size).toBe(20_000);
    // The deepest leaf sits under the longest prefix two keys share, about 2·log16 n ≈ 7 nibbles; a treap of 20000 keys is ~30 deep.
    expect(m.height()).toBeLessThanOrEqual(10);
  });

  it("puts sets of peers on the trie too, with the same root as the map to empty values", () => {
    const keys = keysOf(32).slice(0, 12);
    const s = PSet.from(setCodec<Uint8Array>(T.peer), keys);
    expect([...s].map(toHex)).toEqual([...keys].sort(compareBytes).map(toHex));
    expect(setCodec(T.peer).keyBytes).toBe(32);
    expect(mapCodec(T.digest, T.u8).keyBytes).toBe(32);
    expect(mapCodec(T.bytes, T.u8).keyBytes).toBeUndefined(); // variable length: a treap
    const fewer = keys.slice(1).reduce((acc, k) => acc.add(k), PSet.empty(setCodec<Uint8Array>(T.peer)));
    expect(toHex(s.delete(keys[0]).keyMap().rootHash())).toBe(toHex(fewer.keyMap().rootHash()));
  });
});
