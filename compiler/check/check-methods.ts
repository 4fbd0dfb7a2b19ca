// Check stage: method calls on lists, maps, sets and options -> typed IR `Method` (read-only)
// or `Mutate` (the receiver must be a writable place: push, pop, insert, remove).
import { error } from "../diagnostics/make.js";
import type { Expr as IrExpr, IterKind, MutatingMethod, QueryMethod } from "../ir/expressions.js";
import type { Place } from "../ir/statements.js";
import { BOOL, showType, type Type, UNIT } from "../ir/types.js";
import type { CallExpr, FieldExpr } from "../syntax/ast.js";
import { isMutatingMethod, METHODS } from "./builtins.js";
import { argsOnly, arityOk } from "./check-calls.js";
import { checkExpr, inferExpr, invalid } from "./check-expressions.js";
import { checkPlace } from "./check-places.js";
import { fieldsOfType } from "./check-records.js";
import type { Cx } from "./context.js";
import { didYouMean } from "./suggest.js";

type Shape = IterKind | "option";

function shapeOf(t: Type): Shape | undefined {
  switch (t.kind) {
    case "List":
      return "list";
    case "Set":
      return "set";
    case "Map":
      return "map";
    case "Option":
      return "option";
    default:
      return undefined;
  }
}

export function checkMethodCall(cx: Cx, callee: FieldExpr, e: CallExpr): IrExpr {
  const name = callee.field.name;
  if (name === "") return argsOnly(cx, e);
  if (isMutatingMethod(name)) {
    const place = checkPlace(cx, callee.target, "call a mutating method on");
    if (!place) return argsOnly(cx, e);
    const shape = knownMethod(cx, place.type, callee);
    if (!shape || shape === "option") return argsOnly(cx, e);
    return mutate(cx, place, shape, name, e);
  }
  const receiver = inferExpr(cx, callee.target);
  const shape = knownMethod(cx, receiver.type, callee);
  if (!shape) return argsOnly(cx, e);
  return query(cx, receiver, shape, name as QueryMethod, e);
}

/** The receiver's shape when it has a method by this name; reports E1004 otherwise. */
function knownMethod(cx: Cx, t: Type, callee: FieldExpr): Shape | undefined {
  if (t.kind === "Error") return undefined;
  const shape = shapeOf(t);
  const name = callee.field.name;
  if (shape && (METHODS[shape] as readonly string[]).includes(name)) return shape;
  const field = fieldsOfType(cx, t)?.find((f) => f.name === name);
  if (field) {
    cx.report(
      error("E2003", `\`${name}\` is a field of type \`${showType(field.type)}\`, not a method`, callee.field.span, {
        help: `read it without parentheses: \`.${name}\``,
      }),
    );
    return undefined;
  }
  const help = shape ? (didYouMean(name, METHODS[shape]) ?? `its methods: ${METHODS[shape].join(", ")}`) : undefined;
  cx.report(error("E1004", `\`${showType(t)}\` has no method \`${name}\``, callee.field.span, { help }));
  return undefined;
}

function mutate(cx: Cx, place: Place, on: IterKind, method: MutatingMethod, e: CallExpr): IrExpr {
  const t = place.type;
  const node = (args: readonly IrExpr[], type: Type): IrExpr => ({ kind: "Mutate", on, method, place, args, type, span: e.span });
  if (t.kind === "List" && method === "push") return arityOk(cx, e, 1, "`push`") ? node([checkExpr(cx, e.args[0], t.element)], UNIT) : argsOnly(cx, e);
  if (t.kind === "List" && method === "pop") return arityOk(cx, e, 0, "`pop`") ? node([], { kind: "Option", inner: t.element }) : argsOnly(cx, e);
  if (t.kind === "Set") return arityOk(cx, e, 1, `\`${method}\``) ? node([checkExpr(cx, e.args[0], t.element)], UNIT) : argsOnly(cx, e);
  if (t.kind === "Map") return arityOk(cx, e, 1, "`remove`") ? node([checkExpr(cx, e.args[0], t.key)], UNIT) : argsOnly(cx, e);
  return invalid(e.span);
}

function query(cx: Cx, receiver: IrExpr, on: Shape, method: QueryMethod, e: CallExpr): IrExpr {
  const t = receiver.type;
  const node = (args: readonly IrExpr[], type: Type): IrExpr => ({ kind: "Method", on, method, receiver, args, type, span: e.span });
  const one = (expected: Type, result: Type): IrExpr =>
    arityOk(cx, e, 1, `\`${method}\``) ? node([checkExpr(cx, e.args[0], expected)], result) : argsOnly(cx, e);
  const none = (result: Type): IrExpr => (arityOk(cx, e, 0, `\`${method}\``) ? node([], result) : argsOnly(cx, e));
  switch (t.kind) {
    case "List":
    case "Set":
      return one(t.element, BOOL); // contains
    case "Map":
      if (method === "get") return one(t.key, { kind: "Option", inner: t.value });
      if (method === "contains") return one(t.key, BOOL);
      return none({ kind: "List", element: t.key, capacity: t.capacity }); // keys
    case "Option":
      if (method === "unwrap_or") return one(t.inner, t.inner);
      return none(BOOL); // is_some, is_none
    default:
      return invalid(e.span);
  }
}
