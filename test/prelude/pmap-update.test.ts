// The one-pass writes of the persistent map: `updateWithin` (m[k] += n, m[k].f = v),
// `update`, `setWithin` and `set` give, across random operation sequences, the versions,
// aborts, root hashes and lookups of a reference model (an ordinary Map rebuilt with
// fromEntries, whose shape is canonical), for byte keys that share long prefixes (the
// prefix-skipping search) and for integer keys.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SmaltAbort } from "../../stdlib/prelude/abort.js";
import { mapCodec } from "../../stdlib/prelude/codec.js";
import { toHex } from "../../stdlib/prelude/hash.js";
import { fit } from "../../stdlib/prelude/int.js";
import { PMap } from "../../stdlib/prelude/pmap.js";
import { T, type TypeDesc } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

const settings = (runs = 200) => ({ seed: propertySeed(), numRuns: propertyRuns(runs) });

type Op =
  | { readonly kind: "add"; readonly k: number; readonly n: bigint } // m[k] += n (may overflow)
  | { readonly kind: "sub"; readonly k: number; readonly n: bigint } // m[k] -= n (may underflow)
  | { readonly kind: "keep"; readonly k: number } // m[k] = m[k]: the same version back
  | { readonly kind: "set"; readonly k: number; readonly v: bigint }
  | { readonly kind: "delete"; readonly k: number };

const slot = fc.integer({ min: 0, max: 23 });
const amount = fc.oneof(fc.bigInt({ min: 0n, max: 5n }), fc.constant(2n ** 64n - 3n));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), k: slot, n: amount }),
  fc.record({ kind: fc.constant("sub" as const), k: slot, n: amount }),
  fc.record({ kind: fc.constant("keep" as const), k: slot }),
  fc.record({ kind: fc.constant("set" as const), k: slot, v: fc.bigInt({ min: 0n, max: 3n }) }),
  fc.record({ kind: fc.constant("delete" as const), k: slot }),
);

/** 24 keys of each kind: 32-byte peers differing only near the end, bytes of several lengths (some prefixes of others), integers. */
const peerKeys = Array.from({ length: 24 }, (_, i) => Uint8Array.from({ length: 32 }, (_, j) => (j === 29 ? i >> 3 : j === 31 ? i * 37 : j === 0 ? 0xab : 0)));
const byteKeys = Array.from({ length: 24 }, (_, i) => Uint8Array.from({ length: i % 6 }, (_, j) => (j < 3 ? 7 : i)));
const intKeys = Array.from({ length: 24 }, (_, i) => BigInt(i * 1000));

function abortOf(f: () => unknown): SmaltAbort | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof SmaltAbort) return e;
    throw e;
  }
}

function check<K>(keyType: TypeDesc, keys: readonly K[], capacity: number, ops: readonly Op[], id: (k: K) => string): void {
  const codec = mapCodec<K, bigint>(keyType, T.u64);
  const model = new Map<string, [K, bigint]>();
  let m = PMap.empty(codec);
  for (const op of ops) {
    const k = keys[op.k];
    const had = model.get(id(k));
    const old = had === undefined ? 0n : had[1];
    const before = m;
    let next: bigint | undefined;
    let expected: SmaltAbort | undefined;
    let run: () => PMap<K, bigint>;
    switch (op.kind) {
      case "add":
      case "sub": {
        const sign = op.kind === "add" ? 1n : -1n;
        const f = (v: bigint) => fit("u64", v + sign * op.n, op.kind === "add" ? "+=" : "-=");
        run = () => (capacity === Infinity ? m.update(k, 0n, f) : m.updateWithin(capacity, k, 0n, f));
        expected = abortOf(() => (next = fit("u64", old + sign * op.n, op.kind === "add" ? "+=" : "-=")));
        break;
      }
      case "keep":
        run = () => m.updateWithin(capacity, k, 0n, (v) => v);
        next = old;
        break;
      case "set":
        run = () => (capacity === Infinity ? m.set(k, op.v) : m.setWithin(capacity, k, op.v));
        next = op.v;
        break;
      case "delete":
        run = () => m.delete(k);
        break;
    }
    if (expected === undefined && next !== undefined && had === undefined && model.size >= capacity) {
      expected = new SmaltAbort("capacity", `map is full (capacity ${capacity})`);
    }
    const got = abortOf(() => (m = run()));
    expect(got).toEqual(expected);
    if (got !== undefined) {
      expect(m).toBe(before);
      continue;
    }
    if (op.kind === "delete") model.delete(id(k));
    else if (had !== undefined && Object.is(had[1], next)) expect(m).toBe(before); // nothing changed: the same version
    else model.set(id(k), [k, next!]);
    expect(m.size).toBe(model.size);
  }
  const reference = PMap.fromEntries(codec, [...model.values()]);
  expect([...m].map(([k, v]) => [id(k), v])).toEqual([...reference].map(([k, v]) => [id(k), v]));
  expect(toHex(m.rootHash())).toBe(toHex(reference.rootHash()));
  expect(m.height()).toBe(reference.height());
  for (const k of keys) {
    expect(m.get(k)).toBe(model.get(id(k))?.[1]);
    expect(m.has(k)).toBe(model.has(id(k)));
  }
}

describe("PMap one-pass writes", () => {
  for (const [name, type, keys, id] of [
    ["peer keys sharing 28 leading bytes", T.peer, peerKeys, toHex],
    ["bytes keys of different lengths", T.bytes, byteKeys, toHex],
    ["integer keys", T.u64, intKeys, String],
  ] as const) {
    it(`updateWithin, update, setWithin and set agree with a reference model (${name}), capacity aborts included`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(Infinity)), fc.array(opArb, { maxLength: 100 }), (capacity, ops) =>
          check<unknown>(type, keys as readonly unknown[], capacity, ops, id as (k: unknown) => string),
        ),
        settings(),
      );
    });
  }

  it("leaves the version it started from unchanged, and calls f once, before the capacity check", () => {
    const codec = mapCodec<Uint8Array, bigint>(T.peer, T.u64);
    const m = PMap.fromEntries(codec, peerKeys.slice(0, 4).map((k, i) => [k, BigInt(i)] as const));
    const root = toHex(m.rootHash());
    const calls: bigint[] = [];
    const n = m.updateWithin(4, peerKeys[2], 0n, (v) => (calls.push(v), v + 10n));
    expect(calls).toEqual([2n]);
    expect(n.get(peerKeys[2])).toBe(12n);
    expect(toHex(m.rootHash())).toBe(root);
    expect(m.get(peerKeys[2])).toBe(2n);
    expect(() => m.updateWithin(4, peerKeys[9], 0n, (v) => (calls.push(v), v))).toThrow(new SmaltAbort("capacity", "map is full (capacity 4)"));
    expect(calls).toEqual([2n, 0n]);
  });
});
