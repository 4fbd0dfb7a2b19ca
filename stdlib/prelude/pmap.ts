// Prelude: a persistent ordered map with a canonical shape and a Merkle hash. Every
// version stays valid (a transaction builds new versions and an abort returns the old
// one), yet the version a command works on is a mutable hash table: the versions of a
// lineage share one store (map-store.ts) that holds the entries of the current version, and
// every other version is a one-entry difference from a version nearer the current one
// (Baker's rerooting). Reading or writing the current version is a table operation;
// touching an older one first walks the differences back, swapping each (an abort undoes
// its writes this way, on the next touch). Long walks back (more than REROOT_LIMIT steps)
// are allowed while their total stays below a copy of the table plus the writes made; past
// that a version gets a store of its own, so lineages that alternate (replicas sharing a
// start state) each end up with theirs. Order and hash come from the store's tree (a radix trie
// for fixed-length byte keys, a treap otherwise; tree.ts), which depends only on the
// entries, brought up to date when an order or root is asked for, and cached per version.
import { SmaltAbort } from "./abort.js";
import { DIGEST_LENGTH, wordsToBytes } from "./hash.js";
import type { Entry } from "./key-table.js";
import { MapStore } from "./map-store.js";
import { TREAP } from "./treap.js";
import { TRIE } from "./trie.js";
import type { MapCodec, Root, Tree } from "./tree.js";

export type { MapCodec } from "./tree.js";

/** Rerooting across more differences than this counts against the store's allowance (map-store.ts `mayReroot`); `changedKeys` walks at most this many before it diffs trees. */
export const REROOT_LIMIT = 64;

const treeOf = (codec: MapCodec<unknown, unknown>): Tree => (codec.keyBytes === undefined ? TREAP : TRIE);

/** Whether a key reads differently now than then: bound to another value object, newly bound, or (with `removed`) no longer bound. */
function differs<K, V>(now: Entry<K, V> | undefined, then: Entry<K, V> | undefined, removed: boolean): boolean {
  return now !== undefined ? then === undefined || now.value !== then.value : removed && then !== undefined;
}

export class PMap<K, V> {
  /** The store, when this version is the one it holds; else null and this version is `next` but for `dkey`. */
  private store: MapStore<K, V> | null;
  private next: PMap<K, V> | null = null;
  private dkey: K | undefined = undefined;
  private dhash = 0;
  /** This version's entry at `dkey` (undefined: absent). */
  private dentry: Entry<K, V> | undefined = undefined;
  /** The tree of exactly this version's entries, once known (undefined: not yet asked for). */
  private tree: Root<K, V> | undefined;

  private constructor(
    readonly codec: MapCodec<K, V>,
    store: MapStore<K, V>,
    readonly size: number,
    tree?: Root<K, V>,
  ) {
    this.store = store;
    this.tree = tree;
  }

  static empty<K, V>(codec: MapCodec<K, V>): PMap<K, V> {
    return new PMap(codec, new MapStore(codec, treeOf(codec as MapCodec<unknown, unknown>), null), 0, null);
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
    const root = tree.build(codec, unique);
    const store = new MapStore(codec, tree, root);
    const id = store.table.id;
    for (const [key, value] of unique) store.table.put({ key, value }, id.hash(key));
    return new PMap(codec, store, unique.length, root);
  }

  private entryAt(key: K): Entry<K, V> | undefined {
    const store = this.store ?? this.reroot();
    return store.table.get(key, store.table.id.hash(key));
  }

  get(key: K): V | undefined {
    return this.entryAt(key)?.value;
  }

  /** The value of `key` in a one-element tuple, or undefined when absent (V itself may be anything). */
  entry(key: K): readonly [V] | undefined {
    const e = this.entryAt(key);
    return e === undefined ? undefined : [e.value];
  }

  /** `m[k]` in Smalt: a missing key reads as the zero value of V, supplied by the caller. */
  getOr(key: K, zero: V): V {
    const e = this.entryAt(key);
    return e === undefined ? zero : e.value;
  }

