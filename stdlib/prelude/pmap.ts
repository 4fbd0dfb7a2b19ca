// Prelude: a persistent ordered map with a canonical shape and a cached Merkle hash.
// It is a treap whose priorities come from a hash of the key, so the tree's shape (and
// therefore its root hash) depends only on the set of entries, never on the order of
// insertion. Updates copy one root-to-node path (O(log n) expected) and share the rest,
// so old versions stay valid: a transaction builds new versions and an abort drops them.
import { SmaltAbort } from "./abort.js";
import { compareBytes, compareBytesFrom } from "./compare.js";
import { DIGEST_LENGTH, hashInWords, hashNodeWords, u32be, wordsToBytes, type Words } from "./hash.js";

/**
 * How a map orders, identifies and hashes its entries. Contract, relied on for the
 * canonical shape: `compare(a, b) === 0` exactly when `encodeKey(a)` and `encodeKey(b)`
 * are the same bytes, and `compare` is a total order. `encodeValue` is the value's hash
 * view (see encode.ts). Build one with `mapCodec` / `setCodec` (codec.ts).
 */
export interface MapCodec<K, V> {
  readonly compare: (a: K, b: K) => number;
  readonly encodeKey: (k: K) => Uint8Array;
  readonly encodeValue: (v: V) => Uint8Array;
}

/**
 * A tree node. Key, value, priority and children never change after construction; `entry`
 * and `hash` are memoized digests, filled at most once, on first use (a node built by an
 * update starts with `hash = null`, so only the copied path is rehashed). Digests are
 * kept as words, not Uint8Arrays: about 100 instead of 225 heap bytes each, and no
 * ArrayBuffer for the garbage collector to track per node.
 */
class Node<K, V> {
  readonly size: number;
  entry: Words | null;
  hash: Words | null = null;

  constructor(
    readonly key: K,
    readonly value: V,
    // The priority, a u64, kept as three small integers (24 + 24 + 16 bits, high first)
    // so that V8 stores them unboxed.
    readonly p0: number,
    readonly p1: number,
    readonly p2: number,
    readonly left: Node<K, V> | null,
    readonly right: Node<K, V> | null,
    entry: Words | null,
  ) {
    this.size = 1 + (left === null ? 0 : left.size) + (right === null ? 0 : right.size);
    this.entry = entry;
  }
}

type Cmp<K> = (a: K, b: K) => number;

/** Heap order: higher priority nearer the root; equal priorities (astronomically rare) by smaller key. */
function above<K, V>(a: Node<K, V>, b: Node<K, V>, cmp: Cmp<K>): boolean {
  if (a.p0 !== b.p0) return a.p0 > b.p0;
  if (a.p1 !== b.p1) return a.p1 > b.p1;
  if (a.p2 !== b.p2) return a.p2 > b.p2;
  return cmp(a.key, b.key) < 0;
}

function withChildren<K, V>(n: Node<K, V>, left: Node<K, V> | null, right: Node<K, V> | null): Node<K, V> {
  return new Node(n.key, n.value, n.p0, n.p1, n.p2, left, right, n.entry);
}

function leaf<K, V>(codec: MapCodec<K, V>, key: K, value: V): Node<K, V> {
  // Bytes 0..7 of the digest, big-endian; word i holds bytes 4i..4i+3 little-endian.
  const [w0, w1] = hashInWords("priority", codec.encodeKey(key));
  const p0 = ((w0 & 0xff) << 16) | (w0 & 0xff00) | ((w0 >>> 16) & 0xff);
  const p1 = ((w0 >>> 24) << 16) | ((w1 & 0xff) << 8) | ((w1 >>> 8) & 0xff);
  const p2 = (((w1 >>> 16) & 0xff) << 8) | (w1 >>> 24);
  return new Node(key, value, p0, p1, p2, null, null, null);
}

/**
 * How a lookup compares its key with the nodes on its path. `from`: how many leading
 * units the key shares with every key of the subtree being searched. Byte keys
 * (peer, digest, measurement, bytes) use compareBytesFrom, which skips that prefix and
 * reports the common prefix length in its result; any other comparator ignores `from`
 * and its results (±1) leave it at 0.
 */
type Seek<K> = (key: K, nodeKey: K, from: number) => number;

function seekOf<K>(cmp: Cmp<K>): Seek<K> {
  return (cmp as unknown) === compareBytes ? (compareBytesFrom as unknown as Seek<K>) : cmp;
}

