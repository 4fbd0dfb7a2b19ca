// Typed IR: the semantic types every IR expression carries (docs/language.md §3).
// Pure data plus small total helpers (equality, assignability, display); no spans.
import { unreachable } from "../syntax/ast.js";

export type IntName = "u8" | "u16" | "u32" | "u64" | "u128" | "i64";
export type PrimName = "bool" | IntName | "bps" | "string" | "bytes" | "digest" | "measurement" | "peer" | "duration" | "timestamp";

/** A declaration by its module key and name; module `builtin` holds Order, Fill, Allocation, Evidence. */
export interface DeclRef {
  readonly module: string;
  readonly name: string;
}

export type Type =
  | { readonly kind: "Prim"; readonly name: PrimName }
  | { readonly kind: "Option"; readonly inner: Type }
  | { readonly kind: "List"; readonly element: Type; readonly capacity: bigint }
  | { readonly kind: "Set"; readonly element: Type; readonly capacity: bigint }
  | { readonly kind: "Map"; readonly key: Type; readonly value: Type; readonly capacity: bigint }
  | { readonly kind: "Record"; readonly ref: DeclRef }
  | { readonly kind: "Enum"; readonly ref: DeclRef }
  /** The fields of one enum variant, as bound by `Status.Completed(c)`. */
  | { readonly kind: "Payload"; readonly ref: DeclRef; readonly variant: string }
  /** A config parameter naming a clearing rule (its value says which). */
  | { readonly kind: "Clearing" }
  /** A custom JWT claim read in a validator (`ticket.claims.tier`): a JSON string, integer or bool. */
  | { readonly kind: "Claim" }
  /** The result of statements-like calls (`xs.push(x)`). */
  | { readonly kind: "Unit" }
  /** Only in programs with errors: silences follow-on diagnostics. */
  | { readonly kind: "Error" };

export const BUILTIN_MODULE = "builtin";

export const prim = (name: PrimName): Type => ({ kind: "Prim", name });
export const BOOL = prim("bool");
export const U64 = prim("u64");
export const PEER = prim("peer");
export const DIGEST = prim("digest");
export const UNIT: Type = { kind: "Unit" };
export const ERROR: Type = { kind: "Error" };

export const INT_NAMES: readonly IntName[] = ["u8", "u16", "u32", "u64", "u128", "i64"];
export const PRIM_NAMES: readonly PrimName[] = ["bool", ...INT_NAMES, "bps", "string", "bytes", "digest", "measurement", "peer", "duration", "timestamp"];

/** Inclusive value ranges of every integer-valued primitive. */
export const INT_RANGES: Readonly<Record<IntName | "bps" | "duration" | "timestamp", readonly [bigint, bigint]>> = {
  u8: [0n, 2n ** 8n - 1n],
  u16: [0n, 2n ** 16n - 1n],
  u32: [0n, 2n ** 32n - 1n],
  u64: [0n, 2n ** 64n - 1n],
  u128: [0n, 2n ** 128n - 1n],
  i64: [-(2n ** 63n), 2n ** 63n - 1n],
  bps: [0n, 10_000n],
  duration: [0n, 2n ** 64n - 1n],
  timestamp: [0n, 2n ** 64n - 1n],
};

export function refKey(ref: DeclRef): string {
  return `${ref.module}::${ref.name}`;
}

export function sameRef(a: DeclRef, b: DeclRef): boolean {
  return a.module === b.module && a.name === b.name;
}

export function isIntType(t: Type): t is { kind: "Prim"; name: IntName } {
  return t.kind === "Prim" && (INT_NAMES as readonly string[]).includes(t.name);
}

/** Types whose values are integers underneath: the integers, `bps`, durations and timestamps. */
export function isIntValued(t: Type): t is { kind: "Prim"; name: IntName | "bps" | "duration" | "timestamp" } {
  return isIntType(t) || (t.kind === "Prim" && (t.name === "bps" || t.name === "duration" || t.name === "timestamp"));
}

export function isError(t: Type): boolean {
  return t.kind === "Error";
}

/** Structural equality (capacities included). `Error` equals everything so errors never cascade. */
export function sameType(a: Type, b: Type): boolean {
  if (a.kind === "Error" || b.kind === "Error") return true;
  switch (a.kind) {
    case "Prim":
      return b.kind === "Prim" && a.name === b.name;
    case "Option":
      return b.kind === "Option" && sameType(a.inner, b.inner);
    case "List":
    case "Set":
      return b.kind === a.kind && a.capacity === b.capacity && sameType(a.element, b.element);
    case "Map":
      return b.kind === "Map" && a.capacity === b.capacity && sameType(a.key, b.key) && sameType(a.value, b.value);
    case "Record":
    case "Enum":
      return b.kind === a.kind && sameRef(a.ref, b.ref);
    case "Payload":
      return b.kind === "Payload" && sameRef(a.ref, b.ref) && a.variant === b.variant;
    case "Clearing":
    case "Claim":
    case "Unit":
      return b.kind === a.kind;
    default:
      return unreachable(a);
  }
}

/**
 * May a value of type `from` be used where `to` is expected? Equal types, plus capacity
 * widening: list<T, N> -> list<T, M> when M >= N (also sets and maps, and inside options
 * and element types, since values are immutable copies).
 */
export function isAssignable(from: Type, to: Type): boolean {
  if (from.kind === "Error" || to.kind === "Error") return true;
  switch (to.kind) {
    case "Option":
      return from.kind === "Option" && isAssignable(from.inner, to.inner);
    case "List":
    case "Set":
      return from.kind === to.kind && from.capacity <= to.capacity && isAssignable(from.element, to.element);
    case "Map":
      return from.kind === "Map" && from.capacity <= to.capacity && sameType(from.key, to.key) && isAssignable(from.value, to.value);
    default:
      return sameType(from, to);
  }
}

/** The smaller type both may widen to, if any (used to type `if` expressions and list literals). */
export function joinTypes(a: Type, b: Type): Type | undefined {
  if (a.kind === "Error") return b;
  if (b.kind === "Error") return a;
  if (isAssignable(a, b)) return b;
  if (isAssignable(b, a)) return a;
  if (a.kind === "List" && b.kind === "List") {
    const element = joinTypes(a.element, b.element);
    return element && { kind: "List", element, capacity: a.capacity > b.capacity ? a.capacity : b.capacity };
  }
  return undefined;
}

export function showType(t: Type): string {
  switch (t.kind) {
    case "Prim":
      return t.name;
    case "Option":
      return `option<${showType(t.inner)}>`;
    case "List":
    case "Set":
      return `${t.kind === "List" ? "list" : "set"}<${showType(t.element)}, ${t.capacity}>`;
    case "Map":
      return `map<${showType(t.key)}, ${showType(t.value)}, ${t.capacity}>`;
    case "Record":
    case "Enum":
      return t.ref.name;
    case "Payload":
      return `${t.ref.name}.${t.variant}`;
    case "Clearing":
      return "clearing";
    case "Claim":
      return "claim";
    case "Unit":
      return "()";
    case "Error":
      return "{error}";
    default:
      return unreachable(t);
  }
}
