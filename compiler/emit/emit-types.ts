// Emit stage, types and values: IR types -> TypeScript types, prelude TypeDesc constants,
// map/set codecs, comparators, zero values and literal values (composite ones hoisted
// into module constants, which is safe because emitted code never mutates a value).
import type { Type } from "../ir/types.js";
import { refKey, showType, type DeclRef } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import { unreachable } from "../syntax/ast.js";
import type { ModuleScope } from "./module-scope.js";
import { moduleShortName, type ProgramTables } from "./program-tables.js";

const BYTES_LIKE = new Set(["bytes", "digest", "measurement", "peer"]);
const INTEGER_LIKE = new Set(["u8", "u16", "u32", "u64", "u128", "i64", "bps", "duration", "timestamp"]);

export function isIntegerType(t: Type): boolean {
  return t.kind === "Prim" && INTEGER_LIKE.has(t.name);
}

export function isBytesType(t: Type): boolean {
  return t.kind === "Prim" && BYTES_LIKE.has(t.name);
}

/** Types whose values JavaScript's `===` compares correctly: integers (bigint), bools, strings. */
export function hasIdentityEquality(t: Type): boolean {
  return t.kind === "Prim" && (INTEGER_LIKE.has(t.name) || t.name === "bool" || t.name === "string");
}

export function capacityOf(t: Type): number {
  return t.kind === "List" || t.kind === "Set" || t.kind === "Map" ? Number(t.capacity) : 0;
}

export class TypeEmitter {
  private readonly names = new Map<string, string>();
  private readonly declared: { readonly key: string; readonly ref: DeclRef; readonly kind: "Record" | "Enum" }[] = [];

  constructor(
    readonly tables: ProgramTables,
    readonly scope: ModuleScope,
    private readonly collidingNames: ReadonlySet<string>,
  ) {}

  /** The TypeScript name of a record or enum (module-qualified only when two modules share the name). */
  typeName(ref: DeclRef, kind: "Record" | "Enum"): string {
    const key = refKey(ref);
    const known = this.names.get(key);
    if (known !== undefined) return known;
    const preferred = this.collidingNames.has(ref.name) ? `${moduleShortName(ref.module)}_${ref.name}` : ref.name;
    const name = this.scope.types.claim(preferred);
    this.names.set(key, name);
    this.declared.push({ key, ref, kind });
    return name;
  }

  payloadName(ref: DeclRef, variant: string): string {
    const key = `${refKey(ref)}.${variant}`;
    const known = this.names.get(key);
    if (known !== undefined) return known;
    const name = this.scope.types.claim(`${this.typeName(ref, "Enum")}_${variant}`);
    this.names.set(key, name);
    return name;
  }

  ts(t: Type): string {
    switch (t.kind) {
      case "Prim":
        return t.name === "bool" ? "boolean" : t.name === "string" ? "string" : BYTES_LIKE.has(t.name) ? "Uint8Array" : "bigint";
      case "Option":
        return `$.Option<${this.ts(t.inner)}>`;
      case "List":
        return `readonly ${this.tsElement(t.element)}[]`;
      case "Set":
        return `$.PSet<${this.ts(t.element)}>`;
      case "Map":
        return `$.PMap<${this.ts(t.key)}, ${this.ts(t.value)}>`;
      case "Record":
        return this.typeName(t.ref, "Record");
      case "Enum":
        return this.typeName(t.ref, "Enum");
      case "Payload":
        return this.payloadName(t.ref, t.variant);
      case "Clearing":
        return "string";
      case "Unit":
        return "void";
      case "Claim":
      case "Error":
        throw new Error(`internal error: ${t.kind} has no run-time type`);
      default:
        return unreachable(t);
    }
  }

  private tsElement(t: Type): string {
    const s = this.ts(t);
    return /^[A-Za-z_$][\w$.<>, ]*$/.test(s) && !s.startsWith("readonly") ? s : `(${s})`;
  }

