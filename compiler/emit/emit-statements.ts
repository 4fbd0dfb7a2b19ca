// Emit stage, statements: typed IR Stmt -> TypeScript statements. A run of straight-line
// statements (let, assignment, require, emit, cite, expression) up to and including the next
// control statement charges its cost units once, when the run starts (emit-cost.ts).
import type { Stmt } from "../ir/statements.js";
import { unreachable } from "../syntax/ast.js";
import type { BodyEmitter } from "./emit-body.js";
import { lowerExpr, operands } from "./emit-expressions.js";
import { assign } from "./emit-places.js";
import { propertyName } from "./emit-types.js";

function isStraight(s: Stmt): boolean {
  return s.kind === "Let" || s.kind === "Assign" || s.kind === "Require" || s.kind === "Emit" || s.kind === "Cite" || s.kind === "Eval";
}

export function lowerStmts(b: BodyEmitter, stmts: readonly Stmt[]): void {
  let i = 0;
  while (i < stmts.length) {
    let j = i;
    let units = b.env.costs.stmt(stmts[j]);
    while (isStraight(stmts[j]) && j + 1 < stmts.length) {
      j += 1;
      units += b.env.costs.stmt(stmts[j]);
    }
    b.charge(units);
    for (let k = i; k <= j; k++) lowerStmt(b, stmts[k]);
    i = j + 1;
  }
}

function block(b: BodyEmitter, stmts: readonly Stmt[]): void {
  lowerStmts(b, stmts);
}

function lowerStmt(b: BodyEmitter, s: Stmt): void {
  const types = b.env.types;
  switch (s.kind) {
    case "Let":
      b.line(`${s.local.mutable ? "let" : "const"} ${b.local(s.local.id)}: ${types.ts(s.local.type)} = ${lowerExpr(b, s.value)};`);
      return;
    case "Assign":
      assign(b, s);
      return;
    case "Require":
      b.line(`$.requireThat(${lowerExpr(b, s.cond)}, ${JSON.stringify(s.reason ?? "requirement failed")});`);
      return;
    case "If": {
      b.line(`if (${lowerExpr(b, s.cond)}) {`);
      block(b, s.then);
      if (s.else.length > 0) {
        b.line("} else {");
        block(b, s.else);
      }
      b.line("}");
      return;
    }
    case "For": {
      const source = lowerExpr(b, s.source);
      const names = s.binders.map((x) => b.local(x.id));
      b.line(`for (const ${s.over === "map" ? `[${names.join(", ")}]` : names[0]} of ${source}) {`);
      block(b, s.body);
      b.line("}");
      return;
    }
    case "Match":
      match(b, s);
      return;
    case "Return":
      if (!s.value || b.kind === "handler") {
        if (s.value) b.line(`void ${lowerExpr(b, s.value)};`);
        b.line("return;");
      } else b.line(`return ${lowerExpr(b, s.value)};`);
      return;
    case "Emit": {
      const values = operands(b, s.fields.map((f) => f.value));
      const fields = s.fields.map((f, i) => `${propertyName(f.name)}: ${values[i]}`).join(", ");
      b.line(`$f.events.push({ name: ${JSON.stringify(s.event)}, fields: { ${fields} } });`);
      return;
    }
    case "Cite": {
      const kind = s.value.type.kind === "Prim" ? "digest" : "evidence";
      b.line(`$f.cites.push({ kind: "${kind}", value: ${lowerExpr(b, s.value)} });`);
      return;
    }
    case "Eval": {
      const code = lowerExpr(b, s.expr);
      if (code !== "") b.line(`void ${code};`);
      return;
    }
    default:
      return unreachable(s);
  }
}

/** `match` as an if-chain over the subject, held in a constant so TypeScript narrows it. */
function match(b: BodyEmitter, s: Extract<Stmt, { kind: "Match" }>): void {
  const code = lowerExpr(b, s.subject);
  let subject = code;
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(code)) {
    subject = b.temp();
    b.line(`const ${subject}: ${b.env.types.ts(s.subject.type)} = ${code};`);
  }
  let first = true;
  const exhaustive = coversAll(b, s);
  for (const [i, arm] of s.arms.entries()) {
    const p = arm.pattern;
    let cond: string | undefined;
    let bind: string | undefined;
    switch (p.kind) {
      case "WildcardPattern":
        break;
      case "NonePattern":
        cond = `${subject} === null`;
        break;
      case "SomePattern":
        cond = `${subject} !== null`;
        bind = `const ${b.local(p.binding.id)} = ${subject}.value;`;
        break;
      case "VariantPattern":
        cond = `${subject}.tag === ${JSON.stringify(p.variant)}`;
        if (p.binding) bind = `const ${b.local(p.binding.id)} = ${subject}.fields;`;
        break;
      default:
        unreachable(p);
    }
    // The last arm of an exhaustive match needs no test (and TypeScript then sees every path return).
    if (exhaustive && i === s.arms.length - 1 && !first) cond = undefined;
    // A final catch-all arm with nothing to do needs no branch.
    if (cond === undefined && !first && arm.body.length === 0 && !bind) break;
    if (cond === undefined) b.line(first ? "{" : "} else {");
    else b.line(first ? `if (${cond}) {` : `} else if (${cond}) {`);
    if (bind) b.line(bind);
    block(b, arm.body);
    first = false;
    if (cond === undefined) break;
  }
  if (!first) b.line("}");
}

/** Do the arms name every case of the subject (both option cases, or every variant)? */
function coversAll(b: BodyEmitter, s: Extract<Stmt, { kind: "Match" }>): boolean {
  const t = s.subject.type;
  const named = new Set(s.arms.map((a) => (a.pattern.kind === "VariantPattern" ? a.pattern.variant : a.pattern.kind)));
  if (t.kind === "Option") return named.has("SomePattern") && named.has("NonePattern");
  if (t.kind === "Enum") return b.env.tables.enumVariants(t.ref).every((v) => named.has(v.name));
  return false;
}
