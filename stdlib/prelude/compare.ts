// Prelude: the total order on Smalt values (key order of maps and sets, `sort`, `min`)
// and value equality (`==`). Built once per TypeDesc into a specialised closure, so a
// comparison never re-inspects the descriptor. The order is documented in
// docs/state-encoding.md §3 and agrees with the byte order of the encoding for every
// fixed-width type (ints, bool, digest, peer, measurement).
import type { PMap } from "./pmap.js";
import type { PSet } from "./pset.js";
import { bytesEqual } from "./hash.js";
import type { EnumValue, Option, TypeDesc } from "./types.js";

export type Comparator<T> = (a: T, b: T) => number;
type Any = Comparator<unknown>;

/** Sign of a bigint comparison. */
export function compareInts(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Unsigned lexicographic order of bytes; a proper prefix sorts first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Math.sign(compareBytesFrom(a, b, 0));
}

/**
 * `compareBytes` for a caller that knows `a` and `b` share their first `from` bytes (a
 * search between bounds that share them with `a`; see pmap.ts): only the bytes after
 * them are read. 0 when the arrays are equal, otherwise ±(1 + the length of their common
 * prefix), negative when `a` sorts first: the sign is that of compareBytes(a, b).
 */
export function compareBytesFrom(a: Uint8Array, b: Uint8Array, from: number): number {
  const n = a.length < b.length ? a.length : b.length;
  let i = from;
  // Keys that differ at once (digests) decide on the first byte; keys that share a long run
  // (ids with leading zeros) skip it four bytes per test.
  if (i < n && a[i] === b[i]) {
    i++;
    while (i + 4 <= n && ((a[i] ^ b[i]) | (a[i + 1] ^ b[i + 1]) | (a[i + 2] ^ b[i + 2]) | (a[i + 3] ^ b[i + 3])) === 0) i += 4;
    while (i < n && a[i] === b[i]) i++;
  }
  if (i < n) return a[i] < b[i] ? -(i + 1) : i + 1;
  return a.length === b.length ? 0 : a.length < b.length ? -(n + 1) : n + 1;
}

/** Re-rank a UTF-16 code unit so that code-unit order becomes code-point order. */
function codePointRank(u: number): number {
  return u < 0xd800 ? u : u >= 0xe000 ? u - 0x800 : u + 0x2000;
}

/**
 * Strings in Unicode code-point order, which is also the byte order of their UTF-8
 * encodings (JS `<` compares UTF-16 code units and disagrees above U+FFFF).
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

function variantIndex(t: Extract<TypeDesc, { kind: "enum" }>): Map<string, number> {
  return new Map(t.variants.map((v, i) => [v.name, i]));
}

/** The comparator of an orderable type; throws TypeError for types containing a map or set. */
export function comparatorFor<T = unknown>(t: TypeDesc): Comparator<T> {
  return buildComparator(t) as Comparator<T>;
}

