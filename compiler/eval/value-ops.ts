// Reference evaluator, part 2: the obvious operations on IR Values — aborts, checked
// integer ranges, the total order used for map keys, sort and comparisons.
import { unreachable } from "../syntax/ast.js";
import { INT_RANGES, type PrimName, type Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import type { ProgramIndex } from "./program-index.js";

/** How a command ends when it does not commit. `code` is stable; `reason` is for people. */
export class Abort extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
  }
}

export function int(v: Value): bigint {
  if (v.kind !== "Int") throw new Error(`internal error: expected an integer value, got ${v.kind}`);
  return v.value;
}

export function bool(v: Value): boolean {
  if (v.kind !== "Bool") throw new Error(`internal error: expected a bool value, got ${v.kind}`);
  return v.value;
}

export const mkInt = (value: bigint): Value => ({ kind: "Int", value });
export const mkBool = (value: boolean): Value => ({ kind: "Bool", value });

/** The range of an integer-valued type, or undefined for other types. */
export function rangeOf(t: Type): readonly [bigint, bigint] | undefined {
  if (t.kind !== "Prim") return undefined;
  return (INT_RANGES as Record<string, readonly [bigint, bigint]>)[t.name];
}

/** Checks `x` fits `t`; aborts with `code` (overflow for arithmetic, narrowing for conversions). */
export function fit(x: bigint, t: Type, what: string, code = "overflow"): Value {
  const r = rangeOf(t);
  if (r && (x < r[0] || x > r[1])) {
    const name = t.kind === "Prim" ? t.name : "integer";
    throw new Abort(code, `${name} ${x < r[0] ? "underflow" : "overflow"} in ${what}`);
  }
  return mkInt(x);
}

export function primName(t: Type): PrimName | undefined {
  return t.kind === "Prim" ? t.name : undefined;
}

function compareBytes(a: string, b: string): number {
  // Lowercase hex of bytes: comparing hex digit pairs is comparing bytes; a prefix sorts first.
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareStrings(a: string, b: string): number {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return Buffer.compare(x, y);
}

/** A total order on values of one type: numbers numerically, bytes and strings bytewise, records field by field, enums by variant position. */
export function compareValues(a: Value, b: Value, t: Type, index: ProgramIndex): number {
  switch (a.kind) {
    case "Int":
      return a.value < int(b) ? -1 : a.value > int(b) ? 1 : 0;
    case "Bool":
      return Number(a.value) - Number(bool(b));
    case "String":
      return compareStrings(a.value, (b as { value: string }).value);
    case "Bytes":
      return compareBytes(a.hex, (b as { hex: string }).hex);
    case "None":
      return b.kind === "None" ? 0 : -1;
    case "Some":
      return b.kind === "Some" ? compareValues(a.value, b.value, t.kind === "Option" ? t.inner : t, index) : 1;
    case "List": {
      const bl = (b as { elements: readonly Value[] }).elements;
      const et = t.kind === "List" || t.kind === "Set" ? t.element : t;
      for (let i = 0; i < Math.min(a.elements.length, bl.length); i++) {
        const c = compareValues(a.elements[i], bl[i], et, index);
        if (c !== 0) return c;
      }
      return a.elements.length - bl.length;
    }
    case "Map": {
      const be = (b as { entries: readonly (readonly [Value, Value])[] }).entries;
      if (t.kind !== "Map") return 0;
      for (let i = 0; i < Math.min(a.entries.length, be.length); i++) {
        const c = compareValues(a.entries[i][0], be[i][0], t.key, index) || compareValues(a.entries[i][1], be[i][1], t.value, index);
        if (c !== 0) return c;
      }
      return a.entries.length - be.length;
    }
    case "Record": {
      const bf = (b as { fields: readonly { name: string; value: Value }[] }).fields;
      const types = recordFieldTypes(t, index);
      for (let i = 0; i < a.fields.length; i++) {
        const c = compareValues(a.fields[i].value, bf[i].value, types[i] ?? t, index);
        if (c !== 0) return c;
      }
      return 0;
    }
    case "Variant": {
      if (b.kind !== "Variant" || t.kind !== "Enum") return 0;
      const ia = index.variantIndex(t.ref, a.variant);
      const ib = index.variantIndex(t.ref, b.variant);
      if (ia !== ib) return ia - ib;
      const fields = index.enumVariants(t.ref)[ia]?.fields ?? [];
      for (let i = 0; i < a.fields.length; i++) {
        const c = compareValues(a.fields[i].value, b.fields[i].value, fields[i]?.type ?? t, index);
        if (c !== 0) return c;
      }
      return 0;
    }
    case "Rule":
      return 0;
    default:
      return unreachable(a);
  }
}

function recordFieldTypes(t: Type, index: ProgramIndex): Type[] {
  if (t.kind === "Record") return index.recordFields(t.ref).map((f) => f.type);
  if (t.kind === "Payload") return (index.enumVariants(t.ref).find((v) => v.name === t.variant)?.fields ?? []).map((f) => f.type);
  return [];
}

export function equalValues(a: Value, b: Value, t: Type, index: ProgramIndex): boolean {
  return compareValues(a, b, t, index) === 0;
}

export function fieldOf(v: Value, name: string): Value {
  if (v.kind !== "Record" && v.kind !== "Variant") throw new Error(`internal error: field ${name} of a ${v.kind}`);
  const f = v.fields.find((x) => x.name === name);
  if (!f) throw new Error(`internal error: no field ${name}`);
  return f.value;
}

export function withField(v: Value, name: string, value: Value): Value {
  if (v.kind !== "Record" && v.kind !== "Variant") throw new Error(`internal error: field ${name} of a ${v.kind}`);
  return { ...v, fields: v.fields.map((f) => (f.name === name ? { name, value } : f)) };
}
