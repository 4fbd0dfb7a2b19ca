// CST statement rules -> AST Block and Stmt nodes.
import type { CstNode } from "chevrotain";
import type { AssignOp, Block, IfStmt, MatchArm, Pattern, RequireStmt, Stmt } from "./ast.js";
import { child, children, firstToken, isToken, type LowerContext, ordered, token } from "./cst-access.js";
import { lowerBinders, lowerExpr, lowerPath, lowerRecordBody, lowerType } from "./lower-expressions.js";
import { lowerString } from "./lower-literals.js";

export function lowerBlock(cx: LowerContext, n: CstNode | undefined): Block {
  const stmts: Stmt[] = [];
  for (const s of children(n, "statement")) {
    const lowered = lowerStatement(cx, s);
    if (lowered) stmts.push(lowered);
  }
  return { kind: "Block", stmts, span: cx.nodeSpan(n) };
}

const statementRules = [
  "letStmt",
  "requireStmt",
  "ifStmt",
  "forStmt",
  "whileStmt",
  "matchStmt",
  "returnStmt",
  "emitStmt",
  "citeStmt",
  "exprStmt",
] as const;

function lowerStatement(cx: LowerContext, n: CstNode): Stmt | undefined {
  const [first] = ordered(n, statementRules);
  if (!first || isToken(first.element)) return undefined; // `;` or a recovered gap
  const s = first.element;
  const span = cx.nodeSpan(s);
  switch (first.name as (typeof statementRules)[number]) {
    case "letStmt": {
      const type = child(s, "type");
      return {
        kind: "LetStmt",
        mutable: token(s, "Kw_var") !== undefined,
        name: cx.ident(token(s, "Identifier")),
        type: type ? lowerType(cx, type) : undefined,
        value: lowerExpr(cx, child(s, "expression")),
        span,
      };
    }
    case "requireStmt":
      return lowerRequire(cx, s);
    case "ifStmt":
      return lowerIfStmt(cx, s);
    case "forStmt":
      return {
        kind: "ForStmt",
        binders: lowerBinders(cx, child(s, "binders")),
        source: lowerExpr(cx, child(s, "expression")),
        body: lowerBlock(cx, child(s, "block")),
        span,
      };
    case "whileStmt": {
      const cond = child(s, "expression");
      return {
        kind: "WhileStmt",
        keyword: token(s, "Kw_loop") ? "loop" : "while",
        cond: cond ? lowerExpr(cx, cond) : undefined,
        body: lowerBlock(cx, child(s, "block")),
        span,
      };
    }
    case "matchStmt":
      return {
        kind: "MatchStmt",
        subject: lowerExpr(cx, child(s, "expression")),
        arms: children(s, "matchArm").map((a) => lowerArm(cx, a)),
        span,
      };
    case "returnStmt": {
      const value = child(s, "expression");
      return { kind: "ReturnStmt", value: value ? lowerExpr(cx, value) : undefined, span };
    }
    case "emitStmt":
      return {
        kind: "EmitStmt",
        event: { kind: "RecordLit", type: lowerPath(cx, child(s, "path")), fields: lowerRecordBody(cx, child(s, "recordBody")), span },
        span,
      };
    case "citeStmt":
      return { kind: "CiteStmt", value: lowerExpr(cx, child(s, "expression")), span };
    case "exprStmt":
      return lowerExprStmt(cx, s);
  }
}

export function lowerRequire(cx: LowerContext, s: CstNode): RequireStmt {
  const reason = token(s, "StringLiteral");
  return {
    kind: "RequireStmt",
    cond: lowerExpr(cx, child(s, "expression")),
    reason: reason ? lowerString(cx, reason) : undefined,
    span: cx.nodeSpan(s),
  };
}

function lowerIfStmt(cx: LowerContext, s: CstNode): IfStmt {
  const nested = child(s, "ifStmt");
  const blocks = children(s, "block");
  return {
    kind: "IfStmt",
    cond: lowerExpr(cx, child(s, "expression")),
    then: lowerBlock(cx, blocks[0]),
    else: nested ? lowerIfStmt(cx, nested) : blocks[1] ? lowerBlock(cx, blocks[1]) : undefined,
    span: cx.nodeSpan(s),
  };
}

function lowerExprStmt(cx: LowerContext, s: CstNode): Stmt {
  const [target, value] = children(s, "expression");
  const op = firstToken(s, ["Eq", "PlusEq", "MinusEq", "StarEq"]);
  const lhs = lowerExpr(cx, target);
  if (!op) return { kind: "ExprStmt", expr: lhs, span: cx.nodeSpan(s) };
  return { kind: "AssignStmt", target: lhs, op: op.image as AssignOp, value: lowerExpr(cx, value), span: cx.nodeSpan(s) };
}

function lowerArm(cx: LowerContext, a: CstNode): MatchArm {
  return { kind: "MatchArm", pattern: lowerPattern(cx, child(a, "pattern")), body: lowerBlock(cx, child(a, "block")), span: cx.nodeSpan(a) };
}

function lowerPattern(cx: LowerContext, p: CstNode | undefined): Pattern {
  const span = cx.nodeSpan(p);
  const binding = token(p, "binding");
  if (token(p, "Kw_some")) return { kind: "SomePattern", binding: cx.ident(binding), span };
  if (token(p, "Kw_none")) return { kind: "NonePattern", span };
  const path = lowerPath(cx, child(p, "path"));
  if (path.length === 1 && path[0].name === "_" && !binding) return { kind: "WildcardPattern", span };
  return { kind: "VariantPattern", variant: path, binding: binding ? cx.ident(binding) : undefined, span };
}
