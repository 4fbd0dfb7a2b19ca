// Prelude: what a PMap needs from the persistent tree under it. Two trees implement it:
// the Merkle treap (treap.ts), for keys of any orderable type, and the Merkle radix trie
// (trie.ts), for keys of 32 or 48 fixed bytes (peer, digest, measurement), which is
// shallower (depth about log16 n instead of 2 ln n) and compares no keys on the way down.
// Both have a canonical shape (it depends only on the entries), copy one path per update
// and share the rest, and memoize a digest per node. docs/state-encoding.md §4 specifies both.
import { hashInWords, u32be, type Words } from "./hash.js";

/**
 * How a map orders, identifies and hashes its entries. Contract, relied on for the
 * canonical shape: `compare(a, b) === 0` exactly when `encodeKey(a)` and `encodeKey(b)`
 * are the same bytes, and `compare` is a total order. `encodeValue` is the value's hash
 * view (see encode.ts). `keyBytes`: set when every key is a Uint8Array of exactly that
 * many bytes ordered by `compareBytes`; such a map is a radix trie. `hashKey` only speeds up
 * lookups; it never affects a result or an order. Build one with
 * `mapCodec` / `setCodec` (codec.ts).
 */
export interface MapCodec<K, V> {
  readonly compare: (a: K, b: K) => number;
  readonly encodeKey: (k: K) => Uint8Array;
  readonly encodeValue: (v: V) => Uint8Array;
  readonly keyBytes?: number;
  /** A 32-bit hash placing a key in the latest version's table (key-table.ts); equal keys must hash equal. Default: the hash of `encodeKey`. */
  readonly hashKey?: (k: K) => number;
}

/** A node as a map sees it: an entry, and the number of entries in its subtree. */
export interface TreeNode<K, V> {
  readonly key: K;
  readonly value: V;
  readonly size: number;
}

/** The top of a tree (a node of either tree; a trie's may be a branch): all a map holds of it. */
export interface TreeRoot {
  readonly size: number;
}

/** A tree holding K → V entries, or null for the empty one (K and V document what it holds). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export type Root<K, V> = TreeRoot | null;

/** One write to a key: `f(old)` (or `value` when `f` is null); a new key gets `f(value)` and aborts with "capacity" when `full`, after f ran. */
export interface Write<K, V> {
  readonly codec: MapCodec<K, V>;
  readonly f: ((old: V) => V) | null;
  readonly value: V;
  readonly full: boolean;
  readonly capacity: number;
}

export interface Tree {
  find<K, V>(root: Root<K, V>, key: K, codec: MapCodec<K, V>): TreeNode<K, V> | null;
  /** The tree after the write; `root` itself when the value stays the same object. */
  write<K, V>(root: Root<K, V>, key: K, w: Write<K, V>): TreeRoot;
  /** The tree without `key`; `root` itself when it is absent. */
  without<K, V>(root: Root<K, V>, key: K, codec: MapCodec<K, V>): Root<K, V>;
  /** Appends, ascending, the keys of `after` new or holding another value object than in `before`; with `removed`, also those `after` lost. */
  changed<K, V>(before: Root<K, V>, after: Root<K, V>, codec: MapCodec<K, V>, removed: boolean, out: K[]): void;
  /** The nodes in key order. */
  walk<K, V>(root: Root<K, V>): Generator<TreeNode<K, V>>;
  first<K, V>(root: Root<K, V>): TreeNode<K, V> | null;
  last<K, V>(root: Root<K, V>): TreeNode<K, V> | null;
  /** The Merkle digest of a non-empty tree (memoized per node). */
  hash<K, V>(root: TreeRoot, codec: MapCodec<K, V>): Words;
  height<K, V>(root: Root<K, V>): number;
  /** The tree of entries given in strictly ascending key order, in linear time. */
  build<K, V>(codec: MapCodec<K, V>, sorted: readonly (readonly [K, V])[]): Root<K, V>;
}

/** keyed("entry", u32 key length ‖ key encoding ‖ value encoding): a leaf's digest in both trees. */
export function entryDigest<K, V>(codec: MapCodec<K, V>, key: K, value: V): Words {
  const k = codec.encodeKey(key);
  return hashInWords("entry", u32be(k.length), k, codec.encodeValue(value));
}