  /** The value of a key that must be present; aborts the command with "missing_key" otherwise. */
  expect(key: K, what: string): V {
    const e = this.entryAt(key);
    if (e === undefined) throw new SmaltAbort("missing_key", `${what}: no such key`);
    return e.value;
  }

  has(key: K): boolean {
    return this.entryAt(key) !== undefined;
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
    const before = this.store ?? this.reroot();
    const h = before.table.id.hash(key);
    const old = before.table.get(key, h);
    let v: V;
    if (old !== undefined) {
      v = f === null ? value : f(old.value);
      if (Object.is(v, old.value)) return this;
    } else {
      v = f === null ? value : f(value);
      if (this.size >= capacity) throw new SmaltAbort("capacity", `map is full (capacity ${capacity})`);
    }
    // f may have read this map (it is pure, but may look): make sure this version is still the current one.
    const store = this.store ?? this.reroot();
    store.table.put({ key, value: v }, h);
    return this.succeed(store, key, h, old, old === undefined ? this.size + 1 : this.size);
  }

  delete(key: K): PMap<K, V> {
    const store = this.store ?? this.reroot();
    const h = store.table.id.hash(key);
    const old = store.table.get(key, h);
    if (old === undefined) return this;
    store.table.remove(key, h);
    return this.succeed(store, key, h, old, this.size - 1);
  }

  /**
   * The store now holds the version after a write at `key`: it becomes the current one, this one its difference.
   * An empty version is left out of the chain instead (it gets a new empty store): empty maps are shared
   * constants (zero values, initial states) that would otherwise hold every later version alive.
   */
  private succeed(store: MapStore<K, V>, key: K, h: number, old: Entry<K, V> | undefined, size: number): PMap<K, V> {
    store.wrote(key);
    const after = new PMap(this.codec, store, size);
    if (this.size === 0) {
      this.store = new MapStore(this.codec, store.tree, null);
      this.tree = null;
      return after;
    }
    this.becomeDifference(after, key, h, old);
    return after;
  }

  /** This version is now `next` but for `key` (hash `h`), where it has `entry`. */
  private becomeDifference(next: PMap<K, V>, key: K, h: number, entry: Entry<K, V> | undefined): void {
    this.store = null;
    this.next = next;
    this.dkey = key;
    this.dhash = h;
    this.dentry = entry;
  }

  /** This version is now the one `store` holds. */
  private becomeCurrent(store: MapStore<K, V>): void {
    this.store = store;
    this.next = null;
    this.dkey = undefined;
    this.dentry = undefined;
  }

  /** Puts this difference's entry into `store` (which holds the version it differs from); returns the entry it replaced. */
  private applyTo(store: MapStore<K, V>): Entry<K, V> | undefined {
    const key = this.dkey as K;
    const replaced = store.table.get(key, this.dhash);
    if (this.dentry === undefined) store.table.remove(key, this.dhash);
    else store.table.put(this.dentry, this.dhash);
    store.touched(key);
    return replaced;
  }

  /** Makes this version its store's current one (or gives it a store of its own) and returns the store. */
  private reroot(): MapStore<K, V> {
    const path: PMap<K, V>[] = [];
    // Walking further than copying would cost is never worth it.
    const cap = Math.max(REROOT_LIMIT, this.size);
    let w: PMap<K, V> = this;
    while (w.store === null) {
      if (path.length === cap) return this.detach();
      path.push(w);
      w = w.next!;
    }
    const store = w.store;
    if (path.length > REROOT_LIMIT && !store.mayReroot(path.length)) return this.detach();
    for (let i = path.length - 1; i >= 0; i--) {
      const u = path[i];
      const holder = u.next!;
      holder.becomeDifference(u, u.dkey as K, u.dhash, u.applyTo(store));
      u.becomeCurrent(store);
    }
    if (this.tree !== undefined) store.knownTree(this.tree);
    return store;
  }

  /** A store of its own for this version: a copy of the store its differences lead to, with them applied. */
  private detach(): MapStore<K, V> {
    const seen: PMap<K, V>[] = [];
    let w: PMap<K, V> = this;
    while (w.store === null) {
      seen.push(w);
      w = w.next!;
    }
    const store = w.store.copy();
    // Nearest the store first, so the difference nearest this version (its own entry) is applied last.
    for (let i = seen.length - 1; i >= 0; i--) seen[i].applyTo(store);
    if (this.tree !== undefined) store.knownTree(this.tree);
    this.becomeCurrent(store);
    return store;
  }

