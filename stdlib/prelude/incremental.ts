// Prelude: an invariant `all k, v in m: P(k, v)` checked only where a command may have
// changed its verdict. The emitted code calls this when P reads the rest of the state only
// at the key `k` and the command changed none of the fields P reads whole: then, if P held
// at every entry before the command, it can be false now only at the keys of `m` that
// changed, or at the keys where a map P reads at `k` changed. Those candidates are checked
// in key order, `perItem` units charged before each one present in `m`, stopping at the
// first where P is false. The charge depends only on the states before and after, never on
// the size of `m`: the checker prices it by the keys a handler can write
// (compiler/check/invariant-costs.ts), and it is the same whether or not the state before
// is known to satisfy P (the emitted code then checks the whole map as well, unmetered).
import type { Meter } from "./meter.js";
import type { PMap } from "./pmap.js";

export function allAtChanged<K, V>(
  meter: Meter,
  base: number,
  perItem: number,
  source: PMap<K, V>,
  candidates: readonly (readonly K[])[],
  holds: (key: K, value: V) => boolean,
): boolean {
  meter.charge(base);
  const cmp = source.codec.compare;
  const keys = candidates.reduce<readonly K[]>((a, b) => (a.length === 0 ? b : b.length === 0 ? a : mergeSorted(a, b, cmp)), []);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (i > 0 && cmp(keys[i - 1], key) === 0) continue;
    const entry = source.entry(key);
    if (entry === undefined) continue;
    meter.charge(perItem);
    if (!holds(key, entry[0])) return false;
  }
  return true;
}

/**
 * The last few states accepted commands produced, with the `self` they were checked under:
 * they satisfy every invariant, so a command applied to one of them may check incrementally.
 * States are immutable, so an entry never goes stale; a state that fell out of the ring is
 * simply checked in full. A small ring of references, not a WeakMap: a lookup is a few
 * pointer comparisons, and it holds at most `size` states alive. Several replicas sharing
 * one module each find their own latest state.
 */
export class VerifiedStates<S extends object> {
  private readonly states: (S | undefined)[];
  private readonly selves: (Uint8Array | undefined)[];
  private next = 0;

  constructor(readonly size = 16) {
    this.states = new Array<S | undefined>(size).fill(undefined);
    this.selves = new Array<Uint8Array | undefined>(size).fill(undefined);
  }

  /** The `self` `state` was checked under, or undefined when it is not known to be checked. */
  selfOf(state: S): Uint8Array | undefined {
    for (let i = 0; i < this.size; i++) if (this.states[i] === state) return this.selves[i];
    return undefined;
  }

  add(state: S, self: Uint8Array): void {
    this.states[this.next] = state;
    this.selves[this.next] = self;
    this.next = (this.next + 1) % this.size;
  }
}

/** Two ascending key lists as one (duplicates kept; the caller skips them). */
function mergeSorted<K>(a: readonly K[], b: readonly K[], cmp: (x: K, y: K) => number): K[] {
  const out: K[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(cmp(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
