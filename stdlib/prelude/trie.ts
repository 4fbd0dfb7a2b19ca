// Prelude: the Merkle radix trie under a PMap whose keys are fixed-length byte strings
// (peer, digest, measurement). A branch at depth d splits its keys by their d-th 4-bit
// nibble, high nibble first, so walking children in nibble order visits keys in byte order,
// which is their Smalt order. A branch exists exactly where at least two keys share the
// prefix leading to it, and a lone key is a leaf as high up as it can be: the shape depends
// only on the set of keys. Lookups index by nibble (no key comparison until the leaf); with
// keys that are hashes or public keys the depth is about log16 n. A key chosen to share a
// long prefix with another only lengthens that one path, never beyond one level per nibble.
import { SmaltAbort } from "./abort.js";
import { compareBytes } from "./compare.js";
import { hashBranchWords, type Words } from "./hash.js";
import { entryDigest, type MapCodec, type Root, type Tree, type TreeNode, type TreeRoot, type Write } from "./tree.js";

class Leaf<K, V> {
  readonly size = 1;
  hash: Words | null = null;
  constructor(
    readonly key: K,
    readonly value: V,
  ) {}
}

/** `bits`: which of the 16 nibbles have a child; `kids`: those children, in nibble order. */
class Branch<K, V> {
  hash: Words | null = null;
  constructor(
    readonly bits: number,
    readonly kids: readonly Kid<K, V>[],
    readonly size: number,
  ) {}
}

type Kid<K, V> = Leaf<K, V> | Branch<K, V>;

const bytesOf = <K>(k: K) => k as unknown as Uint8Array;

function nibble(key: Uint8Array, depth: number): number {
  const b = key[depth >> 1];
  return depth & 1 ? b & 15 : b >>> 4;
}

/** The number of set bits of a 16-bit mask. */
function ones(x: number): number {
  x -= (x >>> 1) & 0x5555;
  x = (x & 0x3333) + ((x >>> 2) & 0x3333);
  x = (x + (x >>> 4)) & 0x0f0f;
  return (x + (x >>> 8)) & 0x1f;
}

/**
 * Whether two keys of the same length are the same bytes, given that their first `from`
 * bytes are (a leaf at depth d shares d nibbles with the key that reached it): four bytes a step.
 */
