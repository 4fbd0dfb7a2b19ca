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
  const keys = candidates.length === 1 ? candidates[0] : candidates.flat().sort(cmp);
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
