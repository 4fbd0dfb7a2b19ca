// State roots: one sub-root per field, named divergences, independence from field
// declaration order and from insertion order, memoized roots equal fresh ones, and an
// aborted transaction leaves the state (and its root) exactly as it was.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attempt, requireThat } from "../../stdlib/prelude/abort.js";
import { emptyMap, emptySet } from "../../stdlib/prelude/codec.js";
import { encode } from "../../stdlib/prelude/encode.js";
import { hashIn, toHex } from "../../stdlib/prelude/hash.js";
import * as I from "../../stdlib/prelude/int.js";
import type { PMap } from "../../stdlib/prelude/pmap.js";
import type { PSet } from "../../stdlib/prelude/pset.js";
import {
  combineSubRoots,
  divergentFields,
  StateHasher,
  stateRoot,
  stateSubRoots,
  type StateField,
} from "../../stdlib/prelude/state-root.js";
import { T } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

const schema: StateField[] = [
  { name: "round", type: T.u64 },
  { name: "balances", type: T.map(T.u8, T.u64, 64) },
  { name: "members", type: T.set(T.u8, 64) },
  { name: "last", type: T.option(T.string) },
];
interface State {
  readonly round: bigint;
  readonly balances: PMap<bigint, bigint>;
  readonly members: PSet<bigint>;
  readonly last: { readonly value: string } | null;
}
const initial: State = {
  round: 0n,
  balances: emptyMap(T.map(T.u8, T.u64, 64)),
  members: emptySet(T.set(T.u8, 64)),
  last: null,
};
const hexRoot = (s: State) => toHex(stateRoot(schema, s));

/** A handler: credit `who` with `amount`, aborting on overflow or a full map. */
function credit(s: State, who: bigint, amount: bigint): State {
  requireThat(amount > 0n, "amount must be positive");
  const balances = s.balances.setWithin(64, who, I.add("u64", s.balances.getOr(who, 0n), amount));
  return { ...s, round: I.add("u64", s.round, 1n), balances, members: s.members.add(who), last: { value: `credit ${who}` } };
}

describe("sub-roots", () => {
  it("are one per field, sorted by name, and define the root", () => {
    const s = credit(initial, 3n, 5n);
    const subs = stateSubRoots(schema, s);
    expect(subs.map((x) => x.name)).toEqual(["balances", "last", "members", "round"]);
    expect(toHex(subs[0].root)).toBe(toHex(s.balances.rootHash()));
    expect(toHex(subs[2].root)).toBe(toHex(s.members.rootHash()));
    expect(toHex(subs[3].root)).toBe(toHex(hashIn("field", encode(T.u64, 1n))));
    expect(toHex(combineSubRoots([...subs].reverse()))).toBe(hexRoot(s));
    expect(() => combineSubRoots([subs[0], subs[0]])).toThrow(TypeError);
  });

  it("do not depend on the order fields are declared in", () => {
    const s = credit(initial, 1n, 1n);
    expect(toHex(stateRoot([...schema].reverse(), s))).toBe(hexRoot(s));
  });

  it("name the field that diverged", () => {
    const s = credit(credit(initial, 1n, 1n), 2n, 2n);
    const corrupted = { ...s, balances: s.balances.set(2n, 3n) };
    expect(divergentFields(stateSubRoots(schema, s), stateSubRoots(schema, corrupted))).toEqual(["balances"]);
    expect(divergentFields(stateSubRoots(schema, s), stateSubRoots(schema, { ...s, round: 0n }))).toEqual(["round"]);
    expect(divergentFields(stateSubRoots(schema, s), stateSubRoots(schema, s))).toEqual([]);
    expect(divergentFields(stateSubRoots(schema, s), stateSubRoots(schema.slice(1), s))).toEqual(["round"]);
  });
});

describe("transactions", () => {
  it("an aborted command leaves the state and its root untouched", () => {
    const s = credit(initial, 1n, 2n ** 64n - 2n);
    const before = hexRoot(s);
    const snapshot = [...s.balances];
    const overflow = attempt(() => credit(s, 1n, 5n));
    expect(overflow).toEqual({ ok: false, code: "overflow", reason: "u64 overflow in +" });
    const rejected = attempt(() => credit(s, 1n, 0n));
    expect(rejected).toMatchObject({ ok: false, code: "require" });
    expect(hexRoot(s)).toBe(before);
    expect([...s.balances]).toEqual(snapshot);
  });

  it("the same commands in any insertion order give the same root", () => {
    const cmd = fc.tuple(fc.bigInt({ min: 0n, max: 80n }), fc.bigInt({ min: 1n, max: 1000n }));
    fc.assert(
      // At most 60 distinct accounts, below the capacity of 64, so every credit applies in any order.
      fc.property(fc.uniqueArray(cmd, { selector: ([who]) => who, maxLength: 60 }), fc.integer(), (cmds, seed) => {
        const perm = fc.sample(fc.shuffledSubarray(cmds, { minLength: cmds.length }), { seed, numRuns: 1 })[0];
        const run = (cs: typeof cmds) =>
          cs.reduce((s, [who, amount]) => {
            const r = attempt(() => credit(s, who, amount));
            return r.ok ? r.value : s;
          }, initial);
        const a = run(cmds);
        const b = run(perm);
        // `last` records the final command, so compare every other field and the shared root of those.
        const noLast = schema.filter((f) => f.name !== "last");
        expect(toHex(stateRoot(noLast, a))).toBe(toHex(stateRoot(noLast, b)));
      }),
      { seed: propertySeed(), numRuns: propertyRuns(100) },
    );
  });

  it("a memoizing hasher agrees with fresh computation along a run", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 70n }), fc.bigInt({ min: 0n, max: 9n })), { maxLength: 60 }), (cmds) => {
        const hasher = new StateHasher(schema);
        let s = initial;
        expect(toHex(hasher.root(s))).toBe(hexRoot(s));
        for (const [who, amount] of cmds) {
          const r = attempt(() => credit(s, who, amount));
          if (r.ok) s = r.value;
          expect(toHex(hasher.root(s))).toBe(hexRoot(s));
        }
      }),
      { seed: propertySeed(), numRuns: propertyRuns(60) },
    );
  });

  it("rejects schemas and states that do not fit", () => {
    expect(() => new StateHasher([schema[0], schema[0]])).toThrow(TypeError);
    expect(() => stateRoot(schema, { round: 0n })).toThrow(TypeError);
  });
});
