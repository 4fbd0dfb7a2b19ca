// Prelude: a persistent ordered map with a canonical shape and a cached Merkle hash, on
// one of two trees (tree.ts): a radix trie for fixed-length byte keys (peer, digest,
// measurement), a treap for every other key type. Either way the shape, and therefore the
// root hash, depends only on the entries; an update copies one path and shares the rest,
// so old versions stay valid: a transaction builds new versions and an abort drops them.
import { SmaltAbort } from "./abort.js";
import { DIGEST_LENGTH, wordsToBytes } from "./hash.js";
import { TREAP } from "./treap.js";
import { TRIE } from "./trie.js";
import type { MapCodec, Root, Tree } from "./tree.js";
import { logWrite, writesSince, type WriteEntry } from "./write-log.js";

export type { MapCodec } from "./tree.js";

const treeOf = (codec: MapCodec<unknown, unknown>): Tree => (codec.keyBytes === undefined ? TREAP : TRIE);

export class PMap<K, V> {
  private readonly tree: Tree;

  private constructor(
    readonly codec: MapCodec<K, V>,
    private readonly root: Root<K, V>,
    tree?: Tree,
    private readonly log: WriteEntry<K> | null = null,
  ) {
    this.tree = tree ?? treeOf(codec as MapCodec<unknown, unknown>);
  }

  static empty<K, V>(codec: MapCodec<K, V>): PMap<K, V> {
    return new PMap(codec, null);
  }

  /**
   * Build a map from entries in any order (a later duplicate key wins) in O(n log n):
   * sort, then build the tree bottom-up. The tree of a set of entries is unique, so this
   * is the same tree, and the same root, as inserting one by one.
   */
  static fromEntries<K, V>(codec: MapCodec<K, V>, entries: Iterable<readonly [K, V]>): PMap<K, V> {
    const cmp = codec.compare;
    const sorted = Array.from(entries, ([k, v], i) => ({ k, v, i }));
    // Snapshots arrive in key order: sorting (slow on random keys: cache misses) only when needed.
    if (sorted.some((e, j) => j > 0 && cmp(sorted[j - 1].k, e.k) > 0)) sorted.sort((a, b) => cmp(a.k, b.k) || a.i - b.i);
    const unique: (readonly [K, V])[] = [];
    sorted.forEach((e, j) => {
      if (j + 1 < sorted.length && cmp(e.k, sorted[j + 1].k) === 0) return; // keep the last duplicate
      unique.push([e.k, e.v]);
    });
    const tree = treeOf(codec as MapCodec<unknown, unknown>);
    return new PMap(codec, tree.build(codec, unique), tree);
  }

  get size(): number {
    return this.root === null ? 0 : this.root.size;
  }

  get(key: K): V | undefined {
    const n = this.tree.find(this.root, key, this.codec);
    return n === null ? undefined : n.value;
  }

  /** The value of `key` in a one-element tuple, or undefined when absent (V itself may be anything). */
  entry(key: K): readonly [V] | undefined {
    const n = this.tree.find(this.root, key, this.codec);
    return n === null ? undefined : [n.value];
  }

  /** `m[k]` in Smalt: a missing key reads as the zero value of V, supplied by the caller. */
  getOr(key: K, zero: V): V {
    const n = this.tree.find(this.root, key, this.codec);
    return n === null ? zero : n.value;
  }

  /** The value of a key that must be present; aborts the command with "missing_key" otherwise. */
  expect(key: K, what: string): V {
    const n = this.tree.find(this.root, key, this.codec);
    if (n === null) throw new SmaltAbort("missing_key", `${what}: no such key`);
    return n.value;
  }

  has(key: K): boolean {
    return this.tree.find(this.root, key, this.codec) !== null;
  }

  /** A new version with `key` bound to `value` (this version if it already is). Unbounded; handlers use `setWithin`. */
  set(key: K, value: V): PMap<K, V> {
    return this.write(Infinity, key, null, value);
  }

  /** `m[k] = v` in a map of capacity N: inserting a new key into a full map aborts with "capacity". */
  setWithin(capacity: number, key: K, value: V): PMap<K, V> {
    return this.write(capacity, key, null, value);
  }

  /** `set(key, f(getOr(key, zero)))` in one pass when the key is present. Unbounded; handlers use `updateWithin`. */
  update(key: K, zero: V, f: (old: V) => V): PMap<K, V> {
    return this.write(Infinity, key, f, zero);
  }

