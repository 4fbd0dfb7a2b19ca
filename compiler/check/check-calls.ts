// Check stage: calls -> typed IR — user fns and clearing rules (direct, qualified or through a
// `clearing` config), built-ins, conversions, `some`, methods (builtin-methods.ts) and asset operations.
import { error } from "../diagnostics/make.js";
import type { AssetOpName, BuiltinFn, Expr as IrExpr } from "../ir/expressions.js";
import { type DeclRef, DIGEST, ERROR, isIntType, isIntValued, PEER, type PrimName, showType, type Type, U64, UNIT } from "../ir/types.js";
import { type CallExpr, type Ident, unreachable } from "../syntax/ast.js";
import { checkMethodCall } from "./check-methods.js";
import { ASSET_OP_NAMES, ASSET_OPS, CONVERSIONS } from "./builtins.js";
import { exprPath } from "./check-access.js";
import { checkExpr, inferExpr, invalid, isContextual, recover } from "./check-expressions.js";
import type { Cx } from "./context.js";
import { signature } from "./declaration-table.js";
import { resolveName, unknownName, walkPath } from "./resolve-names.js";
import { didYouMean } from "./suggest.js";

export function checkCall(cx: Cx, e: CallExpr, hint?: Type): IrExpr {
  const callee = e.callee;
  const path = exprPath(callee);
  const head = path?.[0];
  if (path && head) {
    if (head.name === "") return argsOnly(cx, e);
    const target = resolveName(cx, head.name);
    if (!target) {
      unknownName(cx, head);
      return argsOnly(cx, e);
    }
    if (path.length === 1) {
      if (target.kind === "Builtin") return checkBuiltinCall(cx, target.name, e, hint);
      if (target.kind === "Query") return queryCall(cx, target.name, e);
      if (target.kind === "Special" && target.which === "random") {
        inferExpr(cx, callee);
        return argsOnly(cx, e);
      }
    }
    if (target.kind === "TopLevel") {
      const found = walkPath(cx.env, cx.module, path, { code: "E1001", what: "name" });
      if (found.kind === "Unknown") return argsOnly(cx, e);
      if (found.kind === "Item" && found.rest.length === 0 && (found.item.kind === "Fn" || found.item.kind === "Clearing")) {
        return userCall(cx, found.item.ref, found.item.kind, e);
      }
      if (found.kind === "Item" && found.item.kind === "Record" && found.rest.length === 0) {
        cx.report(
          error("E2003", `\`${found.item.ref.name}\` is a record, not a function`, callee.span, { help: `build one with \`${found.item.ref.name} { … }\`` }),
        );
        return argsOnly(cx, e);
      }
    }
    if (target.kind === "Asset" && path.length === 2) return assetOp(cx, target.name, path[1], e);
    if (target.kind === "Special" && target.which === "config" && path.length === 2) {
      const param = cx.organism?.config.get(path[1].name);
      if (param?.type.kind === "Clearing") {
        if (param.value?.kind !== "Rule") return argsOnly(cx, e);
        return userCall(cx, param.value.rule, "Clearing", e, path[1].name);
      }
    }
  }
  if (callee.kind === "FieldExpr") return checkMethodCall(cx, callee, e);
  const value = inferExpr(cx, callee);
  if (value.type.kind !== "Error") cx.report(error("E2003", `a value of type \`${showType(value.type)}\` is not callable`, callee.span));
  return argsOnly(cx, e);
}

/** After an error in the callee: still check the arguments, for their own diagnostics. */
export function argsOnly(cx: Cx, e: CallExpr): IrExpr {
  for (const a of e.args) recover(cx, a);
  return invalid(e.span);
}

export function arityOk(cx: Cx, e: CallExpr, expected: number, what: string): boolean {
  if (e.args.length === expected) return true;
  cx.report(error("E2002", `${what} takes ${expected} argument${expected === 1 ? "" : "s"}, found ${e.args.length}`, e.span));
  return false;
}

function userCall(cx: Cx, ref: DeclRef, kind: "Fn" | "Clearing", e: CallExpr, viaConfig?: string): IrExpr {
  const sig = signature(cx.env, ref);
  const what = `${kind === "Fn" ? "function" : "clearing rule"} \`${ref.name}\``;
  if (!arityOk(cx, e, sig.params.length, what)) return argsOnly(cx, e);
  const args = e.args.map((a, i) => checkExpr(cx, a, sig.params[i].type));
  const callee = kind === "Fn" ? { kind: "Fn" as const, ref } : { kind: "Clearing" as const, ref, ...(viaConfig ? { viaConfig } : {}) };
  return { kind: "Call", callee, args, type: sig.returnType, span: e.span };
}

function queryCall(cx: Cx, name: string, e: CallExpr): IrExpr {
  const query = cx.organism?.queries.get(name);
  if (!query || !arityOk(cx, e, query.params.length, `query \`${name}\``)) return argsOnly(cx, e);
  const args = e.args.map((a, i) => checkExpr(cx, a, query.params[i]));
  return { kind: "QueryCall", query: name, args, type: query.returnType, span: e.span };
}