// A search keeps the common prefix length of its key with the nearest node it went right
// of (`lo`) and left of (`hi`): every key between those two bounds shares the shorter of
// the two prefixes with the search key, so no comparison below needs to read it again.

function find<K, V>(n: Node<K, V> | null, key: K, seek: Seek<K>): Node<K, V> | null {
  let lo = 0;
  let hi = 0;
  while (n !== null) {
    const c = seek(key, n.key, lo < hi ? lo : hi);
    if (c === 0) return n;
    if (c < 0) {
      hi = -c - 1;
      n = n.left;
    } else {
      lo = c - 1;
      n = n.right;
    }
  }
  return null;
}

/**
 * One root-to-node pass of a write to a key: the tree with the key's value replaced by
 * `f(old value)` (by `value` when `f` is null), or, when the key is absent, with a new
 * leaf holding `f(value)` (`value`) rotated up to its place in the heap order (the treap
 * of a set of entries is unique, so this is the tree any other insertion gives). `n`
 * itself when the new value is the old one (Object.is). `full`: an absent key aborts with
 * "capacity", after `f` has run (so f's own aborts come first).
 */
function upsert<K, V>(n: Node<K, V> | null, key: K, w: Write<K, V>, lo: number, hi: number): Node<K, V> {
  if (n === null) {
    const fresh = w.f === null ? w.value : w.f(w.value);
    if (w.full) throw new SmaltAbort("capacity", `map is full (capacity ${w.capacity})`);
    return leaf(w.codec, key, fresh);
  }
  const c = w.seek(key, n.key, lo < hi ? lo : hi);
  if (c === 0) {
    const v = w.f === null ? w.value : w.f(n.value);
    return Object.is(v, n.value) ? n : new Node(n.key, v, n.p0, n.p1, n.p2, n.left, n.right, null);
  }
  if (c < 0) {
    const left = upsert(n.left, key, w, lo, -c - 1);
    if (left === n.left) return n;
    // Only a new leaf can outrank its parent: rotate it up.
    return above(left, n, w.codec.compare) ? withChildren(left, left.left, withChildren(n, left.right, n.right)) : withChildren(n, left, n.right);
  }
  const right = upsert(n.right, key, w, c - 1, hi);
  if (right === n.right) return n;
  return above(right, n, w.codec.compare) ? withChildren(right, withChildren(n, n.left, right.left), right.right) : withChildren(n, n.left, right);
}

/** What one `upsert` pass writes, and how it searches (one object, so the recursion passes one argument). */
interface Write<K, V> {
  readonly codec: MapCodec<K, V>;
  readonly seek: Seek<K>;
  readonly f: ((old: V) => V) | null;
  readonly value: V;
  readonly full: boolean;
  readonly capacity: number;
}

/** The tree without `key`, or `n` itself when the key is absent. */
function without<K, V>(n: Node<K, V> | null, key: K, seek: Seek<K>, cmp: Cmp<K>, lo: number, hi: number): Node<K, V> | null {
  if (n === null) return null;
  const c = seek(key, n.key, lo < hi ? lo : hi);
  if (c === 0) return merge(n.left, n.right, cmp);
  if (c < 0) {
    const left = without(n.left, key, seek, cmp, lo, -c - 1);
    return left === n.left ? n : withChildren(n, left, n.right);
  }
  const right = without(n.right, key, seek, cmp, c - 1, hi);
  return right === n.right ? n : withChildren(n, n.left, right);
}

/** Split a tree by a key that is not in it into (keys below, keys above). */
function split<K, V>(n: Node<K, V> | null, key: K, cmp: Cmp<K>): [Node<K, V> | null, Node<K, V> | null] {
  if (n === null) return [null, null];
  if (cmp(key, n.key) < 0) {
    const [l, r] = split(n.left, key, cmp);
    return [l, withChildren(n, r, n.right)];
  }
  const [l, r] = split(n.right, key, cmp);
  return [withChildren(n, n.left, l), r];
}

/** Join two trees, every key of `a` below every key of `b`. */
function merge<K, V>(a: Node<K, V> | null, b: Node<K, V> | null, cmp: Cmp<K>): Node<K, V> | null {
  if (a === null) return b;
  if (b === null) return a;
  return above(a, b, cmp)
    ? withChildren(a, a.left, merge(a.right, b, cmp))
    : withChildren(b, merge(a, b.left, cmp), b.right);
}

/** keyed("entry", u32 key length ‖ key encoding ‖ value encoding). */
function entryDigest<K, V>(codec: MapCodec<K, V>, key: K, value: V): Words {
  const k = codec.encodeKey(key);
  return hashInWords("entry", u32be(k.length), k, codec.encodeValue(value));
}

