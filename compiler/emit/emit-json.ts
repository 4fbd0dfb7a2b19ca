// Emit stage, the JSON form of values (what <Name>.schema.json describes): a reader per type
// (JSON -> value, aborting with "invalid_value" and the field's path on malformed input) and
// a writer per type (value -> JSON). Integers are decimal strings; bytes are lowercase hex;
// options are null or the value (`{ "some": v }` when the inner type is itself an option);
// lists and sets are arrays; maps are arrays of [key, value] pairs in key order; records are
// objects with exactly their fields; enum values are `{ "tag": V }` or `{ "tag": V, "fields": { … } }`.
import { FIXED_BYTES } from "../../stdlib/prelude/index.js";
import type { Type } from "../ir/types.js";
import { showType } from "../ir/types.js";
import { unreachable } from "../syntax/ast.js";
import type { EmitEnv } from "./emit-env.js";
import { isIntegerType, propertyName, sanitize } from "./emit-types.js";

const key = (t: Type) => JSON.stringify(t, (k, v) => (k === "span" ? undefined : typeof v === "bigint" ? String(v) : v));

/** Code reading the JSON value `x` (an identifier or member access) found at path `at` (a string expression). */
export function readJson(env: EmitEnv, t: Type, x: string, at: string): string {
  if (t.kind === "Prim") {
    if (isIntegerType(t)) return `${env.helper("$readInt")}(${JSON.stringify(t.name)}, ${x}, ${at})`;
    if (t.name === "bool") return `${env.helper("$readBool")}(${x}, ${at})`;
    if (t.name === "string") return `${env.helper("$readString")}(${x}, ${at})`;
    const length = t.name === "bytes" ? "undefined" : String(FIXED_BYTES[t.name as keyof typeof FIXED_BYTES]);
    return `${env.helper("$readHex")}(${x}, ${at}, ${length})`;
  }
  return `${reader(env, t)}(${x}, ${at})`;
}

function reader(env: EmitEnv, t: Type): string {
  const types = env.types;
  return env.scope.constant(`read:${key(t)}`, `READ_${sanitize(showType(t))}`, () => {
    const head = `(x: unknown, at: string): ${types.ts(t)} =>`;
    switch (t.kind) {
      case "Option": {
        if (t.inner.kind !== "Option") return `${head} (x === null ? null : { value: ${readJson(env, t.inner, "x", "at")} })`;
        const some = `${env.helper("$readObject")}(x, at, ["some"]).some`;
        return `${head} (x === null ? null : { value: ${readJson(env, t.inner, some, 'at + ".some"')} })`;
      }
      case "List":
        return `${head} ${env.helper("$readArray")}(x, at, ${t.capacity}).map((e, i) => ${readJson(env, t.element, "e", 'at + "[" + i + "]"')})`;
      case "Set": {
        const body = [
          `const xs = ${env.helper("$readArray")}(x, at, ${t.capacity}).map((e, i) => ${readJson(env, t.element, "e", 'at + "[" + i + "]"')});`,
          `const s = $.PSet.from(${types.codec(t)}, xs);`,
          `return s.size === xs.length ? s : ${env.helper("$invalid")}(at, "distinct elements");`,
        ];
        return `${head} {\n${body.join("\n")}\n}`;
      }
      case "Map": {
        const pair = [
          `const p = ${env.helper("$readArray")}(e, at + "[" + i + "]", 2);`,
          `if (p.length !== 2) ${env.helper("$invalid")}(at + "[" + i + "]", "a [key, value] pair");`,
          `return [${readJson(env, t.key, "p[0]", 'at + "[" + i + "][0]"')}, ${readJson(env, t.value, "p[1]", 'at + "[" + i + "][1]"')}] as const;`,
        ];
        const body = [
          `const es = ${env.helper("$readArray")}(x, at, ${t.capacity}).map((e, i) => {\n${pair.join("\n")}\n});`,
          `const m = $.PMap.fromEntries(${types.codec(t)}, es);`,
          `return m.size === es.length ? m : ${env.helper("$invalid")}(at, "distinct keys");`,
        ];
        return `${head} {\n${body.join("\n")}\n}`;
      }
      case "Record":
      case "Payload": {
        const fields = t.kind === "Record" ? types.tables.recordFields(t.ref) : types.tables.variantFields(t.ref, t.variant);
        return `${head} {\n${readFields(env, fields, "x", "at", "o")}\nreturn { ${fields.map((f) => `${propertyName(f.name)}: ${readJson(env, f.type, `o.${f.name}`, `at + ".${f.name}"`)}`).join(", ")} };\n}`;
      }
      case "Enum": {
        const variants = types.tables.enumVariants(t.ref);
        const cases = variants.map((v) => {
          if (v.fields.length === 0) return `case ${JSON.stringify(v.name)}:\n${env.helper("$readObject")}(x, at, ["tag"]);\nreturn { tag: ${JSON.stringify(v.name)} };`;
          const read = `${readFields(env, v.fields, `${env.helper("$readObject")}(x, at, ["tag", "fields"]).fields`, 'at + ".fields"', "o")}`;
          const fields = v.fields.map((f) => `${propertyName(f.name)}: ${readJson(env, f.type, `o.${f.name}`, `at + ".fields.${f.name}"`)}`);
          return `case ${JSON.stringify(v.name)}: {\n${read}\nreturn { tag: ${JSON.stringify(v.name)}, fields: { ${fields.join(", ")} } };\n}`;
        });
        const tag = `${env.helper("$readTag")}(x, at, ${JSON.stringify(variants.map((v) => v.name))})`;
        return `${head} {\nswitch (${tag}) {\n${cases.join("\n")}\ndefault:\nreturn ${env.helper("$invalid")}(at + ".tag", "a variant");\n}\n}`;
      }
      case "Prim":
      case "Clearing":
      case "Unit":
      case "Claim":
      case "Error":
        throw new Error(`internal error: no JSON reader for ${showType(t)}`);
      default:
        return unreachable(t);
    }
  });
}

