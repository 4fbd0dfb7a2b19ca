// Check stage, which invariants are checked (and priced) incrementally. An invariant of the shape
// `all k, v in m: P` (m a state map or set) qualifies when P
//   - reads other state only at the bound key (`n[k]`, `n.contains(k)`, `n.get(k)`): such
//     maps are "keyed", and P's verdict at k can change only where one of them changed at k;
//   - or reads state fields whole (`total`, `x.len()`, `scrip.balance(a)`): these are
//     "guards", and a command that changes one of them gets the full check;
//   - and charges a fixed cost per entry (no calls, nested quantifiers or if-expressions,
//     whose cost is charged lazily), so the prelude's `allAtChanged` can charge one fixed
//     amount per entry it checks.
// The source map itself counts as keyed (P reads it at k through v). The checker prices such
// an invariant by the keys a handler can write (invariant-costs.ts); the emitter re-checks it
// only at the keys a command changed (emit-incremental.ts, the prelude's incremental.ts).
import type { Expr } from "../ir/expressions.js";
import type { InvariantDef } from "../ir/declarations.js";
import { walkExpr } from "../ir/walk.js";
import { assetStateFields } from "../eval/assets.js";

export interface IncrementalShape {
  readonly quant: Extract<Expr, { kind: "Quant" }>;
  /** The quantified state field and whether it is a set (elements) or a map (entries). */
  readonly source: string;
  readonly over: "map" | "set";
  /** State maps and sets read only at the bound key, the source first. */
  readonly keyed: readonly { readonly name: string; readonly over: "map" | "set" }[];
  /** State fields read whole: if one changed, the full check runs. */
  readonly guards: readonly string[];
}

const stateName = (e: Expr): string | null => (e.kind === "StateRef" || e.kind === "CollectionRef" ? e.name : null);
const iterKind = (e: Expr): "map" | "set" | null => (e.type.kind === "Map" ? "map" : e.type.kind === "Set" ? "set" : null);

/** The incremental shape of an invariant, or null when it must be checked in full. */
export function incrementalShape(inv: Pick<InvariantDef, "cond">): IncrementalShape | null {
  const q = inv.cond;
  if (q.kind !== "Quant" || q.quantifier !== "all" || (q.over !== "map" && q.over !== "set")) return null;
  const source = stateName(q.source);
  if (source === null) return null;
  const key = q.binders[0]?.id;
  const isKey = (e: Expr | undefined) => e !== undefined && e.kind === "Local" && e.local === key;
  const keyedNodes = new Set<Expr>();
  const keyed = new Map<string, "map" | "set">([[source, q.over]]);
  const guards = new Set<string>();
  let eligible = true;
  walkExpr(q.body, {
    expr: (e) => {
      switch (e.kind) {
        case "Call":
        case "QueryCall":
        case "Quant":
        case "If":
        case "Mutate":
        case "Now":
        case "TicketClaim":
        case "TicketField":
          eligible = false;
          return;
        case "AssetOp": {
          const f = assetStateFields(e.asset);
          guards.add(f.balances).add(f.supply);
          return;
        }
        case "Index": {
          const name = stateName(e.target);
          if (name !== null && e.container === "map" && isKey(e.index)) {
            keyedNodes.add(e.target);
            keyed.set(name, "map");
          }
          return;
        }
        case "Method": {
          const name = stateName(e.receiver);
          const over = iterKind(e.receiver);
          if (name !== null && over !== null && (e.method === "contains" || e.method === "get") && isKey(e.args[0])) {
            keyedNodes.add(e.receiver);
            keyed.set(name, over);
          }
          return;
        }
        case "StateRef":
        case "CollectionRef":
          if (!keyedNodes.has(e)) guards.add(e.name);
          return;
        default:
          return;
      }
    },
  });
  if (!eligible || guards.has(source)) return null;
  for (const g of guards) keyed.delete(g); // a field read whole is a guard, even where it is also read at k
  return { quant: q, source, over: q.over, keyed: [...keyed].map(([name, over]) => ({ name, over })), guards: [...guards].sort() };
}
