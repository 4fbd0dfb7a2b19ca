// Emit stage, bodies as functions: fns, clearing rules (each with a wrapper that checks the
// rule's contract after every call), handlers, queries and invariants. Every function takes
// the command's meter `$m`; organism bodies also take the state `$s` and the frame `$f`.
import type { FnDef, HandlerDef, InvariantDef, QueryDef } from "../ir/declarations.js";
import type { LocalDecl } from "../ir/statements.js";
import { ORDER_TYPE } from "../ir/builtin-records.js";
import { sameType, type Type } from "../ir/types.js";
import { BodyEmitter } from "./emit-body.js";
import type { EmitEnv } from "./emit-env.js";
import { lowerExpr } from "./emit-expressions.js";
import { lowerStmts } from "./emit-statements.js";

function params(b: BodyEmitter, ps: readonly LocalDecl[]): string {
  return ps.map((p) => `, ${b.local(p.id)}: ${b.env.types.ts(p.type)}`).join("");
}

export function emitFn(env: EmitEnv, f: FnDef): string {
  const b = new BodyEmitter(env, "fn", f.params, f.body);
  lowerStmts(b, f.body);
  const what = f.kind === "clearing" ? "Clearing rule" : "Fn";
  const head = `/** ${what} \`${f.ref.name}\`${f.ref.module === env.moduleKey ? "" : " (imported)"}: at most ${f.cost} cost units. */`;
  const fn = `${head}\nfunction ${env.fnName(f.ref)}($m: $.Meter${params(b, f.params)}): ${env.types.ts(f.returnType)} {\n${b.text()}\n}`;
  return f.kind === "clearing" ? `${fn}\n\n${clearingWrapper(env, f, b)}` : fn;
}

const isOrderList = (t: Type): boolean => t.kind === "List" && sameType(t.element, ORDER_TYPE);

/**
 * The contract of a clearing rule (checked after every call, abort code "contract"):
 * one order list (bids): Σ fill qty ≤ the supply, which is the rule's first u64 parameter
 * (`units` in std.clearing) or, without one, Σ bid qty; and every fill's agent placed a bid and
 * pays at most qty × its highest bid price. Two order lists (bids, asks: a two-sided market,
 * whose fills list both sides): Σ fill qty ≤ 2 × min(Σ bid qty, Σ ask qty); pay is not bounded.
 */
function clearingWrapper(env: EmitEnv, f: FnDef, b: BodyEmitter): string {
  const names = f.params.map((p) => b.local(p.id));
  const lists = f.params.flatMap((p, i) => (isOrderList(p.type) ? [names[i]] : []));
  const units = f.params.findIndex((p) => p.type.kind === "Prim" && p.type.name === "u64");
  const sumQty = () => env.helper("$sumQty");
  let supply: string;
  let bids: string;
  if (lists.length >= 2) {
    supply = `2n * $.int.min(${sumQty()}(${lists[0]}), ${sumQty()}(${lists[1]}))`;
    bids = "null";
  } else {
    supply = units >= 0 ? names[units] : `${sumQty()}(${lists[0]})`;
    bids = lists[0];
  }
  const check = env.helper("$checkAllocation");
  return [
    `/** \`${f.ref.name}\` with its contract checked after the call. */`,
    `function ${env.callee(f.ref)}($m: $.Meter${params(b, f.params)}): ${env.types.ts(f.returnType)} {`,
    `const allocation = ${env.fnName(f.ref)}($m${names.map((n) => `, ${n}`).join("")});`,
    `${check}(${JSON.stringify(f.ref.name)}, allocation, ${supply}, ${bids});`,
    "return allocation;",
    "}",
  ].join("\n");
}

export function emitHandler(env: EmitEnv, h: HandlerDef): string {
  const b = new BodyEmitter(env, "handler", h.params, h.body);
  lowerStmts(b, h.body);
  const via = h.via ? `via stream \`${h.via}\`` : "committee-injected";
  return [
    `/** \`on ${h.name}\` (${via}): at most ${h.cost} cost units, invariants included. */`,
    `function on_${h.name}($s: Working, $f: Frame, $m: $.Meter${params(b, h.params)}): void {`,
    b.text(),
    "}",
  ].join("\n");
}

export function emitQuery(env: EmitEnv, q: QueryDef): string {
  const b = new BodyEmitter(env, "query", q.params, q.body);
  lowerStmts(b, q.body);
  return [
    `/** \`query ${q.name}\`: at most ${q.cost} cost units. */`,
    `function query_${q.name}($s: State, $f: QueryFrame, $m: $.Meter${params(b, q.params)}): ${env.types.ts(q.returnType)} {`,
    b.text(),
    "}",
  ].join("\n");
}

export function emitInvariant(env: EmitEnv, inv: InvariantDef): string {
  const b = new BodyEmitter(env, "invariant", [], [], [inv.cond]);
  b.charge(env.costs.expr(inv.cond));
  const cond = lowerExpr(b, inv.cond);
  return [`/** \`invariant ${inv.name}\`, checked after every command. */`, `function invariant_${inv.name}($s: State, $f: QueryFrame, $m: $.Meter): boolean {`, b.text(), `return ${cond};`, "}"].join("\n");
}
