// The fns and clearing rules an organism reaches (from handlers, queries, invariants and
// `clearing` config values, transitively), by the name a reader knows them by, so a diff
// can say "fn fee_of changed" when only an imported body moved.
import type { OrganismDef } from "../ir/declarations.js";
import type { Expr } from "../ir/expressions.js";
import { refKey, type DeclRef } from "../ir/types.js";
import { walkExpr, walkStmts } from "../ir/walk.js";
import { toHex } from "../fingerprint/bytes.js";
import type { ChangeClass, PartChange } from "./diff-report.js";
import type { DiffSide } from "./diff-side.js";
import { showRef } from "./show-ir.js";

/** Reached declarations by display name -> their content digest (hex) and who calls them first. */
export function reachedFunctions(side: DiffSide, o: OrganismDef): Map<string, { readonly digest: string; readonly caller: string; readonly kind: "fn" | "clearing" }> {
  const out = new Map<string, { digest: string; caller: string; kind: "fn" | "clearing" }>();
  const seen = new Set<string>();
  const visit = (ref: DeclRef, caller: string): void => {
    if (seen.has(refKey(ref))) return;
    seen.add(refKey(ref));
    const fn = side.index.fn(ref);
    out.set(showRef(ref), { digest: toHex(side.canon.declDigest(ref)), caller, kind: fn.kind });
    walkStmts(fn.body, { expr: (e) => calls(e, (r) => visit(r, `${fn.kind} ${showRef(ref)}`)) });
  };
  for (const h of o.handlers) walkStmts(h.body, { expr: (e) => calls(e, (r) => visit(r, `handler ${h.name}`)) });
  for (const q of o.queries) walkStmts(q.body, { expr: (e) => calls(e, (r) => visit(r, `query ${q.name}`)) });
  for (const i of o.invariants) walkExpr(i.cond, { expr: (e) => calls(e, (r) => visit(r, `invariant ${i.name}`)) });
  for (const c of o.config) if (c.value.kind === "Rule") visit(c.value.rule, `config ${c.name}`);
  return out;
}

function calls(e: Expr, found: (ref: DeclRef) => void): void {
  if (e.kind === "Call" && !(e.callee.kind === "Clearing" && e.callee.viaConfig !== undefined)) found(e.callee.ref);
}

/** fns and clearing rules reached by both versions whose bodies (or callees) moved. */
export function functionChanges(old: { side: DiffSide; def: OrganismDef }, now: { side: DiffSide; def: OrganismDef }): PartChange[] {
  const [a, b] = [reachedFunctions(old.side, old.def), reachedFunctions(now.side, now.def)];
  const out: PartChange[] = [];
  for (const name of [...a.keys()].sort()) {
    const [x, y] = [a.get(name), b.get(name)];
    if (!x || !y || x.digest === y.digest) continue;
    const effect: ChangeClass = "breaking";
    out.push({ part: "function", name, change: "changed", effect, note: `${y.kind === "clearing" ? "a clearing rule" : "a fn"} reached from ${y.caller}` });
  }
  return out;
}
