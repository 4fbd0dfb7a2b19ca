// Reference evaluator, part 4: expressions. A direct recursive walk of the typed IR with
// checked arithmetic on bigints; aborts are thrown as `Abort` and caught at the command boundary.
import { unreachable } from "../syntax/ast.js";
import type { Expr } from "../ir/expressions.js";
import type { Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import { callFunction, callQuery, type Frame } from "./frame.js";
import { evalAssetOp } from "./assets.js";
import { iterationItems, listAt, listElements, mapEntries, mapGet, setContains } from "./collections.js";
import { evalMutation, evalBlockValue, sortList } from "./eval-stmt.js";
import { hashValue } from "./hash-value.js";
import { Abort, bool, compareValues, equalValues, fieldOf, fit, int, mkBool, mkInt, rangeOf } from "./value-ops.js";

export function evalExpr(f: Frame, e: Expr): Value {
  f.meter.charge(1n);
  switch (e.kind) {
    case "Literal":
      return e.value;
    case "Local":
      return f.local(e.local);
    case "Param":
      return f.local(e.index);
    case "ConstRef":
    case "ConfigRef":
      return e.value;
    case "StateRef":
    case "CollectionRef":
      return f.readState(e.name);
    case "UsesRef":
      return f.usesRef(e.alias, e.field);
    case "Sender":
      return { kind: "Bytes", hex: f.ctx().sender };
    case "SelfRef":
      return { kind: "Bytes", hex: f.self() };
    case "Now":
    case "TicketClaim":
    case "TicketField":
      throw new Error(`internal error: ${e.kind} outside the admission context`);
    case "NamedPeer":
      return hashValue({ kind: "String", value: e.name }, { kind: "Prim", name: "string" }, f.index);
    case "Field":
      return fieldOf(evalExpr(f, e.target), e.field);
    case "Index": {
      const target = evalExpr(f, e.target);
      const key = evalExpr(f, e.index);
      if (e.container === "list") return listAt(target, int(key));
      return mapGet(target, key, e.target.type, f.index) ?? f.index.zero(e.type);
    }
    case "Call":
      return callFunction(f, e.callee, e.args.map((a) => evalExpr(f, a)));
    case "QueryCall":
      return callQuery(f, e.query, e.args.map((a) => evalExpr(f, a)));
    case "Builtin":
      return evalBuiltin(f, e.fn, e.args, e.type);
    case "Convert": {
      const v = evalExpr(f, e.arg);
      return fit(int(v), { kind: "Prim", name: e.to }, `conversion to ${e.to}`, "narrowing");
    }
    case "Method":
      return evalMethod(f, e);
    case "Mutate":
      return evalMutation(f, e);
    case "AssetOp":
      return evalAssetOp(f, e.asset, e.op, e.args.map((a) => evalExpr(f, a)), e.type);
    case "Some":
      return { kind: "Some", value: evalExpr(f, e.value) };
    case "ListExpr":
      return { kind: "List", elements: e.elements.map((x) => evalExpr(f, x)) };
    case "RecordExpr":
      return { kind: "Record", fields: e.fields.map((x) => ({ name: x.name, value: evalExpr(f, x.value) })) };
    case "VariantExpr":
      return { kind: "Variant", variant: e.variant, fields: e.fields.map((x) => ({ name: x.name, value: evalExpr(f, x.value) })) };
    case "Unary": {
      const v = evalExpr(f, e.operand);
      return e.op === "!" ? mkBool(!bool(v)) : fit(-int(v), e.type, "unary -");
    }
    case "Binary":
      return evalBinary(f, e);
    case "Is": {
      const v = evalExpr(f, e.target);
      return mkBool(v.kind === "Variant" && v.variant === e.variant);
    }
    case "If":
      return bool(evalExpr(f, e.cond)) ? evalBlockValue(f, e.then) : evalBlockValue(f, e.else);
    case "Quant":
      return evalQuant(f, e);
    case "Sort":
      return sortList(f, evalExpr(f, e.source), e.source.type, e.keys);
    case "Invalid":
      throw new Error("internal error: evaluating an invalid expression");
    default:
      return unreachable(e);
  }
}

function evalBinary(f: Frame, e: Extract<Expr, { kind: "Binary" }>): Value {
  if (e.op === "&&") return mkBool(bool(evalExpr(f, e.left)) && bool(evalExpr(f, e.right)));
  if (e.op === "||") return mkBool(bool(evalExpr(f, e.left)) || bool(evalExpr(f, e.right)));
  const l = evalExpr(f, e.left);
  const r = evalExpr(f, e.right);
  const t = e.left.type;
  switch (e.op) {
    case "==":
      return mkBool(equalValues(l, r, t, f.index));
    case "!=":
      return mkBool(!equalValues(l, r, t, f.index));
    case "<":
      return mkBool(compareValues(l, r, t, f.index) < 0);
    case "<=":
      return mkBool(compareValues(l, r, t, f.index) <= 0);
    case ">":
      return mkBool(compareValues(l, r, t, f.index) > 0);
    case ">=":
      return mkBool(compareValues(l, r, t, f.index) >= 0);
    case "+":
      return fit(int(l) + int(r), e.type, "+");
    case "-":
      return fit(int(l) - int(r), e.type, "-");
    case "*":
      return fit(int(l) * int(r), e.type, "*");
    case "/":
      if (int(r) === 0n) throw new Abort("division_by_zero", "division by zero in /");
      return fit(int(l) / int(r), e.type, "/");
    case "%":
      if (int(r) === 0n) throw new Abort("division_by_zero", "division by zero in %");
      return fit(int(l) % int(r), e.type, "%");
    default:
      return unreachable(e.op as never);
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function evalBuiltin(f: Frame, fn: string, argExprs: readonly Expr[], type: Type): Value {
  const args = argExprs.map((a) => evalExpr(f, a));
  const nonZero = (b: bigint, what: string) => {
    if (b === 0n) throw new Abort("division_by_zero", `division by zero in ${what}`);
    return b;
  };
  switch (fn) {
    case "len": {
      const v = args[0];
      const n = v.kind === "Map" ? v.entries.length : v.kind === "List" ? v.elements.length : v.kind === "String" ? Buffer.byteLength(v.value) : v.kind === "Bytes" ? v.hex.length / 2 : 0;
      return fit(BigInt(n), type, "len");
    }
    case "min":
      return compareValues(args[0], args[1], argExprs[0].type, f.index) <= 0 ? args[0] : args[1];
    case "max":
      return compareValues(args[0], args[1], argExprs[0].type, f.index) >= 0 ? args[0] : args[1];
    case "div_floor":
      return fit(floorDiv(int(args[0]), nonZero(int(args[1]), "div_floor")), type, "div_floor");
    case "div_ceil":
      return fit(-floorDiv(-int(args[0]), nonZero(int(args[1]), "div_ceil")), type, "div_ceil");
    case "mul_div":
      return fit(floorDiv(int(args[0]) * int(args[1]), nonZero(int(args[2]), "mul_div")), type, "mul_div");
    case "apply_bps":
      return fit(floorDiv(int(args[0]) * int(args[1]), 10_000n), type, "apply_bps");
    case "hash":
      return hashValue(args[0], argExprs[0].type, f.index);
    default:
      throw new Error(`internal error: unknown builtin ${fn}`);
  }
}

function evalMethod(f: Frame, e: Extract<Expr, { kind: "Method" }>): Value {
  const recv = evalExpr(f, e.receiver);
  const args = e.args.map((a) => evalExpr(f, a));
  const t = e.receiver.type;
  switch (e.method) {
    case "contains":
      if (e.on === "map") return mkBool(mapGet(recv, args[0], t, f.index) !== undefined);
      if (e.on === "set") return mkBool(setContains(recv, args[0], t, f.index));
      return mkBool(listElements(recv).some((x) => equalValues(x, args[0], t.kind === "List" ? t.element : t, f.index)));
    case "get": {
      const v = e.on === "map" ? mapGet(recv, args[0], t, f.index) : undefined;
      return v === undefined ? { kind: "None" } : { kind: "Some", value: v };
    }
    case "keys":
      return { kind: "List", elements: mapEntries(recv).map(([k]) => k) };
    case "is_some":
      return mkBool(recv.kind === "Some");
    case "is_none":
      return mkBool(recv.kind === "None");
    case "unwrap_or":
      return recv.kind === "Some" ? recv.value : args[0];
    default:
      return unreachable(e.method);
  }
}

function evalQuant(f: Frame, e: Extract<Expr, { kind: "Quant" }>): Value {
  const items = iterationItems(evalExpr(f, e.source), e.over);
  let acc = 0n;
  for (const item of items) {
    e.binders.forEach((b, i) => f.bind(b.id, item[i]));
    const v = evalExpr(f, e.body);
    if (e.quantifier === "all" && !bool(v)) return mkBool(false);
    if (e.quantifier === "any" && bool(v)) return mkBool(true);
    if (e.quantifier === "sum") acc = int(fit(acc + int(v), e.type, "sum"));
    if (e.quantifier === "count" && bool(v)) acc += 1n;
  }
  if (e.quantifier === "all") return mkBool(true);
  if (e.quantifier === "any") return mkBool(false);
  return rangeOf(e.type) ? fit(acc, e.type, e.quantifier) : mkInt(acc);
}

