// Prelude: an invariant `all k, v in m: P(k, v)` re-checked only where a command may have
// changed its verdict. Emitted code calls this when the state before the command is known
// to satisfy the invariant (it was the result of an accepted command) and P reads the rest
// of the state only at the key `k`: then P can differ from before only at the keys of `m`
// that changed, or at the keys where a map P reads at `k` changed. The answer, any abort P
// raises, and the cost charged are exactly those of the full loop over `m` in key order:
// the loop charges `perItem` before each entry it visits and stops at the first entry where
// P is false, whose position is its rank.
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
  let visited = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (i > 0 && cmp(keys[i - 1], key) === 0) continue;
    const entry = source.entry(key);
    if (entry === undefined) continue;
    const position = source.rank(key);
    meter.chargeSteps(position + 1 - visited, perItem);
    visited = position + 1;
    if (!holds(key, entry[0])) return false;
  }
  meter.chargeSteps(source.size - visited, perItem);
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