/** `const o = $readObject(x, at, [fields]);` */
export function readFields(env: EmitEnv, fields: readonly { readonly name: string }[], x: string, at: string, o: string): string {
  const read = `${env.helper("$readObject")}(${x}, ${at}, ${JSON.stringify(fields.map((f) => f.name))});`;
  return fields.length === 0 ? read : `const ${o} = ${read}`;
}

/** Code writing the value `x` (an identifier or member access) as JSON. */
export function writeJson(env: EmitEnv, t: Type, x: string): string {
  if (t.kind === "Prim") {
    if (isIntegerType(t)) return `${x}.toString()`;
    if (t.name === "bool" || t.name === "string") return x;
    return `$.toHex(${x})`;
  }
  if (t.kind === "Clearing") return x;
  return `${writer(env, t)}(${x})`;
}

function writer(env: EmitEnv, t: Type): string {
  const types = env.types;
  return env.scope.constant(`write:${key(t)}`, `WRITE_${sanitize(showType(t))}`, () => {
    const head = `(x: ${types.ts(t)}): Json =>`;
    switch (t.kind) {
      case "Option":
        if (t.inner.kind === "Option") return `${head} (x === null ? null : { some: ${writeJson(env, t.inner, "x.value")} })`;
        return `${head} (x === null ? null : ${writeJson(env, t.inner, "x.value")})`;
      case "List":
        return `${head} x.map((e) => ${writeJson(env, t.element, "e")})`;
      case "Set":
        return `${head} Array.from(x, (e) => ${writeJson(env, t.element, "e")})`;
      case "Map":
        return `${head} Array.from(x.entries(), ([k, v]) => [${writeJson(env, t.key, "k")}, ${writeJson(env, t.value, "v")}])`;
      case "Record":
      case "Payload": {
        const fields = t.kind === "Record" ? types.tables.recordFields(t.ref) : types.tables.variantFields(t.ref, t.variant);
        return `${head} ({ ${fields.map((f) => `${propertyName(f.name)}: ${writeJson(env, f.type, `x.${f.name}`)}`).join(", ")} })`;
      }
      case "Enum": {
        const cases = types.tables.enumVariants(t.ref).map((v) => {
          if (v.fields.length === 0) return `case ${JSON.stringify(v.name)}:\nreturn { tag: x.tag };`;
          const fields = v.fields.map((f) => `${propertyName(f.name)}: ${writeJson(env, f.type, `x.fields.${f.name}`)}`);
          return `case ${JSON.stringify(v.name)}:\nreturn { tag: x.tag, fields: { ${fields.join(", ")} } };`;
        });
        return `${head} {\nswitch (x.tag) {\n${cases.join("\n")}\n}\n}`;
      }
      case "Prim":
      case "Clearing":
      case "Unit":
      case "Claim":
      case "Error":
        throw new Error(`internal error: no JSON writer for ${showType(t)}`);
      default:
        return unreachable(t);
    }
  });
}
