// The runtime half of incremental invariant checks: `changedKeys` lists exactly the keys a
// new version added or rebound, and `allAtChanged` on a state whose predecessor satisfied
// the invariant gives the full loop's answer and abort, charging a fixed amount for each
// changed key it checks (never for the size of the map), under any budget.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SmaltAbort } from "../../stdlib/prelude/abort.js";
import { mapCodec } from "../../stdlib/prelude/codec.js";
import { allAtChanged, VerifiedStates } from "../../stdlib/prelude/incremental.js";
import { Meter } from "../../stdlib/prelude/meter.js";
import { PMap } from "../../stdlib/prelude/pmap.js";
import { T } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

const codec = mapCodec<bigint, bigint>(T.u64, T.u64);
const empty = PMap.empty(codec);
const settings = (runs = 300) => ({ seed: propertySeed(), numRuns: propertyRuns(runs) });

type Op = { readonly k: bigint; readonly v: bigint | null };
// Up to `max` operations on keys up to `top`: small key ranges make the versions overlap.
const ops = (max: number, top = 60n) =>
  fc.array(fc.record({ k: fc.bigInt({ min: 0n, max: top }), v: fc.option(fc.bigInt({ min: 0n, max: 9n }), { nil: null }) }), { maxLength: max, size: "max" });
const run = (m: PMap<bigint, bigint>, xs: readonly Op[]) => xs.reduce((acc, o) => (o.v === null ? acc.delete(o.k) : acc.set(o.k, o.v)), m);

/** What a changed-key list must be: the keys of `after` that are new or bound to another value. */
function changedByModel(before: PMap<bigint, bigint>, after: PMap<bigint, bigint>): bigint[] {
  return [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
}

/** Outcome of a metered computation: its value or abort, and the units spent. */
function metered<T>(budget: number, f: (m: Meter) => T): { value?: T; abort?: string; used: number } {
  const m = new Meter(budget);
  try {
    return { value: f(m), used: m.used };
  } catch (e) {
    if (!(e instanceof SmaltAbort)) throw e;
    return { abort: `${e.code}: ${e.reason}`, used: m.used };
  }
}

describe("PMap.changedKeys and touchedKeys", () => {
  it("lists, ascending, exactly the keys a later version added or rebound", () => {
    fc.assert(
      fc.property(ops(80), ops(12), (base, edits) => {
        const before = run(empty, base);
        const after = run(before, edits);
        expect(after.changedKeys(before)).toEqual(changedByModel(before, after));
        expect(before.changedKeys(before)).toEqual([]);
        expect(after.changedKeys(empty)).toEqual([...after.keys()]);
        const removed = [...before.keys()].filter((k) => !after.has(k));
        expect(after.touchedKeys(before)).toEqual([...changedByModel(before, after), ...removed].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
        expect(empty.touchedKeys(after)).toEqual([...after.keys()]);
      }),
      settings(),
    );
  });

  it("finds nothing to visit in shared subtrees: a one-key update of a large map lists one key", () => {
    const big = PMap.fromEntries(codec, Array.from({ length: 100_000 }, (_, i): [bigint, bigint] => [BigInt(i), 0n]));
    expect(big.set(777n, 1n).changedKeys(big)).toEqual([777n]);
    expect(big.set(100_000n, 1n).changedKeys(big)).toEqual([100_000n]);
    expect(big.delete(5n).changedKeys(big)).toEqual([]);
    expect(big.delete(5n).touchedKeys(big)).toEqual([5n]);
  });
});

describe("allAtChanged", () => {
  // The invariant: every value is below `limit` and differs from `other`'s value at its key,
  // which reads as 3 where `other` has no such key (so deleting from `other` can break it).
  const holds = (other: PMap<bigint, bigint>, limit: bigint) => (k: bigint, v: bigint) => {
    if (v === 7n) throw new SmaltAbort("overflow", `entry ${k} overflows`); // an abort raised by the body
    return v < limit && (other.get(k) ?? 3n) !== v;
  };
  const full = (m: Meter, source: PMap<bigint, bigint>, p: (k: bigint, v: bigint) => boolean) => {
    m.charge(2);
    for (const [k, v] of source) {
      m.charge(5);
      if (!p(k, v)) return false;
    }
    return true;
  };

  /** The incremental check as specified: the changed keys present in `after`, ascending, 5 units before each. */
  const atChanged = (m: Meter, after: PMap<bigint, bigint>, changed: readonly bigint[], p: (k: bigint, v: bigint) => boolean) => {
    m.charge(2);
    for (const k of [...new Set(changed)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))) {
      if (!after.has(k)) continue;
      m.charge(5);
      if (!p(k, after.get(k)!)) return false;
    }
    return true;
  };

  it("gives the full loop's verdict and abort whenever the state before satisfied the invariant, charging per changed key", () => {
    fc.assert(
      fc.property(ops(30, 6n), ops(20, 6n), ops(4, 6n), ops(4, 6n), fc.bigInt({ min: 8n, max: 10n }), fc.oneof(fc.nat(60), fc.constant(1_000_000)), (a, b, editA, editB, limit, budget) => {
        const beforeO = run(empty, b);
        const before = holds(beforeO, limit);
        // Only a state that satisfied the invariant may be checked incrementally: keep the entries that do.
        const beforeM = PMap.fromEntries(codec, [...run(empty, a)].filter(([k, v]) => v !== 7n && before(k, v)));
        const afterM = run(beforeM, editA);
        const afterO = run(beforeO, editB);
        const p = holds(afterO, limit);
        const candidates = [afterM.changedKeys(beforeM), afterO.touchedKeys(beforeO)];
        const actual = metered(budget, (m) => allAtChanged(m, 2, 5, afterM, candidates, p));
        // The charge is the specified one, for any budget ...
        expect(actual).toEqual(metered(budget, (m) => atChanged(m, afterM, [...changedByModel(beforeM, afterM), ...candidates[1]], p)));
        // ... and the answer the full loop's, whenever the budget covers it.
        const unmetered = metered(Number.MAX_SAFE_INTEGER, (m) => full(m, afterM, p));
        if (actual.abort?.startsWith("cost") !== true) expect({ value: actual.value, abort: actual.abort }).toEqual({ value: unmetered.value, abort: unmetered.abort });
      }),
      settings(400),
    );
  });

  it("charges for the keys that changed, not for the size of the map", () => {
    const big = PMap.fromEntries(codec, Array.from({ length: 100_000 }, (_, i): [bigint, bigint] => [BigInt(i), 0n]));
    const after = big.set(777n, 1n).set(99_999n, 2n).set(100_000n, 0n);
    const p = () => true;
    expect(metered(1_000, (m) => allAtChanged(m, 2, 5, after, [after.changedKeys(big)], p))).toEqual({ value: true, used: 2 + 3 * 5 });
  });
});

describe("VerifiedStates", () => {
  it("knows the last `size` states added, with their self, and nothing else", () => {
    const ring = new VerifiedStates<object>(3);
    const states = Array.from({ length: 5 }, () => ({}));
    const self = (i: number) => new Uint8Array([i]);
    states.forEach((s, i) => ring.add(s, self(i)));
    expect(ring.selfOf(states[0])).toBeUndefined();
    expect(ring.selfOf(states[1])).toBeUndefined();
    expect([2, 3, 4].map((i) => ring.selfOf(states[i]))).toEqual([self(2), self(3), self(4)]);
    expect(ring.selfOf({})).toBeUndefined();
  });
});
