// Between the emitted modules' JSON form and the reference evaluator's IR Values, so one
// command can be given to both and their results compared (written from the JSON
// conventions of compiler/emit/emit-json.ts).
import type { ProgramIndex } from "../eval/program-index.js";
import { compareValues } from "../eval/value-ops.js";
import type { Type } from "../ir/types.js";
import type { TypeTables, Value } from "../ir/values.js";
import type { Json } from "../emit/emitted-api.js";

export function jsonToValue(j: unknown, t: Type, tables: ProgramIndex): Value {
  switch (t.kind) {
    case "Prim":
      if (t.name === "bool") return { kind: "Bool", value: j as boolean };
      if (t.name === "string") return { kind: "String", value: j as string };
      if (["bytes", "digest", "peer", "measurement"].includes(t.name)) return { kind: "Bytes", hex: j as string };
      return { kind: "Int", value: BigInt(j as string) };
    case "Option":
      if (j === null) return { kind: "None" };
      return { kind: "Some", value: jsonToValue(t.inner.kind === "Option" ? (j as { some: unknown }).some : j, t.inner, tables) };
    case "List":
      return { kind: "List", elements: (j as unknown[]).map((x) => jsonToValue(x, t.element, tables)) };
    case "Set": {
      const elements = (j as unknown[]).map((x) => jsonToValue(x, t.element, tables));
      return { kind: "List", elements: elements.sort((a, b) => compareValues(a, b, t.element, tables)) };
    }
    case "Map": {
      const entries = (j as [unknown, unknown][]).map(([k, v]) => [jsonToValue(k, t.key, tables), jsonToValue(v, t.value, tables)] as const);
      return { kind: "Map", entries: entries.sort((a, b) => compareValues(a[0], b[0], t.key, tables)) };
    }
    case "Record":
      return { kind: "Record", fields: tables.recordFields(t.ref).map((f) => ({ name: f.name, value: jsonToValue((j as Record<string, unknown>)[f.name], f.type, tables) })) };
    case "Enum": {
      const e = j as { tag: string; fields?: Record<string, unknown> };
      const fields = tables.enumVariants(t.ref).find((v) => v.name === e.tag)?.fields ?? [];
      return { kind: "Variant", variant: e.tag, fields: fields.map((f) => ({ name: f.name, value: jsonToValue(e.fields?.[f.name], f.type, tables) })) };
    }
    default:
      throw new Error(`json-values: no JSON -> Value for ${t.kind}`);
  }
}

export function valueToJson(v: Value, t: Type, tables: TypeTables): Json {
  switch (v.kind) {
    case "Int":
      return v.value.toString();
    case "Bool":
    case "String":
      return v.value;
    case "Bytes":
      return v.hex;
    case "None":
      return null;
    case "Some": {
      const inner = t.kind === "Option" ? t.inner : t;
      const x = valueToJson(v.value, inner, tables);
      return inner.kind === "Option" ? { some: x } : x;
    }
    case "List":
      return v.elements.map((x) => valueToJson(x, t.kind === "List" || t.kind === "Set" ? t.element : t, tables));
    case "Map":
      return v.entries.map(([k, x]) => [valueToJson(k, t.kind === "Map" ? t.key : t, tables), valueToJson(x, t.kind === "Map" ? t.value : t, tables)]);
    case "Record": {
      const fields = t.kind === "Record" ? tables.recordFields(t.ref) : [];
      return Object.fromEntries(v.fields.map((f, i) => [f.name, valueToJson(f.value, fields[i]?.type ?? t, tables)]));
    }
    case "Variant": {
      if (t.kind !== "Enum") throw new Error("json-values: a variant of a non-enum type");
      const fields = tables.enumVariants(t.ref).find((x) => x.name === v.variant)?.fields ?? [];
      if (fields.length === 0) return { tag: v.variant };
      return { tag: v.variant, fields: Object.fromEntries(v.fields.map((f, i) => [f.name, valueToJson(f.value, fields[i].type, tables)])) };
    }
    case "Rule":
      return v.rule.name;
    default:
      throw new Error("json-values: unknown value kind");
  }
}