  /** An expression for the prelude TypeDesc of `t`: `$.T.u64` for scalars, a module constant otherwise. */
  desc(t: Type): string {
    switch (t.kind) {
      case "Prim":
        return `$.T.${t.name}`;
      case "Option":
      case "List":
      case "Set":
      case "Map":
        return this.scope.constant(`desc:${showType(t)}:${this.typeKey(t)}`, `T_${sanitize(showType(t))}`, () => this.structuralDesc(t), "$.TypeDesc");
      case "Record": {
        const name = this.typeName(t.ref, "Record");
        return this.scope.constant(`desc:${refKey(t.ref)}`, `T_${name}`, () => this.fieldsDesc("record", t.ref.name, this.tables.recordFields(t.ref)), "$.TypeDesc");
      }
      case "Payload": {
        const name = this.payloadName(t.ref, t.variant);
        return this.scope.constant(`desc:${refKey(t.ref)}.${t.variant}`, `T_${name}`, () => this.fieldsDesc("record", `${t.ref.name}.${t.variant}`, this.tables.variantFields(t.ref, t.variant)), "$.TypeDesc");
      }
      case "Enum": {
        const name = this.typeName(t.ref, "Enum");
        return this.scope.constant(`desc:${refKey(t.ref)}`, `T_${name}`, () => {
          const variants = this.tables.enumVariants(t.ref).map((v) => `[${JSON.stringify(v.name)}, [${v.fields.map((f) => `[${JSON.stringify(f.name)}, ${this.desc(f.type)}]`).join(", ")}]]`);
          return `$.T.enum(${JSON.stringify(t.ref.name)}, [${variants.join(", ")}])`;
        }, "$.TypeDesc");
      }
      case "Clearing":
      case "Unit":
      case "Claim":
      case "Error":
        throw new Error(`internal error: ${t.kind} has no TypeDesc`);
      default:
        return unreachable(t);
    }
  }

  private structuralDesc(t: Extract<Type, { kind: "Option" | "List" | "Set" | "Map" }>): string {
    switch (t.kind) {
      case "Option":
        return `$.T.option(${this.desc(t.inner)})`;
      case "List":
        return `$.T.list(${this.desc(t.element)}, ${t.capacity})`;
      case "Set":
        return `$.T.set(${this.desc(t.element)}, ${t.capacity})`;
      case "Map":
        return `$.T.map(${this.desc(t.key)}, ${this.desc(t.value)}, ${t.capacity})`;
      default:
        return unreachable(t);
    }
  }

  private fieldsDesc(kind: "record", name: string, fields: readonly { readonly name: string; readonly type: Type }[]): string {
    return `$.T.${kind}(${JSON.stringify(name)}, [${fields.map((f) => `[${JSON.stringify(f.name)}, ${this.desc(f.type)}]`).join(", ")}])`;
  }

  /** Distinguishes same-named types of different modules in constant keys. */
  private typeKey(t: Type): string {
    return JSON.stringify(t, (k, v) => (typeof v === "bigint" ? v.toString() : k === "span" ? undefined : v));
  }

  /** The codec of a map or set type (a module constant). */
  codec(t: Type): string {
    if (t.kind === "Map") {
      return this.scope.constant(`codec:${this.typeKey(t)}`, `CODEC_${sanitize(showType(t))}`, () => `$.mapCodec<${this.ts(t.key)}, ${this.ts(t.value)}>(${this.desc(t.key)}, ${this.desc(t.value)})`);
    }
    if (t.kind === "Set") {
      return this.scope.constant(`codec:${this.typeKey(t)}`, `CODEC_${sanitize(showType(t))}`, () => `$.setCodec<${this.ts(t.element)}>(${this.desc(t.element)})`);
    }
    throw new Error(`internal error: ${showType(t)} has no codec`);
  }

  /** A function expression `(a, b) => boolean` for `==` on `t` (callers use `===` when hasIdentityEquality). */
  equals(t: Type): string {
    if (isBytesType(t)) return "$.bytesEqual";
    return this.scope.constant(`eq:${this.typeKey(t)}`, `EQ_${sanitize(showType(t))}`, () => `$.equalsFor<${this.ts(t)}>(${this.desc(t)})`);
  }

  /** A comparator expression for the total order on `t` (callers compare integers directly). */
  compare(t: Type): string {
    if (isIntegerType(t)) return "$.compareInts";
    if (isBytesType(t)) return "$.compareBytes";
    if (t.kind === "Prim" && t.name === "string") return "$.compareStrings";
    return this.scope.constant(`cmp:${this.typeKey(t)}`, `CMP_${sanitize(showType(t))}`, () => `$.comparatorFor<${this.ts(t)}>(${this.desc(t)})`);
  }

  /** A canonical encoder `(v) => Uint8Array` for `hash(x)`. */
  encoder(t: Type): string {
    return this.scope.constant(`enc:${this.typeKey(t)}`, `ENC_${sanitize(showType(t))}`, () => `$.encoderFor<${this.ts(t)}>(${this.desc(t)})`);
  }

  zero(t: Type): string {
    return this.literal(this.tables.zero(t), t, `Z_${sanitize(showType(t))}`);
  }