function sameKey(a: Uint8Array, b: Uint8Array, from: number): boolean {
  if (a === b) return true;
  const n = a.length;
  if (n !== b.length) return false;
  let i = from;
  for (; i + 4 <= n; i += 4) if (((a[i] ^ b[i]) | (a[i + 1] ^ b[i + 1]) | (a[i + 2] ^ b[i + 2]) | (a[i + 3] ^ b[i + 3])) !== 0) return false;
  for (; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function find<K, V>(n: Kid<K, V> | null, key: Uint8Array): Leaf<K, V> | null {
  let depth = 0;
  while (n !== null) {
    if (n instanceof Leaf) return sameKey(bytesOf(n.key), key, depth >> 1) ? n : null;
    const bit = 1 << nibble(key, depth++);
    n = (n.bits & bit) === 0 ? null : n.kids[ones(n.bits & (bit - 1))];
  }
  return null;
}

/** The value a new key gets; aborts with "capacity" when the map is full (after f ran). */
function fresh<K, V>(w: Write<K, V>): V {
  const v = w.f === null ? w.value : w.f(w.value);
  if (w.full) throw new SmaltAbort("capacity", `map is full (capacity ${w.capacity})`);
  return v;
}

/** The smallest subtree holding two leaves with different keys that agree on nibbles < depth. */
function pair<K, V>(a: Leaf<K, V>, b: Leaf<K, V>, depth: number): Branch<K, V> {
  const ka = bytesOf(a.key);
  if (depth >= 2 * ka.length) throw new Error("internal error: two trie keys of the same bytes, or of different lengths");
  const x = nibble(ka, depth);
  const y = nibble(bytesOf(b.key), depth);
  if (x === y) return new Branch(1 << x, [pair(a, b, depth + 1)], 2);
  return new Branch((1 << x) | (1 << y), x < y ? [a, b] : [b, a], 2);
}

function put<K, V>(n: Kid<K, V> | null, key: K, w: Write<K, V>, depth: number): Kid<K, V> {
  if (n === null) return new Leaf(key, fresh(w));
  if (n instanceof Leaf) {
    if (!sameKey(bytesOf(n.key), bytesOf(key), depth >> 1)) return pair(n, new Leaf(key, fresh(w)), depth);
    const v = w.f === null ? w.value : w.f(n.value);
    return Object.is(v, n.value) ? n : new Leaf(n.key, v);
  }
  const bit = 1 << nibble(bytesOf(key), depth);
  const i = ones(n.bits & (bit - 1));
  if ((n.bits & bit) === 0) {
    const kids = n.kids.slice();
    kids.splice(i, 0, new Leaf(key, fresh(w)));
    return new Branch(n.bits | bit, kids, n.size + 1);
  }
  const old = n.kids[i];
  const kid = put(old, key, w, depth + 1);
  if (kid === old) return n;
  const kids = n.kids.slice();
  kids[i] = kid;
  return new Branch(n.bits, kids, n.size - old.size + kid.size);
}

function without<K, V>(n: Kid<K, V> | null, key: Uint8Array, depth: number): Kid<K, V> | null {
  if (n === null) return null;
  if (n instanceof Leaf) return sameKey(bytesOf(n.key), key, depth >> 1) ? null : n;
  const bit = 1 << nibble(key, depth);
  if ((n.bits & bit) === 0) return n;
  const i = ones(n.bits & (bit - 1));
  const old = n.kids[i];
  const kid = without(old, key, depth + 1);
  if (kid === old) return n;
  if (kid === null) {
    // A branch held at least two keys; with one left under a single leaf, that leaf moves up.
    const kids = n.kids.filter((_, j) => j !== i);
    return kids.length === 1 && kids[0] instanceof Leaf ? kids[0] : new Branch(n.bits & ~bit, kids, n.size - 1);
  }
  if (n.kids.length === 1 && kid instanceof Leaf) return kid;
  const kids = n.kids.slice();
  kids[i] = kid;
  return new Branch(n.bits, kids, n.size - 1);
}

/** A node as a branch at `depth`: a leaf is the branch with itself as its only child. */
function asBranch<K, V>(n: Kid<K, V>, depth: number): Branch<K, V> {
  return n instanceof Branch ? n : new Branch(1 << nibble(bytesOf(n.key), depth), [n], 1);
}

function pushAll<K, V>(n: Kid<K, V>, out: K[]): void {
  for (const leaf of walk(n)) out.push(leaf.key);
}

/** tree.ts `changed`: subtrees shared by both versions are skipped by identity, so after k updates this visits O(k log16 n) nodes. */
function changed<K, V>(before: Kid<K, V> | null, after: Kid<K, V> | null, depth: number, removed: boolean, out: K[]): void {
  if (before === after) return;
  if (before === null || after === null) {
    if (after !== null) pushAll(after, out);
    else if (removed) pushAll(before!, out);
    return;
  }
  if (before instanceof Leaf && after instanceof Leaf) {
    const c = compareBytes(bytesOf(before.key), bytesOf(after.key));
    if (c === 0) {
      if (before.value !== after.value) out.push(after.key);
    } else if (c < 0) {
      if (removed) out.push(before.key);
      out.push(after.key);
    } else {
      out.push(after.key);
      if (removed) out.push(before.key);
    }
    return;
  }
  const b = asBranch(before, depth);
  const a = asBranch(after, depth);
  let ib = 0;
  let ia = 0;
  for (let x = 0; x < 16; x++) {
    const bit = 1 << x;
    const kb = (b.bits & bit) === 0 ? null : b.kids[ib++];
    const ka = (a.bits & bit) === 0 ? null : a.kids[ia++];
    if (kb !== ka) changed(kb, ka, depth + 1, removed, out);
  }
}

function* walk<K, V>(root: Kid<K, V> | null): Generator<Leaf<K, V>> {
  if (root === null) return;
  const stack: Kid<K, V>[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n instanceof Leaf) yield n;
    else for (let i = n.kids.length - 1; i >= 0; i--) stack.push(n.kids[i]);
  }
}

function nodeHash<K, V>(n: Kid<K, V>, codec: MapCodec<K, V>): Words {
  if (n.hash !== null) return n.hash;
  if (n instanceof Leaf) return (n.hash = entryDigest(codec, n.key, n.value));
  const children: Words[] = new Array(n.kids.length);
  for (let i = 0; i < children.length; i++) children[i] = nodeHash(n.kids[i], codec);
  return (n.hash = hashBranchWords(children, n.bits));
}

/** The trie of entries[lo, hi), strictly ascending, that agree on nibbles < depth. */
function build<K, V>(entries: readonly (readonly [K, V])[], lo: number, hi: number, depth: number): Kid<K, V> {
  if (hi - lo === 1) return new Leaf(entries[lo][0], entries[lo][1]);
  let bits = 0;
  const kids: Kid<K, V>[] = [];
  for (let i = lo; i < hi; ) {
    const x = nibble(bytesOf(entries[i][0]), depth);
    let j = i + 1;
    while (j < hi && nibble(bytesOf(entries[j][0]), depth) === x) j++;
    bits |= 1 << x;
    kids.push(build(entries, i, j, depth + 1));
    i = j;
  }
  return new Branch(bits, kids, hi - lo);
}

const kidOf = <K, V>(root: Root<K, V> | TreeRoot) => root as Kid<K, V> | null;

/** The trie's side of the Tree interface (tree.ts). */
export const TRIE: Tree = {
  find: <K, V>(root: Root<K, V>, key: K) => find<K, V>(kidOf(root), bytesOf(key)),
  write: <K, V>(root: Root<K, V>, key: K, w: Write<K, V>) => put(kidOf<K, V>(root), key, w, 0),
  without: <K, V>(root: Root<K, V>, key: K) => without(kidOf<K, V>(root), bytesOf(key), 0),
  changed: <K, V>(before: Root<K, V>, after: Root<K, V>, _codec: MapCodec<K, V>, removed: boolean, out: K[]) => changed(kidOf<K, V>(before), kidOf<K, V>(after), 0, removed, out),
  walk: <K, V>(root: Root<K, V>) => walk(kidOf<K, V>(root)) as Generator<TreeNode<K, V>>,
  first: <K, V>(root: Root<K, V>) => {
    let n = kidOf<K, V>(root);
    while (n instanceof Branch) n = n.kids[0];
    return n;
  },
  last: <K, V>(root: Root<K, V>) => {
    let n = kidOf<K, V>(root);
    while (n instanceof Branch) n = n.kids[n.kids.length - 1];
    return n;
  },
  hash: <K, V>(root: TreeRoot, codec: MapCodec<K, V>) => nodeHash(kidOf<K, V>(root)!, codec),
  height: <K, V>(root: Root<K, V>) => {
    const h = (n: Kid<K, V> | null): number => (n === null ? 0 : n instanceof Leaf ? 1 : 1 + Math.max(...n.kids.map(h)));
    return h(kidOf<K, V>(root));
  },
  build: <K, V>(_codec: MapCodec<K, V>, sorted: readonly (readonly [K, V])[]) => (sorted.length === 0 ? null : build(sorted, 0, sorted.length, 0)),
};
