// Check stage, last pass: typed IR bodies -> static worst-case costs (units of cost-model.ts).
// Fn costs are memoised; a recursive call (already E3006) adds nothing rather than looping.
import type { Expr, ValueBlock } from "../ir/expressions.js";
import type { FnDef } from "../ir/declarations.js";
import type { Place, Stmt } from "../ir/statements.js";
import { type DeclRef, refKey, type Type } from "../ir/types.js";
import type { TypeTables } from "../ir/values.js";
import { unreachable } from "../syntax/ast.js";
import { ASSET_LOOKUP_COST, capacityOf, isScalar, mapOpCost, NODE_COST, sortCost, typeSize } from "./cost-model.js";

type FnBody = Pick<FnDef, "ref" | "body">;


const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

export class CostCalculator {
  private readonly memo = new Map<string, bigint>();
  private readonly active = new Set<string>();

  constructor(
    private readonly tables: TypeTables,
    private readonly fns: ReadonlyMap<string, FnBody>,
  ) {}

  fnCost(ref: DeclRef): bigint {
    const key = refKey(ref);
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const fn = this.fns.get(key);
    if (!fn || this.active.has(key)) return 0n;
    this.active.add(key);
    const cost = this.stmts(fn.body);
    this.active.delete(key);
    this.memo.set(key, cost);
    return cost;
  }

  stmts(stmts: readonly Stmt[]): bigint {
    return sum(stmts.map((s) => this.stmt(s)));
  }

  stmt(s: Stmt): bigint {
    switch (s.kind) {
      case "Let":
        return NODE_COST + this.expr(s.value);
      case "Assign":
        return NODE_COST + this.place(s.target) + this.expr(s.value);
      case "Require":
        return NODE_COST + this.expr(s.cond);
      case "If":
        return NODE_COST + this.expr(s.cond) + max(this.stmts(s.then), this.stmts(s.else));
      case "For":
        return NODE_COST + this.expr(s.source) + capacityOf(s.source.type) * this.stmts(s.body);
      case "Match":
        return NODE_COST + this.expr(s.subject) + s.arms.reduce((m, a) => max(m, this.stmts(a.body)), 0n);
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

  expr(e: Expr): bigint {
    const all = (es: readonly Expr[]) => sum(es.map((x) => this.expr(x)));
    const block = (b: ValueBlock) => this.stmts(b.stmts) + this.expr(b.value);
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
        return NODE_COST + all(e.args) + this.fnCost(e.callee.ref);
      case "QueryCall": // only in tests, which are not metered
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
      case "Mutate": {
        const base = e.on === "list" ? NODE_COST : mapOpCost(capacityOf(e.place.type));
        return base + this.place(e.place) + all(e.args);
      }
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
        return NODE_COST + this.expr(e.cond) + max(block(e.then), block(e.else));
      case "Quant":
        return NODE_COST + this.expr(e.source) + capacityOf(e.source.type) * this.expr(e.body);
      case "Sort":
        return NODE_COST + this.expr(e.source) + sortCost(capacityOf(e.source.type));
      default:
        return unreachable(e);
    }
  }
}
