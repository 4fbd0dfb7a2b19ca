// PMap's version chain (stdlib/prelude/pmap.ts): `changedKeys` and `touchedKeys` answered
// from the differences between two versions give exactly what the tree diff gives, on both
// trees (trie for byte keys, treap otherwise), when keys are written several times or back
// to their old value, and when the chain is longer than REROOT_LIMIT (then the trees are diffed).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapCodec } from "../../stdlib/prelude/codec.js";
import { PMap, REROOT_LIMIT } from "../../stdlib/prelude/pmap.js";
import { T } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

const settings = { seed: propertySeed(), numRuns: propertyRuns(300) };
type Op = { readonly k: number; readonly v: number | null };
const ops = (max: number) =>
  fc.array(fc.record({ k: fc.integer({ min: 0, max: 40 }), v: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }) }), { maxLength: max, size: "max" });

// The same operations on a u64-keyed map (treap) and a digest-keyed map (trie); values are
// drawn from four shared objects, so a key can be written back to the very object it held.
const VALUES = [0n, 1n, 2n, 3n].map((n) => ({ n }));
type Value = (typeof VALUES)[number];
const valueType = T.record("V", [["n", T.u64]]);
const digest = (k: number) => Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? k * 5 : i === 31 ? k : 0));
const kinds = [
  { name: "treap", codec: mapCodec<bigint, Value>(T.u64, valueType), key: (k: number) => BigInt(k) },
  { name: "trie", codec: mapCodec<Uint8Array, Value>(T.digest, valueType), key: digest },
] as const;

describe.each(kinds)("PMap version chain on the $name", ({ codec, key }) => {
  const c = codec as ReturnType<typeof mapCodec<unknown, Value>>;
  const mk = key as (k: number) => unknown;
  const run = (m: PMap<unknown, Value>, xs: readonly Op[]) => xs.reduce((acc, o) => (o.v === null ? acc.delete(mk(o.k)) : acc.set(mk(o.k), VALUES[o.v])), m);
  /** The same entries in a store of their own: no chain leads there, so its keys are answered by the tree diff. */
  const unlogged = (m: PMap<unknown, Value>) => PMap.fromEntries(c, m.entries());

  it("gives the tree diff's keys, in order, for edits within and beyond the reroot limit", () => {
    fc.assert(
      fc.property(ops(30), ops(REROOT_LIMIT + 20), (base, edits) => {
        const before = run(PMap.empty(c), base);
        const after = run(before, edits);
        expect(after.changedKeys(before)).toEqual(unlogged(after).changedKeys(before));
        expect(after.touchedKeys(before)).toEqual(unlogged(after).touchedKeys(before));
        expect(before.touchedKeys(after)).toEqual(unlogged(before).touchedKeys(after));
      }),
      settings,
    );
  });

  it("lists nothing for a key written away and back to the same value object", () => {
    const before = run(PMap.empty(c), [{ k: 1, v: 0 }, { k: 2, v: 1 }]);
    const after = run(before, [{ k: 1, v: 2 }, { k: 1, v: 0 }, { k: 2, v: null }, { k: 2, v: 1 }, { k: 3, v: 3 }]);
    expect(after.changedKeys(before)).toEqual([mk(3)]);
    expect(after.touchedKeys(before)).toEqual([mk(3)]);
  });
});
