// Typed IR: a pre-order walk over statements, expressions and places, for passes that
// look at every node (determinism rules, call graphs). Children are visited in source order.
import { unreachable } from "../syntax/ast.js";
import type { Expr, ValueBlock } from "./expressions.js";
import type { Place, Stmt } from "./statements.js";

export interface Visitor {
  readonly expr?: (e: Expr) => void;
  readonly stmt?: (s: Stmt) => void;
  readonly place?: (p: Place) => void;
}

export function walkStmts(stmts: readonly Stmt[], v: Visitor): void {
  for (const s of stmts) walkStmt(s, v);
}

export function walkStmt(s: Stmt, v: Visitor): void {
  v.stmt?.(s);
  switch (s.kind) {
    case "Let":
      return walkExpr(s.value, v);
    case "Assign":
      walkPlace(s.target, v);
      return walkExpr(s.value, v);
    case "Require":
      return walkExpr(s.cond, v);
    case "If":
      walkExpr(s.cond, v);
      walkStmts(s.then, v);
      return walkStmts(s.else, v);
    case "For":
      walkExpr(s.source, v);
      return walkStmts(s.body, v);
    case "Match":
      walkExpr(s.subject, v);
      for (const arm of s.arms) walkStmts(arm.body, v);
      return;
    case "Return":
      if (s.value) walkExpr(s.value, v);
      return;
    case "Emit":
      for (const f of s.fields) walkExpr(f.value, v);
      return;
    case "Cite":
      return walkExpr(s.value, v);
    case "Eval":
      return walkExpr(s.expr, v);
    default:
      return unreachable(s);
  }
}

export function walkPlace(p: Place, v: Visitor): void {
  v.place?.(p);
  switch (p.kind) {
    case "LocalPlace":
    case "StatePlace":
    case "CollectionPlace":
      return;
    case "FieldPlace":
      return walkPlace(p.base, v);
    case "IndexPlace":
      walkPlace(p.base, v);
      return walkExpr(p.index, v);
    default:
      return unreachable(p);
  }
}

export function walkExpr(e: Expr, v: Visitor): void {
  v.expr?.(e);
  const all = (es: readonly Expr[]) => es.forEach((x) => walkExpr(x, v));
  const block = (b: ValueBlock) => {
    walkStmts(b.stmts, v);
    walkExpr(b.value, v);
  };
  switch (e.kind) {
    case "Literal":
    case "Local":
    case "Param":
    case "ConstRef":
    case "ConfigRef":
    case "StateRef":
    case "CollectionRef":
    case "UsesRef":
    case "Sender":
    case "SelfRef":
    case "Now":
    case "TicketClaim":
    case "TicketField":
    case "NamedPeer":
    case "Invalid":
      return;
    case "Field":
      return walkExpr(e.target, v);
    case "Index":
      walkExpr(e.target, v);
      return walkExpr(e.index, v);
    case "Call":
    case "QueryCall":
    case "Builtin":
    case "AssetOp":
      return all(e.args);
    case "Convert":
      return walkExpr(e.arg, v);
    case "Method":
      walkExpr(e.receiver, v);
      return all(e.args);
    case "Mutate":
      walkPlace(e.place, v);
      return all(e.args);
    case "Some":
      return walkExpr(e.value, v);
    case "ListExpr":
      return all(e.elements);
    case "RecordExpr":
    case "VariantExpr":
      return all(e.fields.map((f) => f.value));
    case "Unary":
      return walkExpr(e.operand, v);
    case "Binary":
      walkExpr(e.left, v);
      return walkExpr(e.right, v);
    case "Is":
      return walkExpr(e.target, v);
    case "If":
      walkExpr(e.cond, v);
      block(e.then);
      return block(e.else);
    case "Quant":
      walkExpr(e.source, v);
      return walkExpr(e.body, v);
    case "Sort":
      return walkExpr(e.source, v);
    default:
      return unreachable(e);
  }
}
