// Check stage: what an invariant adds to a handler's static cost. Every invariant runs
// after every command. A full check of `all k, v in m: P` costs its quantifier's worst case,
// 1 + source + N × P for N = m's capacity. An invariant of the incremental shape
// (incremental-invariants.ts) is checked only at the keys the command wrote, so after a
// handler that writes no guard field it costs 1 + source + min(N, W) × P, where W bounds the
// keys the handler can write in m and in the maps P reads at the bound key
// (handler-writes.ts). The emitted code charges exactly that many entries: each key it checks
// is one the command changed (the prelude's incremental.ts), however large the map is.
import type { InvariantDef } from "../ir/declarations.js";
import type { CostCalculator } from "./compute-costs.js";
import { capacityOf, NODE_COST } from "./cost-model.js";
import type { WriteBounds } from "./handler-writes.js";
import { incrementalShape } from "./incremental-invariants.js";

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** The units invariant `inv` adds to a handler that writes at most `writes`. */
export function invariantCost(calc: CostCalculator, inv: Pick<InvariantDef, "cond">, writes: WriteBounds): bigint {
  const shape = incrementalShape(inv);
  if (shape === null || shape.guards.some((g) => (writes.get(g) ?? 0n) > 0n)) return calc.expr(inv.cond);
  const keys = shape.keyed.reduce((n, k) => n + (writes.get(k.name) ?? 0n), 0n);
  const q = shape.quant;
  return NODE_COST + calc.expr(q.source) + min(capacityOf(q.source.type), keys) * calc.expr(q.body);
}
