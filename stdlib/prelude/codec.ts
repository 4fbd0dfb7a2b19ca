// Prelude: from type descriptors to values. `mapCodec` / `setCodec` bind a key type's
// order and encoding and a value type's hash-view encoding into the codec a PMap / PSet
// carries (emitted code declares one per collection type); `zeroValue` gives the value a
// missing map key reads as.
import { comparatorFor } from "./compare.js";
import { encoderFor } from "./encode.js";
import { PMap, type MapCodec } from "./pmap.js";
import { PSet, type SetCodec } from "./pset.js";
import { INT_TYPES } from "./int.js";
import { FIXED_BYTES, isOrderable, typeName, type TypeDesc } from "./types.js";

function requireOrderable(t: TypeDesc, role: string): void {
  if (!isOrderable(t)) throw new TypeError(`${typeName(t)} cannot be a ${role}: it contains a map or set`);
}

/**
 * The codec of `map<K, V, _>`: keys ordered by `comparatorFor(K)` and encoded canonically
 * (the comparator is zero exactly when the encodings are equal), values in hash view.
 */
export function mapCodec<K, V>(key: TypeDesc, value: TypeDesc): MapCodec<K, V> {
  requireOrderable(key, "map key");
  return {
    compare: comparatorFor<K>(key),
    encodeKey: encoderFor<K>(key, "canonical"),
    encodeValue: encoderFor<V>(value, "hash"),
    ...fixedKeyBytes(key),
    ...intKeyHash(key),
  };
}

/** Integer keys hash their low 53 bits folded to 32, without encoding them. */
function intKeyHash<K>(key: TypeDesc): { hashKey?: (k: K) => number } {
  if (!(INT_TYPES as readonly string[]).includes(key.kind)) return {};
  return {
    hashKey: (k: K) => {
      const n = Number(BigInt.asUintN(53, k as bigint));
      return (n | 0) ^ ((n / 4294967296) | 0);
    },
  };
}

/** Keys of a fixed number of bytes (peer, digest, measurement) put a map or set on the radix trie (tree.ts). */
function fixedKeyBytes(key: TypeDesc): { keyBytes?: number } {
  return key.kind === "peer" || key.kind === "digest" || key.kind === "measurement" ? { keyBytes: FIXED_BYTES[key.kind] } : {};
}

/** The codec of `set<T, _>`. */
export function setCodec<T>(elem: TypeDesc): SetCodec<T> {
  requireOrderable(elem, "set element");
  return { compare: comparatorFor<T>(elem), encodeKey: encoderFor<T>(elem, "canonical"), ...fixedKeyBytes(elem), ...intKeyHash(elem) };
}

/** The empty value of a `map<K, V, N>` type. */
export function emptyMap<K, V>(t: TypeDesc): PMap<K, V> {
  if (t.kind !== "map") throw new TypeError(`emptyMap: ${typeName(t)} is not a map type`);
  return PMap.empty(mapCodec<K, V>(t.key, t.value));
}

/** The empty value of a `set<T, N>` type. */
export function emptySet<T>(t: TypeDesc): PSet<T> {
  if (t.kind !== "set") throw new TypeError(`emptySet: ${typeName(t)} is not a set type`);
  return PSet.empty(setCodec<T>(t.of));
}

/**
 * The zero value of a type: what `m[k]` reads for a missing key. 0 for integers, false,
 * "", empty bytes, all-zero digest/peer/measurement, none, empty collections, a record of
 * zeros, and an enum's first variant with a zero payload.
 */
export function zeroValue(t: TypeDesc): unknown {
  switch (t.kind) {
    case "bool":
      return false;
    case "string":
      return "";
    case "bytes":
      return new Uint8Array(0);
    case "digest":
    case "peer":
    case "measurement":
      return new Uint8Array(FIXED_BYTES[t.kind]);
    case "option":
      return null;
    case "list":
      return [];
    case "map":
      return emptyMap(t);
    case "set":
      return emptySet(t);
    case "record":
      return Object.fromEntries(t.fields.map((f) => [f.name, zeroValue(f.type)]));
    case "enum": {
      const first = t.variants[0];
      if (first === undefined) throw new TypeError(`enum ${t.name} has no variants`);
      return first.fields.length === 0
        ? { tag: first.name }
        : { tag: first.name, fields: Object.fromEntries(first.fields.map((f) => [f.name, zeroValue(f.type)])) };
    }
    default:
      return 0n; // every remaining kind is an integer type
  }
}
