// Check stage: constant folding of typed IR expressions (const declarations, config and
// state initialisers). Checked arithmetic as at run time; non-constants are E2010, overflow E2004.
import { error } from "../diagnostics/make.js";
import type { Expr } from "../ir/expressions.js";
import { INT_RANGES, isIntValued, type Type } from "../ir/types.js";
import { type Value, valueEquals } from "../ir/values.js";
import type { Cx } from "./context.js";

type Folded = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly at: Expr; readonly reason?: string };

const ok = (value: Value): Folded => ({ ok: true, value });
const int = (value: bigint): Value => ({ kind: "Int", value });
const bool = (value: boolean): Value => ({ kind: "Bool", value });

/** The value of `e`, or `undefined` after reporting why it has none. */
export function foldOrReport(cx: Cx, e: Expr, what: string): Value | undefined {
  const r = fold(e);
  if (r.ok) return r.value;
  if (r.at.kind === "Invalid" || r.at.type.kind === "Error") return undefined; // already reported
  if (r.reason) {
    cx.report(error("E2004", `${what} ${r.reason}`, r.at.span));
  } else {
    cx.report(
      error("E2010", `${what} is not a constant expression`, r.at.span, {
        label: "not known at compile time",
        help: "constants may use literals, other constants, records, lists, conversions and arithmetic",
      }),
    );
  }
  return undefined;
}

export function fold(e: Expr): Folded {
  switch (e.kind) {
    case "Literal":
    case "ConstRef":
    case "ConfigRef":
      return ok(e.value);
    case "Some":
      return map(fold(e.value), (v) => ok({ kind: "Some", value: v }));
    case "ListExpr":
      return all(e.elements.map(fold), (elements) => ok({ kind: "List", elements: e.type.kind === "Set" ? canonicalSet(elements) : elements }));
    case "RecordExpr":
      return all(
        e.fields.map((f) => fold(f.value)),
        (vs) => ok({ kind: "Record", fields: e.fields.map((f, i) => ({ name: f.name, value: vs[i] })) }),
      );
    case "VariantExpr":
      return all(
        e.fields.map((f) => fold(f.value)),
        (vs) => ok({ kind: "Variant", variant: e.variant, fields: e.fields.map((f, i) => ({ name: f.name, value: vs[i] })) }),
      );
    case "Field":
      return map(fold(e.target), (v) => {
        const found = v.kind === "Record" || v.kind === "Variant" ? v.fields.find((f) => f.name === e.field) : undefined;
        return found ? ok(found.value) : { ok: false, at: e };
      });
    case "Unary":
      return map(fold(e.operand), (v) => {
        if (v.kind === "Bool") return ok(bool(!v.value));
        return v.kind === "Int" ? checked(e, -v.value) : { ok: false, at: e };
      });
    case "Binary":
      return all([fold(e.left), fold(e.right)], ([l, r]) => foldBinary(e, l, r));
    case "Convert":
      return map(fold(e.arg), (v) => (v.kind === "Int" ? checked(e, v.value) : { ok: false, at: e }));
    case "Builtin":
      return all(e.args.map(fold), (vs) => foldBuiltin(e, vs));
    case "If":
      return map(fold(e.cond), (c) => {
        const branch = c.kind === "Bool" && c.value ? e.then : e.else;
        return branch.stmts.length === 0 ? fold(branch.value) : { ok: false, at: e };
      });
    default:
      return { ok: false, at: e };
  }
}

function foldBinary(e: Extract<Expr, { kind: "Binary" }>, l: Value, r: Value): Folded {
  if (e.op === "==" || e.op === "!=") return ok(bool(valueEquals(l, r) === (e.op === "==")));
  if (l.kind === "Bool" && r.kind === "Bool") {
    if (e.op === "&&") return ok(bool(l.value && r.value));
    if (e.op === "||") return ok(bool(l.value || r.value));
  }
  if (l.kind !== "Int" || r.kind !== "Int") return { ok: false, at: e };
  const a = l.value;
  const b = r.value;
  switch (e.op) {
    case "<":
      return ok(bool(a < b));
    case "<=":
      return ok(bool(a <= b));
    case ">":
      return ok(bool(a > b));
    case ">=":
      return ok(bool(a >= b));
    case "+":
      return checked(e, a + b);
    case "-":
      return checked(e, a - b);
    case "*":
      return checked(e, a * b);
    case "/":
    case "%":
      if (b === 0n) return { ok: false, at: e, reason: "divides by zero" };
      return checked(e, e.op === "/" ? a / b : a % b); // BigInt division rounds toward zero, as Smalt's `/`
    default:
      return { ok: false, at: e };
  }
}

function foldBuiltin(e: Extract<Expr, { kind: "Builtin" }>, vs: readonly Value[]): Folded {
  if (e.fn === "len") {
    const [c] = vs;
    if (c.kind === "List") return ok(int(BigInt(c.elements.length)));
    if (c.kind === "Map") return ok(int(BigInt(c.entries.length)));
    if (c.kind === "String") return ok(int(BigInt(new TextEncoder().encode(c.value).length)));
    if (c.kind === "Bytes") return ok(int(BigInt(c.hex.length / 2)));
    return { ok: false, at: e };
  }
  if (!vs.every((v) => v.kind === "Int")) return { ok: false, at: e };
  const n = vs.map((v) => (v as { value: bigint }).value);
  const divisor = e.fn === "mul_div" ? n[2] : e.fn === "apply_bps" ? 10_000n : n[1];
  if ((e.fn === "div_floor" || e.fn === "div_ceil" || e.fn === "mul_div") && divisor === 0n) return { ok: false, at: e, reason: "divides by zero" };
  switch (e.fn) {
    case "min":
      return ok(int(n[0] < n[1] ? n[0] : n[1]));
    case "max":
      return ok(int(n[0] > n[1] ? n[0] : n[1]));
    case "div_floor":
      return checked(e, floorDiv(n[0], n[1]));
    case "div_ceil":
      return checked(e, -floorDiv(-n[0], n[1]));
    case "mul_div":
      return checked(e, floorDiv(n[0] * n[1], n[2]));
    case "apply_bps":
      return checked(e, floorDiv(n[0] * n[1], 10_000n));
    default:
      return { ok: false, at: e }; // hash: BLAKE3 of the canonical encoding is computed at run time
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** An integer result, range-checked against the expression's type. */
function checked(e: Expr, v: bigint): Folded {
  const range = rangeOf(e.type);
  if (range && (v < range[0] || v > range[1])) {
    return { ok: false, at: e, reason: `is out of range for \`${e.type.kind === "Prim" ? e.type.name : "?"}\` (${v} is not in ${range[0]}..=${range[1]})` };
  }
  return ok(int(v));
}

function rangeOf(t: Type): readonly [bigint, bigint] | undefined {
  return isIntValued(t) ? INT_RANGES[t.name] : undefined;
}

/** Set values are kept sorted and without duplicates (integers numerically, the rest by encoding). */
function canonicalSet(elements: readonly Value[]): Value[] {
  const key = (v: Value) => (v.kind === "Int" ? v.value : JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}` : x)));
  const sorted = [...elements].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return sorted.filter((v, i) => i === 0 || !valueEquals(v, sorted[i - 1]));
}

function map(r: Folded, f: (v: Value) => Folded): Folded {
  return r.ok ? f(r.value) : r;
}

function all(rs: readonly Folded[], f: (vs: Value[]) => Folded): Folded {
  const values: Value[] = [];
  for (const r of rs) {
    if (!r.ok) return r;
    values.push(r.value);
  }
  return f(values);
}