  /** An expression for a compile-time value of type `t`; composite values become module constants. */
  literal(v: Value, t: Type, hint = `V_${sanitize(showType(t))}`): string {
    switch (v.kind) {
      case "Int":
        return v.value < 0n ? `(${v.value}n)` : `${v.value}n`;
      case "Bool":
        return String(v.value);
      case "String":
        return JSON.stringify(v.value);
      case "Bytes":
        return this.scope.constant(`bytes:${v.hex}`, v.hex.length === 0 ? "B_EMPTY" : `B_${v.hex.slice(0, 8)}`, () => `$.fromHex(${JSON.stringify(v.hex)})`);
      case "None":
        return "null";
      case "Rule":
        return JSON.stringify(v.rule.name);
      case "Some":
      case "List":
      case "Map":
      case "Record":
      case "Variant":
        return this.scope.constant(`value:${this.typeKey(t)}:${valueKey(v)}`, hint, () => this.compositeLiteral(v, t), this.ts(t));
      default:
        return unreachable(v);
    }
  }

  private compositeLiteral(v: Extract<Value, { kind: "Some" | "List" | "Map" | "Record" | "Variant" }>, t: Type): string {
    switch (v.kind) {
      case "Some":
        return `{ value: ${this.literal(v.value, t.kind === "Option" ? t.inner : t)} }`;
      case "List": {
        if (t.kind === "Set") return `$.PSet.from(${this.codec(t)}, [${v.elements.map((x) => this.literal(x, t.element)).join(", ")}])`;
        const element = t.kind === "List" ? t.element : t;
        return `[${v.elements.map((x) => this.literal(x, element)).join(", ")}]`;
      }
      case "Map": {
        if (t.kind !== "Map") throw new Error("internal error: a map value of a non-map type");
        const entries = v.entries.map(([k, x]) => `[${this.literal(k, t.key)}, ${this.literal(x, t.value)}] as const`);
        return `$.PMap.fromEntries(${this.codec(t)}, [${entries.join(", ")}])`;
      }
      case "Record": {
        const fields = t.kind === "Record" ? this.tables.recordFields(t.ref) : t.kind === "Payload" ? this.tables.variantFields(t.ref, t.variant) : [];
        return `{ ${v.fields.map((f, i) => `${propertyName(f.name)}: ${this.literal(f.value, fields[i]?.type ?? t)}`).join(", ")} }`;
      }
      case "Variant": {
        if (t.kind !== "Enum") throw new Error("internal error: a variant value of a non-enum type");
        const fields = this.tables.variantFields(t.ref, v.variant);
        if (fields.length === 0) return `{ tag: ${JSON.stringify(v.variant)} }`;
        const inner = v.fields.map((f, i) => `${propertyName(f.name)}: ${this.literal(f.value, fields[i].type)}`).join(", ");
        return `{ tag: ${JSON.stringify(v.variant)}, fields: { ${inner} } }`;
      }
      default:
        return unreachable(v);
    }
  }

  /** `interface` / `type` declarations for every record and enum named so far (and those they name). */
  declarations(): string {
    const out: { name: string; code: string }[] = [];
    for (let i = 0; i < this.declared.length; i++) {
      const d = this.declared[i];
      const name = this.names.get(d.key)!;
      if (d.kind === "Record") {
        out.push({ name, code: `export interface ${name} {\n${this.fieldLines(this.tables.recordFields(d.ref))}}` });
        continue;
      }
      const variants = this.tables.enumVariants(d.ref);
      const arms = variants.map((v) =>
        v.fields.length === 0 ? `{ readonly tag: ${JSON.stringify(v.name)} }` : `{ readonly tag: ${JSON.stringify(v.name)}; readonly fields: ${this.payloadName(d.ref, v.name)} }`,
      );
      out.push({ name, code: `export type ${name} = ${arms.length === 0 ? "never" : arms.join(" | ")};` });
      for (const v of variants) {
        if (v.fields.length > 0) out.push({ name: this.payloadName(d.ref, v.name), code: `export interface ${this.payloadName(d.ref, v.name)} {\n${this.fieldLines(v.fields)}}` });
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((d) => d.code).join("\n\n");
  }

  private fieldLines(fields: readonly { readonly name: string; readonly type: Type }[]): string {
    return fields.map((f) => `  readonly ${propertyName(f.name)}: ${this.ts(f.type)};\n`).join("");
  }
}

/** A property name as written in an object literal or type (Smalt names are valid identifiers). */
export function propertyName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

export function sanitize(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return clean.length > 40 ? clean.slice(0, 40).replace(/_+$/, "") : clean;
}

function valueKey(v: Value): string {
  return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));
}