function assetOp(cx: Cx, asset: string, op: Ident, e: CallExpr): IrExpr {
  const name = ASSET_OP_NAMES.find((n) => n === op.name);
  if (!name) {
    cx.report(
      error("E1004", `asset \`${asset}\` has no operation \`${op.name}\``, op.span, {
        help: didYouMean(op.name, ASSET_OP_NAMES) ?? `asset operations: ${ASSET_OP_NAMES.join(", ")}`,
      }),
    );
    return argsOnly(cx, e);
  }
  const spec = ASSET_OPS[name];
  if (!arityOk(cx, e, spec.params.length, `\`${asset}.${name}\``)) return argsOnly(cx, e);
  const args = e.args.map((a, i) => checkExpr(cx, a, spec.params[i] === "p" ? PEER : U64));
  return { kind: "AssetOp", asset, op: name as AssetOpName, args, type: spec.returnsAmount ? U64 : UNIT, span: e.span };
}

function checkBuiltinCall(cx: Cx, name: string, e: CallExpr, hint?: Type): IrExpr {
  if (name === "some") {
    if (!arityOk(cx, e, 1, "`some`")) return argsOnly(cx, e);
    const value = inferExpr(cx, e.args[0], hint?.kind === "Option" ? hint.inner : undefined);
    return { kind: "Some", value, type: { kind: "Option", inner: value.type }, span: e.span };
  }
  if ((CONVERSIONS as readonly string[]).includes(name)) return conversion(cx, name as PrimName, e);
  const fn = name as BuiltinFn;
  switch (fn) {
    case "len": {
      if (!arityOk(cx, e, 1, "`len`")) return argsOnly(cx, e);
      const arg = inferExpr(cx, e.args[0]);
      const t = arg.type;
      const ok =
        t.kind === "List" || t.kind === "Set" || t.kind === "Map" || t.kind === "Error" || (t.kind === "Prim" && (t.name === "string" || t.name === "bytes"));
      if (!ok) cx.report(error("E2001", `\`len\` needs a collection, string or bytes, found \`${showType(t)}\``, e.args[0].span));
      return builtin(fn, [arg], U64, e);
    }
    case "hash": {
      if (!arityOk(cx, e, 1, "`hash`")) return argsOnly(cx, e);
      return builtin(fn, [inferExpr(cx, e.args[0])], DIGEST, e);
    }
    case "apply_bps": {
      if (!arityOk(cx, e, 2, "`apply_bps`")) return argsOnly(cx, e);
      const amount = inferExpr(cx, e.args[0], hint && isIntType(hint) ? hint : undefined);
      if (amount.type.kind !== "Error" && !isIntType(amount.type)) {
        cx.report(error("E2001", `\`apply_bps\` scales an integer amount, found \`${showType(amount.type)}\``, e.args[0].span));
      }
      const rate = checkExpr(cx, e.args[1], { kind: "Prim", name: "bps" });
      return builtin(fn, [amount, rate], isIntType(amount.type) ? amount.type : ERROR, e);
    }
    case "min":
    case "max":
      return sameTypeArgs(cx, fn, e, 2, hint, isIntValued);
    case "div_floor":
    case "div_ceil":
      return sameTypeArgs(cx, fn, e, 2, hint, isIntType);
    case "mul_div":
      return sameTypeArgs(cx, fn, e, 3, hint, isIntType);
    default:
      return unreachable(fn);
  }
}

/** Built-ins over operands of one integer type, which is also the result type. */
function sameTypeArgs(cx: Cx, fn: BuiltinFn, e: CallExpr, arity: number, hint: Type | undefined, accepts: (t: Type) => boolean): IrExpr {
  if (!arityOk(cx, e, arity, `\`${fn}\``)) return argsOnly(cx, e);
  const leader = e.args.findIndex((a) => !isContextual(a));
  const lead = leader >= 0 ? inferExpr(cx, e.args[leader], hint && accepts(hint) ? hint : undefined) : undefined;
  const type = lead?.type ?? (hint && accepts(hint) ? hint : U64);
  const args = e.args.map((a, i) => (i === leader && lead ? lead : checkExpr(cx, a, type)));
  if (type.kind !== "Error" && !accepts(type)) {
    cx.report(error("E2001", `\`${fn}\` needs integer arguments, found \`${showType(type)}\``, e.args[Math.max(leader, 0)].span));
    return builtin(fn, args, ERROR, e);
  }
  return builtin(fn, args, type, e);
}

/** `u64(x)`, `bps(x)`, …: from any integer-valued type (narrowing is checked at run time). */
function conversion(cx: Cx, to: PrimName, e: CallExpr): IrExpr {
  if (!arityOk(cx, e, 1, `\`${to}\``)) return argsOnly(cx, e);
  const arg = inferExpr(cx, e.args[0], isContextual(e.args[0]) ? { kind: "Prim", name: to } : undefined);
  const t = arg.type;
  const ok = t.kind === "Error" || (to === "bps" ? isIntType(t) || (t.kind === "Prim" && t.name === "bps") : isIntValued(t));
  if (!ok) cx.report(error("E2001", `cannot convert \`${showType(t)}\` to \`${to}\``, e.args[0].span));
  return { kind: "Convert", to, arg, type: { kind: "Prim", name: to }, span: e.span };
}

function builtin(fn: BuiltinFn, args: readonly IrExpr[], type: Type, e: CallExpr): IrExpr {
  return { kind: "Builtin", fn, args, type, span: e.span };
}
