// Reference evaluator, part 8: IR types and values in the prelude's run-time form, so the
// oracle's `hash(x)` and state roots are defined by the same canonical encoding as the
// emitted code's (the encoding is the definition; the evaluation logic stays independent).
import { unreachable } from "../syntax/ast.js";
import type { Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import { emptyMap, emptySet, fromHex, type TypeDesc } from "../../stdlib/prelude/index.js";
import type { ProgramIndex } from "./program-index.js";

export function typeDescOf(t: Type, index: ProgramIndex): TypeDesc {
  switch (t.kind) {
    case "Prim":
      return { kind: t.name } as TypeDesc;
    case "Option":
      return { kind: "option", of: typeDescOf(t.inner, index) };
    case "List":
      return { kind: "list", of: typeDescOf(t.element, index), capacity: Number(t.capacity) };
    case "Set":
      return { kind: "set", of: typeDescOf(t.element, index), capacity: Number(t.capacity) };
    case "Map":
      return { kind: "map", key: typeDescOf(t.key, index), value: typeDescOf(t.value, index), capacity: Number(t.capacity) };
    case "Record":
      return { kind: "record", name: t.ref.name, fields: index.recordFields(t.ref).map((f) => ({ name: f.name, type: typeDescOf(f.type, index) })) };
    case "Payload": {
      const v = index.enumVariants(t.ref).find((x) => x.name === t.variant);
      return { kind: "record", name: `${t.ref.name}.${t.variant}`, fields: (v?.fields ?? []).map((f) => ({ name: f.name, type: typeDescOf(f.type, index) })) };
    }
    case "Enum":
      return {
        kind: "enum",
        name: t.ref.name,
        variants: index.enumVariants(t.ref).map((v) => ({ name: v.name, fields: v.fields.map((f) => ({ name: f.name, type: typeDescOf(f.type, index) })) })),
      };
    case "Clearing":
    case "Claim":
    case "Unit":
    case "Error":
      throw new Error(`internal error: ${t.kind} values have no run-time encoding`);
    default:
      return unreachable(t);
  }
}

export function toPrelude(v: Value, t: Type, index: ProgramIndex): unknown {
  switch (v.kind) {
    case "Int":
      return v.value;
    case "Bool":
    case "String":
      return v.value;
    case "Bytes":
      return fromHex(v.hex);
    case "None":
      return null;
    case "Some":
      return { value: toPrelude(v.value, t.kind === "Option" ? t.inner : t, index) };
    case "List": {
      if (t.kind === "Set") {
        const desc = typeDescOf(t, index) as TypeDesc & { kind: "set" };
        return v.elements.reduce((s, x) => s.add(toPrelude(x, t.element, index)), emptySet<unknown>(desc));
      }
      const element = t.kind === "List" ? t.element : t;
      return v.elements.map((x) => toPrelude(x, element, index));
    }
    case "Map": {
      if (t.kind !== "Map") throw new Error("internal error: a map value of a non-map type");
      const desc = typeDescOf(t, index) as TypeDesc & { kind: "map" };
      return v.entries.reduce((m, [k, x]) => m.set(toPrelude(k, t.key, index), toPrelude(x, t.value, index)), emptyMap<unknown, unknown>(desc));
    }
    case "Record": {
      const fields = t.kind === "Record" ? index.recordFields(t.ref) : t.kind === "Payload" ? index.enumVariants(t.ref).find((x) => x.name === t.variant)?.fields ?? [] : [];
      return Object.fromEntries(v.fields.map((f, i) => [f.name, toPrelude(f.value, fields[i]?.type ?? t, index)]));
    }
    case "Variant": {
      if (t.kind !== "Enum") throw new Error("internal error: a variant value of a non-enum type");
      const fields = index.enumVariants(t.ref).find((x) => x.name === v.variant)?.fields ?? [];
      if (fields.length === 0) return { tag: v.variant };
      return { tag: v.variant, fields: Object.fromEntries(v.fields.map((f, i) => [f.name, toPrelude(f.value, fields[i].type, index)])) };
    }
    case "Rule":
      throw new Error("internal error: clearing rules have no run-time encoding");
    default:
      return unreachable(v);
  }
}
