// Prelude: runtime type descriptors (TypeDesc) and the JavaScript representation of
// Smalt values. Emitted code declares one TypeDesc per state field, command and record
// type; encoding, ordering, hashing and validation are all driven by these descriptors.
import type { IntType } from "./int.js";

export interface FieldDesc {
  readonly name: string;
  readonly type: TypeDesc;
}

export interface VariantDesc {
  readonly name: string;
  /** Payload fields in declaration order; empty for a unit variant. */
  readonly fields: readonly FieldDesc[];
}

/**
 * The shape of a Smalt type at run time. Representation of values of each kind:
 *   bool → boolean; integer types → bigint; string → string (well-formed UTF-16);
 *   bytes → Uint8Array; digest, peer → Uint8Array(32); measurement → Uint8Array(48);
 *   option<T> → Option<T>; list<T, N> → readonly T[]; map<K, V, N> → PMap<K, V>;
 *   set<T, N> → PSet<T>; record → a plain object with one property per field;
 *   enum → EnumValue (`{ tag: "Variant" }` or `{ tag: "Variant", fields: { … } }`).
 */
export type TypeDesc =
  | { readonly kind: "bool" }
  | { readonly kind: IntType }
  | { readonly kind: "string" }
  | { readonly kind: "bytes" }
  | { readonly kind: "digest" }
  | { readonly kind: "measurement" }
  | { readonly kind: "peer" }
  | { readonly kind: "option"; readonly of: TypeDesc }
  | { readonly kind: "list"; readonly of: TypeDesc; readonly capacity: number }
  | { readonly kind: "map"; readonly key: TypeDesc; readonly value: TypeDesc; readonly capacity: number }
  | { readonly kind: "set"; readonly of: TypeDesc; readonly capacity: number }
  | { readonly kind: "record"; readonly name: string; readonly fields: readonly FieldDesc[] }
  | { readonly kind: "enum"; readonly name: string; readonly variants: readonly VariantDesc[] };

export type TypeKind = TypeDesc["kind"];

/** Fixed byte lengths of the byte-string types that have one. */
export const FIXED_BYTES = { digest: 32, peer: 32, measurement: 48 } as const;

/** `some(x)` is `{ value: x }`, `none` is `null`; nesting (`option<option<T>>`) stays unambiguous. */
export type Option<T> = { readonly value: T } | null;

export function some<T>(value: T): Option<T> {
  return { value };
}

export const none: Option<never> = null;

export function unwrapOr<T>(o: Option<T>, fallback: T): T {
  return o === null ? fallback : o.value;
}

export interface EnumValue {
  readonly tag: string;
  readonly fields?: { readonly [field: string]: unknown };
}

/** Descriptor constructors, so emitted declarations read like the source types. */
export const T = {
  bool: { kind: "bool" },
  u8: { kind: "u8" },
  u16: { kind: "u16" },
  u32: { kind: "u32" },
  u64: { kind: "u64" },
  u128: { kind: "u128" },
  i64: { kind: "i64" },
  bps: { kind: "bps" },
  duration: { kind: "duration" },
  timestamp: { kind: "timestamp" },
  string: { kind: "string" },
  bytes: { kind: "bytes" },
  digest: { kind: "digest" },
  measurement: { kind: "measurement" },
  peer: { kind: "peer" },
  option: (of: TypeDesc): TypeDesc => ({ kind: "option", of }),
  list: (of: TypeDesc, capacity: number): TypeDesc => ({ kind: "list", of, capacity }),
  map: (key: TypeDesc, value: TypeDesc, capacity: number): TypeDesc => ({ kind: "map", key, value, capacity }),
  set: (of: TypeDesc, capacity: number): TypeDesc => ({ kind: "set", of, capacity }),
  record: (name: string, fields: readonly (readonly [string, TypeDesc])[]): TypeDesc => ({
    kind: "record",
    name,
    fields: fields.map(([n, type]) => ({ name: n, type })),
  }),
  enum: (name: string, variants: readonly (readonly [string, readonly (readonly [string, TypeDesc])[]])[]): TypeDesc => ({
    kind: "enum",
    name,
    variants: variants.map(([n, fields]) => ({ name: n, fields: fields.map(([f, type]) => ({ name: f, type })) })),
  }),
} as const satisfies Record<string, TypeDesc | ((...args: never[]) => TypeDesc)>;

/** Readable name of a type, for messages: `map<peer, list<Bid, 4>, 4096>`. */
export function typeName(t: TypeDesc): string {
  switch (t.kind) {
    case "option":
      return `option<${typeName(t.of)}>`;
    case "list":
      return `list<${typeName(t.of)}, ${t.capacity}>`;
    case "set":
      return `set<${typeName(t.of)}, ${t.capacity}>`;
    case "map":
      return `map<${typeName(t.key)}, ${typeName(t.value)}, ${t.capacity}>`;
    case "record":
    case "enum":
      return t.name;
    default:
      return t.kind;
  }
}

/** Whether a type may be a map key or set element: anything without a map or set inside. */
export function isOrderable(t: TypeDesc): boolean {
  switch (t.kind) {
    case "map":
    case "set":
      return false;
    case "option":
    case "list":
      return isOrderable(t.of);
    case "record":
      return t.fields.every((f) => isOrderable(f.type));
    case "enum":
      return t.variants.every((v) => v.fields.every((f) => isOrderable(f.type)));
    default:
      return true;
  }
}