function nodeHash<K, V>(n: Node<K, V>, codec: MapCodec<K, V>): Words {
  if (n.hash !== null) return n.hash;
  const left = n.left === null ? null : nodeHash(n.left, codec);
  const right = n.right === null ? null : nodeHash(n.right, codec);
  if (n.entry === null) n.entry = entryDigest(codec, n.key, n.value);
  n.hash = hashNodeWords(left, n.entry, right);
  return n.hash;
}

/**
 * Appends to `out`, ascending, the keys of `after` whose entry is new or may differ from
 * `before` (a different value object), and with `removed` also the keys `after` dropped.
 * Subtrees shared by the two versions are skipped by identity, so after k updates this
 * visits O(k log n) nodes. The canonical shape makes the roots comparable: the root holds
 * the highest priority, so a root key missing from the other tree is exactly an inserted
 * or a removed key.
 */
function changedInto<K, V>(before: Node<K, V> | null, after: Node<K, V> | null, cmp: Cmp<K>, removed: boolean, out: K[]): void {
  if (before === after) return;
  if (before === null || after === null) {
    if (after !== null || removed) for (const n of walk(after ?? before)) out.push(n.key);
    return;
  }
  if (before.key === after.key || cmp(before.key, after.key) === 0) {
    changedInto(before.left, after.left, cmp, removed, out);
    if (before.value !== after.value) out.push(after.key);
    changedInto(before.right, after.right, cmp, removed, out);
  } else if (above(after, before, cmp)) {
    const [l, r] = split(before, after.key, cmp); // after.key is new
    changedInto(l, after.left, cmp, removed, out);
    out.push(after.key);
    changedInto(r, after.right, cmp, removed, out);
  } else {
    const [l, r] = split(after, before.key, cmp); // before.key was removed
    changedInto(before.left, l, cmp, removed, out);
    if (removed) out.push(before.key);
    changedInto(before.right, r, cmp, removed, out);
  }
}

function* walk<K, V>(root: Node<K, V> | null): Generator<Node<K, V>> {
  const stack: Node<K, V>[] = [];
  let n = root;
  while (n !== null || stack.length > 0) {
    while (n !== null) {
      stack.push(n);
      n = n.left;
    }
    const top = stack.pop()!;
    yield top;
    n = top.right;
  }
}

/** An immutable map from K to V, iterated in key order (the order of `codec.compare`). */
export class PMap<K, V> {
  private constructor(
    readonly codec: MapCodec<K, V>,
    private readonly root: Node<K, V> | null,
  ) {}

  static empty<K, V>(codec: MapCodec<K, V>): PMap<K, V> {
    return new PMap(codec, null);
  }

  /**
   * Build a map from entries in any order (a later duplicate key wins) in O(n log n):
   * sort, then the linear stack construction of the treap. The treap of a set of entries
   * is unique, so this is the same tree, and the same root, as inserting one by one.
   */
  static fromEntries<K, V>(codec: MapCodec<K, V>, entries: Iterable<readonly [K, V]>): PMap<K, V> {
    const cmp = codec.compare;
    const sorted = Array.from(entries, ([k, v], i) => ({ k, v, i }));
    // Snapshots arrive in key order: sorting (slow on random keys: cache misses) only when needed.
    if (sorted.some((e, j) => j > 0 && cmp(sorted[j - 1].k, e.k) > 0)) sorted.sort((a, b) => cmp(a.k, b.k) || a.i - b.i);
    const nodes: Node<K, V>[] = [];
    sorted.forEach((e, j) => {
      if (j + 1 < sorted.length && cmp(e.k, sorted[j + 1].k) === 0) return; // keep the last duplicate
      nodes.push(leaf(codec, e.k, e.v));
    });
    const left = new Int32Array(nodes.length).fill(-1);
    const right = new Int32Array(nodes.length).fill(-1);
    const stack: number[] = []; // the right spine of the tree built so far
    for (let i = 0; i < nodes.length; i++) {
      let last = -1;
      while (stack.length > 0 && above(nodes[i], nodes[stack[stack.length - 1]], cmp)) last = stack.pop()!;
      left[i] = last;
      if (stack.length > 0) right[stack[stack.length - 1]] = i;
      stack.push(i);
    }
    const assemble = (i: number): Node<K, V> | null =>
      i < 0 ? null : withChildren(nodes[i], assemble(left[i]), assemble(right[i]));
    return new PMap(codec, stack.length === 0 ? null : assemble(stack[0]));
  }

