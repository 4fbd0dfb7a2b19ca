// Check stage: AST statements -> typed IR statements. A tail expression of a fn or query
// becomes an explicit `Return`; `while`/`loop` are refused (E3005) and dropped.
import { error } from "../diagnostics/make.js";
import { EVIDENCE_TYPE } from "../ir/builtin-records.js";
import type { Stmt as IrStmt } from "../ir/statements.js";
import { BOOL, DIGEST, isAssignable, prim, showType, type Type, UNIT } from "../ir/types.js";
import { type AssignStmt, type Block, type EmitStmt, type IfStmt, type LetStmt, type ReturnStmt, type Stmt, unreachable } from "../syntax/ast.js";
import { checkExpr, inferExpr, recover } from "./check-expressions.js";
import { checkIterable } from "./check-iteration.js";
import { checkMatch } from "./check-match.js";
import { binaryResultType } from "./check-operators.js";
import { checkPlace } from "./check-places.js";
import { checkFieldInits } from "./check-records.js";
import type { Cx } from "./context.js";
import { resolveType } from "./resolve-types.js";
import { suggestOrList } from "./suggest.js";

export function checkBlock(cx: Cx, block: Block, tail: boolean): IrStmt[] {
  return cx.inScope(() => checkStmts(cx, block.stmts, tail));
}

/** `tail`: the last statement's value is the body's result (fns, clearing rules, queries). */
export function checkStmts(cx: Cx, stmts: readonly Stmt[], tail: boolean): IrStmt[] {
  return stmts.flatMap((s, i) => checkStmt(cx, s, tail && i === stmts.length - 1));
}

function checkStmt(cx: Cx, s: Stmt, tail: boolean): IrStmt[] {
  switch (s.kind) {
    case "LetStmt":
      return [checkLet(cx, s)];
    case "AssignStmt":
      return checkAssign(cx, s);
    case "RequireStmt":
      return [{ kind: "Require", cond: checkExpr(cx, s.cond, BOOL), reason: s.reason?.value, span: s.span }];
    case "IfStmt":
      return [checkIf(cx, s, tail)];
    case "ForStmt": {
      const it = checkIterable(cx, s.source, s.binders);
      return cx.inScope(() => {
        const binders = it.bind();
        return [{ kind: "For", binders, over: it.over, source: it.source, body: checkStmts(cx, s.body.stmts, false), span: s.span }];
      });
    }
    case "WhileStmt":
      cx.report(
        error("E3005", `unbounded loop: \`${s.keyword}\``, s.span, {
          help: "loop over a bounded collection with `for x in xs`, or make the work a command the committee repeats",
        }),
      );
      if (s.cond) inferExpr(cx, s.cond);
      checkBlock(cx, s.body, false);
      return [];
    case "MatchStmt":
      return [checkMatch(cx, s, tail)];
    case "ReturnStmt":
      return [checkReturn(cx, s)];
    case "EmitStmt":
      return checkEmit(cx, s);
    case "CiteStmt": {
      const value = inferExpr(cx, s.value);
      if (!isAssignable(value.type, EVIDENCE_TYPE) && !isAssignable(value.type, DIGEST)) {
        cx.report(error("E2001", `type mismatch: \`cite\` takes an \`Evidence\` or a \`digest\`, found \`${showType(value.type)}\``, s.value.span));
      }
      return [{ kind: "Cite", value, span: s.span }];
    }
    case "ExprStmt": {
      const expected = cx.options.returnType;
      if (tail && expected && expected.kind !== "Unit") return [{ kind: "Return", value: checkExpr(cx, s.expr, expected), span: s.span }];
      return [{ kind: "Eval", expr: inferExpr(cx, s.expr), span: s.span }];
    }
    default:
      return unreachable(s);
  }
}

function checkLet(cx: Cx, s: LetStmt): IrStmt {
  const annotated = s.type ? resolveType(cx.env, cx.module, s.type, { isLocal: (n) => cx.lookup(n) !== undefined }) : undefined;
  const value = annotated ? checkExpr(cx, s.value, annotated) : inferExpr(cx, s.value);
  if (value.type.kind === "Unit") cx.report(error("E2001", `\`${s.name.name}\` would have no value: this expression returns nothing`, s.value.span));
  const local = cx.declare(s.name, annotated ?? value.type, s.mutable);
  return { kind: "Let", local, value, span: s.span };
}

function checkAssign(cx: Cx, s: AssignStmt): IrStmt[] {
  const target = checkPlace(cx, s.target);
  if (!target) {
    recover(cx, s.value);
    return [];
  }
  if (s.op === "=") return [{ kind: "Assign", target, op: s.op, value: checkExpr(cx, s.value, target.type), span: s.span }];
  const value = inferExpr(cx, s.value, target.type.kind === "Prim" && target.type.name === "timestamp" ? prim("duration") : target.type);
  const result = binaryResultType(cx, s.op === "+=" ? "+" : s.op === "-=" ? "-" : "*", target.type, value.type, s.span);
  if (!isAssignable(result, target.type)) {
    cx.report(error("E2001", `type mismatch: \`${s.op}\` would make \`${showType(target.type)}\` a \`${showType(result)}\``, s.span));
  }
  return [{ kind: "Assign", target, op: s.op, value, span: s.span }];
}

function checkIf(cx: Cx, s: IfStmt, tail: boolean): IrStmt {
  const cond = checkExpr(cx, s.cond, BOOL);
  const then = checkBlock(cx, s.then, tail);
  const otherwise = !s.else ? [] : s.else.kind === "IfStmt" ? [checkIf(cx, s.else, tail)] : checkBlock(cx, s.else, tail);
  return { kind: "If", cond, then, else: otherwise, span: s.span };
}

function checkReturn(cx: Cx, s: ReturnStmt): IrStmt {
  const expected: Type = cx.options.returnType ?? UNIT;
  if (expected.kind === "Unit") {
    if (s.value) {
      const what = cx.body === "handler" ? "a handler" : "this function";
      cx.report(error("E2001", `${what} returns no value`, s.value.span, { help: "write `return` alone" }));
      return { kind: "Return", value: inferExpr(cx, s.value), span: s.span };
    }
    return { kind: "Return", span: s.span };
  }
  if (!s.value) {
    cx.report(error("E2001", `\`return\` needs a value of type \`${showType(expected)}\``, s.span));
    return { kind: "Return", span: s.span };
  }
  return { kind: "Return", value: checkExpr(cx, s.value, expected), span: s.span };
}

function checkEmit(cx: Cx, s: EmitStmt): IrStmt[] {
  const org = cx.organism;
  const [name, ...extra] = s.event.type;
  if (!org) {
    cx.report(error("E3012", "`emit` outside an organism", s.span, { help: "only handlers emit events" }));
    for (const f of s.event.fields) recover(cx, f.value);
    return [];
  }
  const event = name && extra.length === 0 ? org.events.get(name.name) : undefined;
  if (!event) {
    const shown = s.event.type.map((i) => i.name).join(".");
    if (name && name.name !== "") {
      cx.report(
        error("E1009", `unknown event \`${shown}\``, name.span, {
          help: suggestOrList(shown, org.events.keys(), "its events") ?? `declare it: \`event ${shown} { … }\``,
        }),
      );
    }
    for (const f of s.event.fields) recover(cx, f.value);
    return [];
  }
  const fields = checkFieldInits(cx, s.event.fields, event.fields, `event \`${name.name}\``, s.event.span);
  return [{ kind: "Emit", event: name.name, fields, span: s.span }];
}
