// Emit stage, metering: how many cost units (compiler/check/cost-model.ts) emitted code
// charges, and where. The rule, which keeps every command's charge within the checker's
// static bound (so only a budget set below that bound can abort with "cost"):
//   - a statement costs its own unit plus the units of its expressions; a run of straight-line
//     statements up to the next control statement is charged at once, when the run starts
//     (emit-statements.ts);
//   - an expression is charged as the model prices it, except for three lazy parts:
//     quantifier bodies charge once per iteration actually run, a call's callee charges its
//     own statements as they run, and an if-expression whose branches have statements or
//     lazy parts charges each branch as it is taken (only the branch values of an
//     if-expression with neither are charged up front, at the dearer one: `eagerIf`);
//   - `for` bodies and the branches of `if` / `match` statements are statements, charged as they run.
import { ASSET_LOOKUP_COST, capacityOf, isScalar, mapOpCost, NODE_COST, sortCost, typeSize } from "../check/cost-model.js";
import type { Expr } from "../ir/expressions.js";
import type { Place, Stmt } from "../ir/statements.js";
import type { Type } from "../ir/types.js";
import type { TypeTables } from "../ir/values.js";
import { walkExpr } from "../ir/walk.js";
import { unreachable } from "../syntax/ast.js";


const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** Whether an expression charges everything up front: no quantifier, call or statement inside it. */
function chargedUpFront(e: Expr): boolean {
  let upFront = true;
  walkExpr(e, {
    expr: (x) => void ((x.kind === "Quant" || x.kind === "Call") && (upFront = false)),
    stmt: () => void (upFront = false),
  });
  return upFront;
}

/**
 * An if-expression whose branches are plain values charged up front: its dearer branch is
 * charged with it. Any other one charges the taken branch's value when the branch starts;
 * charging the dearer value up front and then the taken branch's lazy parts could exceed the
 * static bound, which prices the dearer branch as a whole.
 */
export function eagerIf(e: Extract<Expr, { kind: "If" }>): boolean {
  return e.then.stmts.length === 0 && e.else.stmts.length === 0 && chargedUpFront(e.then.value) && chargedUpFront(e.else.value);
}

export class EmitCosts {
  constructor(private readonly tables: TypeTables) {}

  /** Units a statement charges when it starts (its nested statements charge for themselves). */
  stmt(s: Stmt): bigint {
    switch (s.kind) {
      case "Let":
        return NODE_COST + this.expr(s.value);
      case "Assign":
        return NODE_COST + this.place(s.target) + this.expr(s.value);
      case "Require":
        return NODE_COST + this.expr(s.cond);
      case "If":
        return NODE_COST + this.expr(s.cond);
      case "For":
        return NODE_COST + this.expr(s.source);
      case "Match":
        return NODE_COST + this.expr(s.subject);
      case "Return":
        return NODE_COST + (s.value ? this.expr(s.value) : 0n);
      case "Emit":
        return NODE_COST + sum(s.fields.map((f) => this.expr(f.value)));
      case "Cite":
        return NODE_COST + this.expr(s.value);
      case "Eval":
        return NODE_COST + this.expr(s.expr);
      default:
        return unreachable(s);
    }
  }

  place(p: Place): bigint {
    switch (p.kind) {
      case "LocalPlace":
      case "StatePlace":
      case "CollectionPlace":
        return NODE_COST;
      case "FieldPlace":
        return NODE_COST + this.place(p.base);
      case "IndexPlace":
        return (p.container === "map" ? mapOpCost(capacityOf(p.base.type)) : NODE_COST) + this.place(p.base) + this.expr(p.index);
      default:
        return unreachable(p);
    }
  }

  /** Units charged up front for an expression (its lazy parts excluded, see the file comment). */
  expr(e: Expr): bigint {
    const all = (es: readonly Expr[]) => sum(es.map((x) => this.expr(x)));
    const sizeIfComposite = (t: Type) => (isScalar(t) ? 0n : typeSize(t, this.tables));
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
        return NODE_COST;
      case "Field":
        return NODE_COST + this.expr(e.target);
      case "Index":
        return (e.container === "map" ? mapOpCost(capacityOf(e.target.type)) : NODE_COST) + this.expr(e.target) + this.expr(e.index);
      case "Call":
      case "QueryCall":
        return NODE_COST + all(e.args);
      case "Builtin":
        return NODE_COST + all(e.args) + (e.fn === "hash" ? sizeIfComposite(e.args[0].type) : 0n);
      case "Convert":
        return NODE_COST + this.expr(e.arg);
      case "Method": {
        const n = capacityOf(e.receiver.type);
        const base = e.on === "option" ? NODE_COST : e.method === "keys" || (e.on === "list" && e.method === "contains") ? NODE_COST + n : mapOpCost(n);
        return base + this.expr(e.receiver) + all(e.args);
      }
      case "Mutate":
        return (e.on === "list" ? NODE_COST : mapOpCost(capacityOf(e.place.type))) + this.place(e.place) + all(e.args);
      case "AssetOp": {
        const base = e.op === "transfer" ? 2n * ASSET_LOOKUP_COST : e.op === "total" || e.op === "supply" ? NODE_COST : ASSET_LOOKUP_COST;
        return base + all(e.args);
      }
      case "Some":
        return NODE_COST + this.expr(e.value);
      case "ListExpr":
        return NODE_COST + all(e.elements);
      case "RecordExpr":
      case "VariantExpr":
        return NODE_COST + all(e.fields.map((f) => f.value));
      case "Unary":
        return NODE_COST + this.expr(e.operand);
      case "Binary": {
        const compare = e.op === "==" || e.op === "!=" ? sizeIfComposite(e.left.type) : 0n;
        return NODE_COST + this.expr(e.left) + this.expr(e.right) + compare;
      }
      case "Is":
        return NODE_COST + this.expr(e.target);
      case "If":
        return NODE_COST + this.expr(e.cond) + (eagerIf(e) ? max(this.expr(e.then.value), this.expr(e.else.value)) : 0n);
      case "Quant":
        return NODE_COST + this.expr(e.source);
      case "Sort":
        return NODE_COST + this.expr(e.source) + sortCost(capacityOf(e.source.type));
      default:
        return unreachable(e);
    }
  }
}
