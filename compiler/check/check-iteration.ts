// Check stage: iteration over bounded collections — `for` sources, quantifiers (all, any,
// sum, count) and `sort(xs by f dir, …)`. Non-iterables and wrong binder counts are E2012.
import { error } from "../diagnostics/make.js";
import type { Expr as IrExpr, IterKind } from "../ir/expressions.js";
import type { LocalDecl } from "../ir/statements.js";
import { BOOL, ERROR, isIntValued, showType, type Type, U64 } from "../ir/types.js";
import type { Expr, Ident, QuantExpr, SortExpr } from "../syntax/ast.js";
import { checkExpr, inferExpr, invalid } from "./check-expressions.js";
import { fieldsOfType } from "./check-records.js";
import type { Cx } from "./context.js";
import { didYouMean } from "./suggest.js";

export interface Iteration {
  readonly source: IrExpr;
  readonly over: IterKind;
  /** Call inside the scope of the loop body: declares the binders. */
  readonly bind: () => LocalDecl[];
}

/** Lists and sets are iterated with one binder, maps with two (`k, v`, in key order). */
export function checkIterable(cx: Cx, sourceExpr: Expr, binders: readonly Ident[]): Iteration {
  const source = inferExpr(cx, sourceExpr);
  const t = source.type;
  const declareAll = (types: readonly Type[]) => () => binders.map((b, i) => cx.declare(b, types[i] ?? ERROR, false));
  if (t.kind === "List" || t.kind === "Set" || t.kind === "Map") {
    const over: IterKind = t.kind === "List" ? "list" : t.kind === "Set" ? "set" : "map";
    const types = t.kind === "Map" ? [t.key, t.value] : [t.element];
    if (binders.length !== types.length) {
      const help = t.kind === "Map" ? "iterate a map with two binders: `for k, v in m`" : `iterate a ${over} with one binder: \`for x in xs\``;
      cx.report(
        error("E2012", `a ${over} is iterated with ${types.length === 1 ? "one binder" : "two binders"}, found ${binders.length}`, sourceExpr.span, { help }),
      );
    }
    return { source, over, bind: declareAll(types) };
  }
  if (t.kind !== "Error") {
    cx.report(error("E2012", `a value of type \`${showType(t)}\` is not iterable`, sourceExpr.span, { help: "iterate a bounded `list`, `set` or `map`" }));
  }
  return { source, over: "list", bind: declareAll([]) };
}

export function checkQuant(cx: Cx, e: QuantExpr, hint?: Type): IrExpr {
  const it = checkIterable(cx, e.source, e.binders);
  return cx.inScope(() => {
    const binders = it.bind();
    let body: IrExpr;
    let type: Type;
    if (e.quantifier === "sum") {
      body = inferExpr(cx, e.body, hint && isIntValued(hint) ? hint : undefined);
      type = body.type;
      if (type.kind !== "Error" && !isIntValued(type)) {
        cx.report(error("E2001", `\`sum\` adds integers, found \`${showType(type)}\``, e.body.span));
        type = ERROR;
      }
    } else {
      body = checkExpr(cx, e.body, BOOL);
      type = e.quantifier === "count" ? U64 : BOOL;
    }
    return { kind: "Quant", quantifier: e.quantifier, binders, over: it.over, source: it.source, body, type, span: e.span };
  });
}

/** `sort(xs by price desc, seq asc)`: xs is a list of records; keys are fields with an order. */
export function checkSort(cx: Cx, e: SortExpr): IrExpr {
  const source = inferExpr(cx, e.source);
  const t = source.type;
  if (t.kind === "Error") return invalid(e.span);
  const fields = t.kind === "List" ? fieldsOfType(cx, t.element) : undefined;
  if (t.kind !== "List" || !fields) {
    cx.report(error("E2001", `\`sort\` needs a list of records, found \`${showType(t)}\``, e.source.span));
    return invalid(e.span);
  }
  const keys = e.keys.flatMap((k) => {
    if (k.field.name === "") return [];
    const f = fields.find((x) => x.name === k.field.name);
    if (!f) {
      cx.report(
        error("E1004", `\`${showType(t.element)}\` has no field \`${k.field.name}\``, k.field.span, {
          help: didYouMean(
            k.field.name,
            fields.map((x) => x.name),
          ),
        }),
      );
      return [];
    }
    if (f.type.kind !== "Prim" && f.type.kind !== "Error") {
      cx.report(
        error("E2013", `cannot sort by \`${k.field.name}\`: \`${showType(f.type)}\` has no order`, k.field.span, {
          help: "sort by integer, string, bytes or peer fields",
        }),
      );
      return [];
    }
    return [{ field: f.name, direction: k.direction }];
  });
  return { kind: "Sort", source, keys, type: t, span: e.span };
}
