// Prelude: the Merkle treap under a PMap whose keys are not fixed-length bytes. Its
// priorities come from a hash of the key, so the tree's shape (and therefore its root
// hash) depends only on the set of entries, never on the order of insertion. Updates copy
// one root-to-node path (O(log n) expected) and share the rest, so old versions stay valid.
import { SmaltAbort } from "./abort.js";
import { compareBytes, compareBytesFrom } from "./compare.js";
import { hashInWords, hashNodeWords, type Words } from "./hash.js";
import { entryDigest, type MapCodec, type Root, type Tree, type TreeRoot, type Write } from "./tree.js";

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
function upsert<K, V>(n: Node<K, V> | null, key: K, w: TreapWrite<K, V>, lo: number, hi: number): Node<K, V> {
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
interface TreapWrite<K, V> extends Write<K, V> {
  readonly seek: Seek<K>;
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

/** The treap's side of the Tree interface (tree.ts). */
export const TREAP: Tree = {
  find: <K, V>(root: Root<K, V>, key: K, codec: MapCodec<K, V>) => find(root as Node<K, V> | null, key, seekOf(codec.compare)),
  write: <K, V>(root: Root<K, V>, key: K, w: Write<K, V>) =>
    upsert(root as Node<K, V> | null, key, { codec: w.codec, f: w.f, value: w.value, full: w.full, capacity: w.capacity, seek: seekOf(w.codec.compare) }, 0, 0),
  without: <K, V>(root: Root<K, V>, key: K, codec: MapCodec<K, V>) => without(root as Node<K, V> | null, key, seekOf(codec.compare), codec.compare, 0, 0),
  changed: <K, V>(before: Root<K, V>, after: Root<K, V>, codec: MapCodec<K, V>, removed: boolean, out: K[]) =>
    changedInto(before as Node<K, V> | null, after as Node<K, V> | null, codec.compare, removed, out),
  walk: <K, V>(root: Root<K, V>) => walk(root as Node<K, V> | null),
  first: <K, V>(root: Root<K, V>) => {
    let n = root as Node<K, V> | null;
    if (n === null) return null;
    while (n.left !== null) n = n.left;
    return n;
  },
  last: <K, V>(root: Root<K, V>) => {
    let n = root as Node<K, V> | null;
    if (n === null) return null;
    while (n.right !== null) n = n.right;
    return n;
  },
  hash: <K, V>(root: TreeRoot, codec: MapCodec<K, V>) => nodeHash(root as Node<K, V>, codec),
  height: <K, V>(root: Root<K, V>) => {
    const h = (n: Node<K, V> | null): number => (n === null ? 0 : 1 + Math.max(h(n.left), h(n.right)));
    return h(root as Node<K, V> | null);
  },
  build,
};

/** The treap of entries in strictly ascending key order: the linear stack construction (the treap of a set of entries is unique). */
function build<K, V>(codec: MapCodec<K, V>, sorted: readonly (readonly [K, V])[]): Node<K, V> | null {
  const cmp = codec.compare;
  const nodes = sorted.map(([k, v]) => leaf(codec, k, v));
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
  const assemble = (i: number): Node<K, V> | null => (i < 0 ? null : withChildren(nodes[i], assemble(left[i]), assemble(right[i])));
  return stack.length === 0 ? null : assemble(stack[0]);
}
