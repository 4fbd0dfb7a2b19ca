// Check stage: which state entries a handler body can write, and at how many keys at most.
// The incremental pricing of invariants (invariant-costs.ts) rests on it: a command changes
// a map at no more keys than the writes it executes, and each write op — `m[k] = v`,
// `m[k].f += x`, `m[k].push(x)`, `m.insert(k)`, `m.remove(k)` — touches one key of the
// entry it is rooted at. Loops multiply by their source's capacity, branches take the
// dearest arm. A write to the entry as a whole (`m = …`, a list op on a state list, an asset
// op's ledger) counts as UNBOUNDED keys; so does any write inside an expression that also
// iterates (a quantifier or a loop in an if-expression), rather than reason about it.
import { assetStateFields } from "../eval/assets.js";
import type { Expr } from "../ir/expressions.js";
import { placeRoot, type Place, type Stmt } from "../ir/statements.js";
import { walkExpr } from "../ir/walk.js";
import { unreachable } from "../syntax/ast.js";
import { capacityOf } from "./cost-model.js";

/** More keys than any collection holds: "any number of keys". */
export const UNBOUNDED = 1n << 64n;

/** State entry name -> the most keys of it one run of the body can write. */
export type WriteBounds = ReadonlyMap<string, bigint>;

type Bounds = Map<string, bigint>;

const capped = (n: bigint): bigint => (n > UNBOUNDED ? UNBOUNDED : n);

function add(into: Bounds, from: WriteBounds, times = 1n): Bounds {
  for (const [name, n] of from) into.set(name, capped((into.get(name) ?? 0n) + n * times));
  return into;
}

function dearest(arms: readonly WriteBounds[]): Bounds {
  const out: Bounds = new Map();
  for (const arm of arms) for (const [name, n] of arm) out.set(name, (out.get(name) ?? 0n) > n ? out.get(name)! : n);
  return out;
}

/** The write bounds of a handler (or any statement list). */
export function writeBounds(stmts: readonly Stmt[]): WriteBounds {
  return stmts.reduce((acc, s) => add(acc, stmtWrites(s)), new Map() as Bounds);
}

function stmtWrites(s: Stmt): WriteBounds {
  switch (s.kind) {
    case "Let":
      return exprWrites(s.value);
    case "Assign":
      return add(add(new Map(), placeWrite(s.target)), exprWrites(s.value));
    case "Require":
      return exprWrites(s.cond);
    case "If":
      return add(dearest([writeBounds(s.then), writeBounds(s.else)]), exprWrites(s.cond));
    case "For":
      return add(add(new Map(), writeBounds(s.body), capacityOf(s.source.type)), exprWrites(s.source));
    case "Match":
      return add(dearest(s.arms.map((a) => writeBounds(a.body))), exprWrites(s.subject));
    case "Return":
      return s.value ? exprWrites(s.value) : new Map();
    case "Emit":
      return s.fields.reduce((acc, f) => add(acc, exprWrites(f.value)), new Map() as Bounds);
    case "Cite":
      return exprWrites(s.value);
    case "Eval":
      return exprWrites(s.expr);
    default:
      return unreachable(s);
  }
}

/** One key of the root entry when the place indexes that entry directly, else the whole entry. */
function placeWrite(p: Place): WriteBounds {
  const root = placeRoot(p);
  if (root.kind === "LocalPlace") return new Map();
  let keyed = false;
  for (let q: Place = p; q.kind === "FieldPlace" || q.kind === "IndexPlace"; q = q.base) {
    if (q.kind === "IndexPlace" && q.container === "map" && q.base === root) keyed = true;
  }
  return new Map([[root.name, keyed ? 1n : UNBOUNDED]]);
}

function mutateWrite(e: Extract<Expr, { kind: "Mutate" }>): WriteBounds {
  const root = placeRoot(e.place);
  const oneKey = e.place === root && root.kind !== "LocalPlace" && (e.on === "map" || e.on === "set");
  return oneKey ? new Map([[root.name, 1n]]) : placeWrite(e.place);
}

function assetWrite(e: Extract<Expr, { kind: "AssetOp" }>): WriteBounds {
  if (e.op !== "mint" && e.op !== "burn" && e.op !== "transfer") return new Map();
  const f = assetStateFields(e.asset);
  return new Map([
    [f.balances, UNBOUNDED],
    [f.supply, UNBOUNDED],
  ]);
}

/** Writes inside an expression (mutating methods, asset ops, the statements of if-expression blocks). */
function exprWrites(e: Expr): WriteBounds {
  const out: Bounds = new Map();
  let iterates = false;
  walkExpr(e, {
    expr: (x) => {
      if (x.kind === "Quant" || x.kind === "Sort") iterates = true;
      else if (x.kind === "Mutate") add(out, mutateWrite(x));
      else if (x.kind === "AssetOp") add(out, assetWrite(x));
    },
    stmt: (s) => {
      if (s.kind === "For") iterates = true;
      else if (s.kind === "Assign") add(out, placeWrite(s.target));
    },
  });
  if (iterates) for (const name of out.keys()) out.set(name, UNBOUNDED);
  return out;
}