  /**
   * `m[k] = f(m[k])` in a map of capacity N (`m[k] += n`, `m[k].field = v`), in one pass:
   * the same version as `setWithin(capacity, key, f(getOr(key, zero)))`, with the same
   * aborts in the same order (f's own first, then "capacity").
   */
  updateWithin(capacity: number, key: K, zero: V, f: (old: V) => V): PMap<K, V> {
    return this.write(capacity, key, f, zero);
  }

  /** setWithin (`f` null) and updateWithin (`value`: the zero value f reads for an absent key). */
  private write(capacity: number, key: K, f: ((old: V) => V) | null, value: V): PMap<K, V> {
    const root = this.tree.write(this.root, key, { codec: this.codec, f, value, full: this.size >= capacity, capacity });
    return root === this.root ? this : new PMap(this.codec, root, this.tree, logWrite(this.log, key, false, this.root));
  }

  delete(key: K): PMap<K, V> {
    const root = this.tree.without(this.root, key, this.codec);
    return root === this.root ? this : new PMap(this.codec, root, this.tree, logWrite(this.log, key, true, this.root));
  }

  /**
   * The keys, ascending, whose entry this version adds or may have changed since `before`
   * (a different value object). From the write log when it reaches back to `before`
   * (write-log.ts): O(k log k) after k writes. Otherwise by diffing the trees, skipping
   * subtrees the two versions share by identity: O(k log n) nodes.
   */
  changedKeys(before: PMap<K, V>): K[] {
    return this.keysChangedSince(before, false);
  }

  /** `changedKeys`, and also the keys of `before` this version no longer has: every key whose lookup may read differently. */
  touchedKeys(before: PMap<K, V>): K[] {
    return this.keysChangedSince(before, true);
  }

  private keysChangedSince(before: PMap<K, V>, removed: boolean): K[] {
    const out: K[] = [];
    if (this.root === before.root) return out;
    const writes = writesSince(this.log, before.root);
    if (writes === undefined) {
      this.tree.changed(before.root, this.root, this.codec, removed, out);
      return out;
    }
    const cmp = this.codec.compare;
    writes.sort((a, b) => cmp(a.key, b.key));
    for (let i = 0; i < writes.length; ) {
      const key = writes[i].key;
      let j = i + 1;
      while (j < writes.length && cmp(key, writes[j].key) === 0) j++;
      // A key written once changed as that write says; one written more often may be back where it was.
      if (j === i + 1 ? removed || !writes[i].removal : this.readsDifferently(before, key, removed)) out.push(key);
      i = j;
    }
    return out;
  }

  /** Whether `key` is bound here to another value object than in `before` (with `removed`: or is bound only there). */
  private readsDifferently(before: PMap<K, V>, key: K, removed: boolean): boolean {
    const now = this.tree.find(this.root, key, this.codec);
    const then = before.tree.find(before.root, key, before.codec);
    return now !== null ? then === null || now.value !== then.value : removed && then !== null;
  }

  /** The entry with the smallest key. */
  min(): readonly [K, V] | undefined {
    const n = this.tree.first<K, V>(this.root);
    return n === null ? undefined : [n.key, n.value];
  }

  /** The entry with the largest key. */
  max(): readonly [K, V] | undefined {
    const n = this.tree.last<K, V>(this.root);
    return n === null ? undefined : [n.key, n.value];
  }

  *entries(): Generator<readonly [K, V]> {
    for (const n of this.tree.walk<K, V>(this.root)) yield [n.key, n.value];
  }

  *keys(): Generator<K> {
    for (const n of this.tree.walk<K, V>(this.root)) yield n.key;
  }

  *values(): Generator<V> {
    for (const n of this.tree.walk<K, V>(this.root)) yield n.value;
  }

  [Symbol.iterator](): Generator<readonly [K, V]> {
    return this.entries();
  }

  /** Visit entries in key order. */
  forEach(visit: (value: V, key: K) => void): void {
    for (const n of this.tree.walk<K, V>(this.root)) visit(n.value, n.key);
  }

  /**
   * The Merkle root: 32 zero bytes for the empty map, else the root node's digest.
   * Digests are memoized per node, so after k updates this costs O(k log n) hashes.
   */
  rootHash(): Uint8Array {
    return this.root === null ? new Uint8Array(DIGEST_LENGTH) : wordsToBytes(this.tree.hash(this.root, this.codec));
  }

  /** Longest root-to-leaf path (O(n); for tests and benchmarks). */
  height(): number {
    return this.tree.height(this.root);
  }
}