  get size(): number {
    return this.root === null ? 0 : this.root.size;
  }

  get(key: K): V | undefined {
    const n = find(this.root, key, seekOf(this.codec.compare));
    return n === null ? undefined : n.value;
  }

  /** The value of `key` in a one-element tuple, or undefined when absent (V itself may be anything). */
  entry(key: K): readonly [V] | undefined {
    const n = find(this.root, key, seekOf(this.codec.compare));
    return n === null ? undefined : [n.value];
  }

  /** `m[k]` in Smalt: a missing key reads as the zero value of V, supplied by the caller. */
  getOr(key: K, zero: V): V {
    const n = find(this.root, key, seekOf(this.codec.compare));
    return n === null ? zero : n.value;
  }

  /** The value of a key that must be present; aborts the command with "missing_key" otherwise. */
  expect(key: K, what: string): V {
    const n = find(this.root, key, seekOf(this.codec.compare));
    if (n === null) throw new SmaltAbort("missing_key", `${what}: no such key`);
    return n.value;
  }

  has(key: K): boolean {
    return find(this.root, key, seekOf(this.codec.compare)) !== null;
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
   * `m[k] = f(m[k])` in a map of capacity N (`m[k] += n`, `m[k].field = v`), in one pass
   * when the key is present: the same version as `setWithin(capacity, key, f(getOr(key, zero)))`,
   * with the same aborts in the same order (f's own first, then "capacity").
   */
  updateWithin(capacity: number, key: K, zero: V, f: (old: V) => V): PMap<K, V> {
    return this.write(capacity, key, f, zero);
  }

  /** setWithin (`f` null) and updateWithin (`value`: the zero value f reads for an absent key). */
  private write(capacity: number, key: K, f: ((old: V) => V) | null, value: V): PMap<K, V> {
    const codec = this.codec;
    const root = upsert(this.root, key, { codec, seek: seekOf(codec.compare), f, value, full: this.size >= capacity, capacity }, 0, 0);
    return root === this.root ? this : new PMap(codec, root);
  }

  delete(key: K): PMap<K, V> {
    const cmp = this.codec.compare;
    const root = without(this.root, key, seekOf(cmp), cmp, 0, 0);
    return root === this.root ? this : new PMap(this.codec, root);
  }

  /** The keys, ascending, whose entry this version adds or may have changed since `before` (see changedInto). */
  changedKeys(before: PMap<K, V>): K[] {
    const out: K[] = [];
    changedInto(before.root, this.root, this.codec.compare, false, out);
    return out;
  }

  /** `changedKeys`, and also the keys of `before` this version no longer has: every key whose lookup may read differently. */
  touchedKeys(before: PMap<K, V>): K[] {
    const out: K[] = [];
    changedInto(before.root, this.root, this.codec.compare, true, out);
    return out;
  }

  /** The entry with the smallest key. */
  min(): readonly [K, V] | undefined {
    let n = this.root;
    if (n === null) return undefined;
    while (n.left !== null) n = n.left;
    return [n.key, n.value];
  }

  /** The entry with the largest key. */
  max(): readonly [K, V] | undefined {
    let n = this.root;
    if (n === null) return undefined;
    while (n.right !== null) n = n.right;
    return [n.key, n.value];
  }

  *entries(): Generator<readonly [K, V]> {
    for (const n of walk(this.root)) yield [n.key, n.value];
  }

  *keys(): Generator<K> {
    for (const n of walk(this.root)) yield n.key;
  }

  *values(): Generator<V> {
    for (const n of walk(this.root)) yield n.value;
  }

  [Symbol.iterator](): Generator<readonly [K, V]> {
    return this.entries();
  }

  /** Visit entries in key order (no iterator allocation). */
  forEach(visit: (value: V, key: K) => void): void {
    const go = (n: Node<K, V> | null): void => void (n !== null && (go(n.left), visit(n.value, n.key), go(n.right)));
    go(this.root);
  }

  /**
   * The Merkle root: 32 zero bytes for the empty map, else the root node's digest.
   * Digests are memoized per node, so after k updates this costs O(k log n) hashes.
   */
  rootHash(): Uint8Array {
    return this.root === null ? new Uint8Array(DIGEST_LENGTH) : wordsToBytes(nodeHash(this.root, this.codec));
  }

  /** Longest root-to-leaf path (O(n); for tests and benchmarks). */
  height(): number {
    const h = (n: Node<K, V> | null): number => (n === null ? 0 : 1 + Math.max(h(n.left), h(n.right)));
    return h(this.root);
  }
}