function buildComparator(t: TypeDesc): Any {
  switch (t.kind) {
    case "bool":
      return (a, b) => (a === b ? 0 : a ? 1 : -1);
    case "u8":
    case "u16":
    case "u32":
    case "u64":
    case "u128":
    case "i64":
    case "bps":
    case "duration":
    case "timestamp":
      return compareInts as Any;
    case "string":
      return compareStrings as Any;
    case "bytes":
    case "digest":
    case "measurement":
    case "peer":
      return compareBytes as Any;
    case "option": {
      const inner = buildComparator(t.of);
      return (a, b) => {
        const x = a as Option<unknown>;
        const y = b as Option<unknown>;
        if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
        return inner(x.value, y.value);
      };
    }
    case "list": {
      const inner = buildComparator(t.of);
      return (a, b) => {
        const x = a as readonly unknown[];
        const y = b as readonly unknown[];
        const n = Math.min(x.length, y.length);
        for (let i = 0; i < n; i++) {
          const c = inner(x[i], y[i]);
          if (c !== 0) return c;
        }
        return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
      };
    }
    case "record": {
      const fields = t.fields.map((f) => [f.name, buildComparator(f.type)] as const);
      return (a, b) => {
        const x = a as Record<string, unknown>;
        const y = b as Record<string, unknown>;
        for (const [name, cmp] of fields) {
          const c = cmp(x[name], y[name]);
          if (c !== 0) return c;
        }
        return 0;
      };
    }
    case "enum": {
      const index = variantIndex(t);
      const payloads = t.variants.map((v) => v.fields.map((f) => [f.name, buildComparator(f.type)] as const));
      return (a, b) => {
        const x = a as EnumValue;
        const y = b as EnumValue;
        const i = index.get(x.tag)!;
        const j = index.get(y.tag)!;
        if (i !== j) return i < j ? -1 : 1;
        for (const [name, cmp] of payloads[i]) {
          const c = cmp(x.fields![name], y.fields![name]);
          if (c !== 0) return c;
        }
        return 0;
      };
    }
    case "map":
    case "set":
      throw new TypeError(`${t.kind} values are not ordered; they cannot be keys or be sorted`);
    default:
      return exhausted(t);
  }
}

function exhausted(t: never): never {
  throw new TypeError(`unknown type kind ${(t as { kind: string }).kind}`);
}

function containsCollection(t: TypeDesc): boolean {
  switch (t.kind) {
    case "map":
    case "set":
      return true;
    case "option":
    case "list":
      return containsCollection(t.of);
    case "record":
      return t.fields.some((f) => containsCollection(f.type));
    case "enum":
      return t.variants.some((v) => v.fields.some((f) => containsCollection(f.type)));
    default:
      return false;
  }
}

/**
 * Value equality (`==`). For orderable types it is `compare === 0`; maps and sets are
 * equal when their Merkle roots are (O(1) after the roots are cached), so `==` never
 * walks a whole collection.
 */
export function equalsFor<T = unknown>(t: TypeDesc): (a: T, b: T) => boolean {
  return buildEquals(t) as (a: T, b: T) => boolean;
}

function buildEquals(t: TypeDesc): (a: unknown, b: unknown) => boolean {
  if (!containsCollection(t)) {
    const cmp = buildComparator(t);
    return (a, b) => cmp(a, b) === 0;
  }
  switch (t.kind) {
    case "map":
    case "set":
      return (a, b) => {
        const x = a as PMap<unknown, unknown> | PSet<unknown>;
        const y = b as PMap<unknown, unknown> | PSet<unknown>;
        return x === y || (x.size === y.size && bytesEqual(x.rootHash(), y.rootHash()));
      };
    case "option": {
      const inner = buildEquals(t.of);
      return (a, b) => (a === null || b === null ? a === b : inner((a as { value: unknown }).value, (b as { value: unknown }).value));
    }
    case "list": {
      const inner = buildEquals(t.of);
      return (a, b) => {
        const x = a as readonly unknown[];
        const y = b as readonly unknown[];
        return x.length === y.length && x.every((v, i) => inner(v, y[i]));
      };
    }
    case "record": {
      const fields = t.fields.map((f) => [f.name, buildEquals(f.type)] as const);
      return (a, b) => fields.every(([n, eq]) => eq((a as Record<string, unknown>)[n], (b as Record<string, unknown>)[n]));
    }
    case "enum": {
      const payloads = new Map(t.variants.map((v) => [v.name, v.fields.map((f) => [f.name, buildEquals(f.type)] as const)]));
      return (a, b) => {
        const x = a as EnumValue;
        const y = b as EnumValue;
        return x.tag === y.tag && payloads.get(x.tag)!.every(([n, eq]) => eq(x.fields![n], y.fields![n]));
      };
    }
    default:
      throw new TypeError(`type ${t.kind} has no collection inside`);
  }
}
