// Check stage: fn and clearing declarations -> IR FnDef drafts (costs come later). Missing
// returns (E2006); clearing rules need a tie-break (E3011) and the clearing signature (E5005).
import { error } from "../diagnostics/make.js";
import { ALLOCATION_TYPE, BUILTIN_RECORDS, ORDER_TYPE } from "../ir/builtin-records.js";
import type { FnDef } from "../ir/declarations.js";
import type { Stmt as IrStmt } from "../ir/statements.js";
import { sameType, showType } from "../ir/types.js";
import type { ClearingDecl } from "../syntax/ast.js";
import { checkStmts } from "./check-statements.js";
import { Cx } from "./context.js";
import { signature } from "./declaration-table.js";
import type { ModuleEnv, ModuleItem, ProgramEnv, Signature } from "./environment.js";
import { didYouMean } from "./suggest.js";

export type FnDraft = Omit<FnDef, "cost">;

export function checkFunction(env: ProgramEnv, module: ModuleEnv, item: Extract<ModuleItem, { kind: "Fn" | "Clearing" }>): FnDraft {
  const sig = signature(env, item.ref);
  const cx = new Cx(env, module, item.kind === "Fn" ? "fn" : "clearing", { returnType: sig.returnType });
  const params = cx.declareParams(item.decl.params.map((p, i) => ({ name: p.name, type: sig.params[i].type })));
  const body = cx.inScope(() => checkStmts(cx, item.decl.body.stmts, true));
  if (sig.returnType.kind !== "Unit" && !alwaysReturns(body)) {
    cx.report(
      error("E2006", `\`${item.ref.name}\` does not return a value on every path`, item.decl.name.span, {
        help: `end every path with \`return\` or a value of type \`${showType(sig.returnType)}\``,
      }),
    );
  }
  if (item.kind === "Clearing") checkClearingSignature(cx, item.decl, sig);
  const tieBreak = item.kind === "Clearing" ? item.decl.tieBreak.map((k) => ({ field: k.field.name, direction: k.direction })) : [];
  const kind = item.kind === "Fn" ? ("fn" as const) : ("clearing" as const);
  return { kind, ref: item.ref, params, returnType: sig.returnType, body, tieBreak, span: item.decl.span };
}

/** Does every path through `stmts` end in a `return`? (`require false` is not a return.) */
export function alwaysReturns(stmts: readonly IrStmt[]): boolean {
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  switch (last.kind) {
    case "Return":
      return true;
    case "If":
      return alwaysReturns(last.then) && alwaysReturns(last.else);
    case "Match":
      return last.arms.length > 0 && last.arms.every((a) => alwaysReturns(a.body));
    default:
      return false;
  }
}

const ORDER_FIELDS = BUILTIN_RECORDS.find((r) => r.ref.name === "Order")?.fields.map((f) => f.name) ?? [];

/** A clearing rule takes at least one `list<Order, N>`, returns `Allocation`, and ranks ties by Order fields. */
function checkClearingSignature(cx: Cx, decl: ClearingDecl, sig: Signature): void {
  const name = decl.name.name;
  const takesOrders = sig.params.some((p) => p.type.kind === "Error" || (p.type.kind === "List" && sameType(p.type.element, ORDER_TYPE)));
  if (!takesOrders) {
    cx.report(
      error("E5005", `clearing rule \`${name}\` takes no \`list<Order, N>\``, decl.name.span, {
        help: "a clearing rule allocates orders: add a parameter such as `orders: list<Order, 256>`",
      }),
    );
  }
  if (!sameType(sig.returnType, ALLOCATION_TYPE)) {
    cx.report(error("E5005", `clearing rule \`${name}\` must return \`Allocation\`, not \`${showType(sig.returnType)}\``, decl.returnType.span));
  }
  if (decl.tieBreak.length === 0) {
    cx.report(
      error("E3011", `clearing rule \`${name}\` has no tie-break`, decl.name.span, {
        help: "declare how equal orders rank, e.g. `tie_break price desc, seq asc`",
      }),
    );
  }
  const seen = new Set<string>();
  for (const key of decl.tieBreak) {
    const field = key.field.name;
    if (field === "") continue;
    if (!ORDER_FIELDS.includes(field)) {
      cx.report(
        error("E5005", `tie-break field \`${field}\` is not a field of \`Order\``, key.field.span, {
          help: didYouMean(field, ORDER_FIELDS) ?? `Order fields: ${ORDER_FIELDS.join(", ")}`,
        }),
      );
    } else if (seen.has(field)) {
      cx.report(error("E5005", `tie-break field \`${field}\` is listed twice`, key.field.span));
    }
    seen.add(field);
  }
}