  /** The Merkle tree of this version's entries (cached: a version never changes). */
  private treeRoot(): Root<K, V> {
    if (this.tree !== undefined) return this.tree;
    const store = this.store ?? this.reroot();
    return (this.tree = store.currentTree());
  }

  /**
   * The keys, ascending, whose entry this version adds or may have changed since `before`
   * (a different value object). From the differences between the two versions when one
   * leads to the other within REROOT_LIMIT steps: O(k log k) after k writes. Otherwise by
   * diffing the trees, skipping subtrees the two versions share by identity.
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
    if (this === before) return out;
    const store = this.store ?? this.reroot();
    if (before.next === this) {
      // One write apart (the common case: a command wrote this map once).
      if (differs(store.table.get(before.dkey as K, before.dhash), before.dentry, removed)) out.push(before.dkey as K);
      return out;
    }
    // `before`'s entry at each key on its way to this version: the first difference naming the key.
    const thens: Entry<K, V>[] = [];
    const keys: K[] = [];
    const hashes: number[] = [];
    const same = store.table.id.same;
    let w: PMap<K, V> = before;
    for (let steps = 0; w !== this; steps++) {
      if (w.store !== null || steps === REROOT_LIMIT) return this.treeDiff(before, removed);
      const key = w.dkey as K;
      let known = false;
      for (let i = 0; i < keys.length && !known; i++) known = hashes[i] === w.dhash && same(keys[i], key);
      if (!known) {
        keys.push(key);
        hashes.push(w.dhash);
        thens.push(w.dentry as Entry<K, V>);
      }
      w = w.next!;
    }
    for (let i = 0; i < keys.length; i++) if (differs(store.table.get(keys[i], hashes[i]), thens[i], removed)) out.push(keys[i]);
    const cmp = this.codec.compare;
    return out.sort(cmp);
  }

  private treeDiff(before: PMap<K, V>, removed: boolean): K[] {
    const out: K[] = [];
    const then = before.treeRoot();
    const now = this.treeRoot();
    if (then !== now) this.treeKind().changed(then, now, this.codec, removed, out);
    return out;
  }

  private treeKind(): Tree {
    return treeOf(this.codec as MapCodec<unknown, unknown>);
  }

  /** The entry with the smallest key. */
  min(): readonly [K, V] | undefined {
    const n = this.treeKind().first<K, V>(this.treeRoot());
    return n === null ? undefined : [n.key, n.value];
  }

  /** The entry with the largest key. */
  max(): readonly [K, V] | undefined {
    const n = this.treeKind().last<K, V>(this.treeRoot());
    return n === null ? undefined : [n.key, n.value];
  }

  *entries(): Generator<readonly [K, V]> {
    for (const n of this.treeKind().walk<K, V>(this.treeRoot())) yield [n.key, n.value];
  }

  *keys(): Generator<K> {
    for (const n of this.treeKind().walk<K, V>(this.treeRoot())) yield n.key;
  }

  *values(): Generator<V> {
    for (const n of this.treeKind().walk<K, V>(this.treeRoot())) yield n.value;
  }

  [Symbol.iterator](): Generator<readonly [K, V]> {
    return this.entries();
  }

  /** Visit entries in key order. */
  forEach(visit: (value: V, key: K) => void): void {
    for (const n of this.treeKind().walk<K, V>(this.treeRoot())) visit(n.value, n.key);
  }

  /**
   * The Merkle root: 32 zero bytes for the empty map, else the root node's digest.
   * Digests are memoized per node, so after k updates this costs O(k log n) hashes.
   */
  rootHash(): Uint8Array {
    const root = this.treeRoot();
    return root === null ? new Uint8Array(DIGEST_LENGTH) : wordsToBytes(this.treeKind().hash(root, this.codec));
  }

  /** Longest root-to-leaf path (O(n); for tests and benchmarks). */
  height(): number {
    return this.treeKind().height(this.treeRoot());
  }
}
