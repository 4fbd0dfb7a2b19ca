// Typed IR: compile-time constant values (folded `const`s, config parameters, state
// initial values) and the zero value of every type. Values carry no type: their context does.
import { unreachable } from "../syntax/ast.js";
import type { DeclRef, Type } from "./types.js";

export type Value =
  /** Integers, `bps`, durations (seconds) and timestamps (Unix seconds). */
  | { readonly kind: "Int"; readonly value: bigint }
  | { readonly kind: "Bool"; readonly value: boolean }
  | { readonly kind: "String"; readonly value: string }
  /** `bytes`, `digest`, `measurement` and `peer`: lowercase hex without `0x`. */
  | { readonly kind: "Bytes"; readonly hex: string }
  | { readonly kind: "None" }
  | { readonly kind: "Some"; readonly value: Value }
  /** Lists in order; sets in ascending order. */
  | { readonly kind: "List"; readonly elements: readonly Value[] }
  /** Maps in ascending key order. */
  | { readonly kind: "Map"; readonly entries: readonly (readonly [Value, Value])[] }
  /** Records, fields in declaration order. */
  | { readonly kind: "Record"; readonly fields: readonly NamedValue[] }
  | { readonly kind: "Variant"; readonly variant: string; readonly fields: readonly NamedValue[] }
  /** A clearing rule named by a `clearing`-typed config parameter. */
  | { readonly kind: "Rule"; readonly rule: DeclRef };

export interface NamedValue {
  readonly name: string;
  readonly value: Value;
}

/** What the checker knows about declared records and enums, to build zero values. */
export interface TypeTables {
  recordFields(ref: DeclRef): readonly { readonly name: string; readonly type: Type }[];
  enumVariants(ref: DeclRef): readonly { readonly name: string; readonly fields: readonly { readonly name: string; readonly type: Type }[] }[];
}

/**
 * The value a missing map entry reads as, and a state field starts at without an initialiser:
 * 0, false, "", empty bytes, 32/48 zero bytes for fixed-size byte strings, `none`, empty
 * collections, records with every field zeroed, and an enum's first variant with its fields zeroed.
 */
export function zeroValue(type: Type, tables: TypeTables): Value {
  switch (type.kind) {
    case "Prim":
      switch (type.name) {
        case "bool":
          return { kind: "Bool", value: false };
        case "string":
          return { kind: "String", value: "" };
        case "bytes":
          return { kind: "Bytes", hex: "" };
        case "digest":
        case "peer":
          return { kind: "Bytes", hex: "00".repeat(32) };
        case "measurement":
          return { kind: "Bytes", hex: "00".repeat(48) };
        default:
          return { kind: "Int", value: 0n };
      }
    case "Option":
      return { kind: "None" };
    case "List":
    case "Set":
      return { kind: "List", elements: [] };
    case "Map":
      return { kind: "Map", entries: [] };
    case "Record":
      return { kind: "Record", fields: zeroFields(tables.recordFields(type.ref), tables) };
    case "Enum": {
      const first = tables.enumVariants(type.ref)[0];
      return { kind: "Variant", variant: first?.name ?? "", fields: zeroFields(first?.fields ?? [], tables) };
    }
    case "Payload": {
      const variant = tables.enumVariants(type.ref).find((v) => v.name === type.variant);
      return { kind: "Record", fields: zeroFields(variant?.fields ?? [], tables) };
    }
    case "Clearing":
    case "Claim":
    case "Unit":
    case "Error":
      return { kind: "None" };
    default:
      return unreachable(type);
  }
}

function zeroFields(fields: readonly { readonly name: string; readonly type: Type }[], tables: TypeTables): NamedValue[] {
  return fields.map((f) => ({ name: f.name, value: zeroValue(f.type, tables) }));
}

export function valueEquals(a: Value, b: Value): boolean {
  return JSON.stringify(a, bigintReplacer) === JSON.stringify(b, bigintReplacer);
}

function bigintReplacer(_key: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}
