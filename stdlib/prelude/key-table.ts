// Prelude: a mutable hash table from a map's keys to its entries, the latest version of a
// PMap (pmap.ts). Keys are Uint8Arrays or other structured values, which a JS Map cannot
// key by content, so the table keys a Map by a 32-bit hash of the key's bytes and keeps the
// rare keys that share a hash in an array sorted by key. The hash decides only where an
// entry is stored, never what a lookup answers or in which order anything is visited. The
// hash is not secret, so keys can be chosen to collide (a digest key is any 32 bytes the
// sender likes): the sorted array keeps even a table whose keys all collide at O(log n)
// comparisons a lookup, as the tree under it would be.
import { bytesEqual } from "./hash.js";
import type { MapCodec } from "./tree.js";

/** One binding; immutable, so the version chain (pmap.ts) can keep the entry a write replaced. */
export interface Entry<K, V> {
  readonly key: K;
  readonly value: V;
}

/** How a table hashes and identifies keys: derived once per codec. */
export interface KeyIdentity<K> {
  readonly hash: (key: K) => number;
  readonly same: (a: K, b: K) => boolean;
  /** The codec's order, which keeps colliding keys sorted. */
  readonly order: (a: K, b: K) => number;
}

/** The big-endian 32-bit word at `i`. */
const word = (b: Uint8Array, i: number) => (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];

/**
 * A fixed-length key (peer, digest, measurement: 32 or 48 bytes) by three of its words, the
 * first, a middle and the last: those keys are hashes or public keys, whose every word is
 * spread, and ids that count somewhere still differ in one of them. Keys that agree on all
 * three merely share a slot (kept sorted, see above); hashing every byte would not help
 * against chosen keys, whose last word alone can steer any hash that is not secret.
 */
export function hashFixedKey(b: Uint8Array): number {
  const n = b.length;
  const m = (n >> 1) & ~3;
  return Math.imul(word(b, 0) ^ Math.imul(word(b, m) ^ Math.imul(word(b, n - 4), 0x9e3779b1), 0x85ebca6b), 0xc2b2ae35);
}

/** FNV-1a over the bytes, four at a time. */
export function hashBytes(b: Uint8Array): number {
  let h = 0x811c9dc5;
  const n = b.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) h = Math.imul(h ^ ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]), 0x01000193);
  for (; i < n; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h;
}

const identities = new WeakMap<object, KeyIdentity<unknown>>();

/**
 * Byte keys hash their own bytes; other keys use the codec's `hashKey`, or hash their
 * canonical encoding, which the codec contract makes equal exactly when `compare` is 0.
 */
export function keyIdentity<K>(codec: MapCodec<K, unknown>): KeyIdentity<K> {
  const known = identities.get(codec);
  if (known !== undefined) return known as KeyIdentity<K>;
  const order = codec.compare;
  const id: KeyIdentity<K> =
    codec.keyBytes !== undefined
      ? { hash: (k) => hashFixedKey(k as unknown as Uint8Array), same: (a, b) => bytesEqual(a as unknown as Uint8Array, b as unknown as Uint8Array), order }
      : { hash: codec.hashKey ?? ((k) => hashBytes(codec.encodeKey(k))), same: (a, b) => order(a, b) === 0, order };
  identities.set(codec, id as KeyIdentity<unknown>);
  return id;
}

type Slot<K, V> = Entry<K, V> | Entry<K, V>[];

export class KeyTable<K, V> {
  private readonly slots: Map<number, Slot<K, V>>;
  private count: number;

  constructor(
    readonly id: KeyIdentity<K>,
    from?: KeyTable<K, V>,
  ) {
    this.slots = new Map(from?.slots);
    this.count = from?.count ?? 0;
    // Collision arrays are edited in place: the copy gets its own.
    if (from !== undefined) for (const [h, s] of this.slots) if (Array.isArray(s)) this.slots.set(h, s.slice());
  }

  get size(): number {
    return this.count;
  }

  get(key: K, h: number): Entry<K, V> | undefined {
    const s = this.slots.get(h);
    if (s === undefined) return undefined;
    if (!Array.isArray(s)) return this.id.same(s.key, key) ? s : undefined;
    const i = this.search(s, key);
    return i >= 0 ? s[i] : undefined;
  }

  /** The index of `key` in a sorted collision array, or -(insertion point) - 1. */
  private search(s: readonly Entry<K, V>[], key: K): number {
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.id.order(s[mid].key, key);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return -lo - 1;
  }

  /** Binds `e.key` to `e` (whose hash is `h`), replacing its entry if it has one. */
  put(e: Entry<K, V>, h: number): void {
    const s = this.slots.get(h);
    if (s === undefined) {
      this.slots.set(h, e);
      this.count++;
    } else if (!Array.isArray(s)) {
      if (this.id.same(s.key, e.key)) this.slots.set(h, e);
      else {
        this.slots.set(h, this.id.order(s.key, e.key) < 0 ? [s, e] : [e, s]);
        this.count++;
      }
    } else {
      const i = this.search(s, e.key);
      if (i >= 0) s[i] = e;
      else {
        s.splice(-i - 1, 0, e);
        this.count++;
      }
    }
  }

  remove(key: K, h: number): void {
    const s = this.slots.get(h);
    if (s === undefined) return;
    if (!Array.isArray(s)) {
      if (this.id.same(s.key, key)) {
        this.slots.delete(h);
        this.count--;
      }
      return;
    }
    const i = this.search(s, key);
    if (i < 0) return;
    s.splice(i, 1);
    this.count--;
    if (s.length === 1) this.slots.set(h, s[0]);
  }

  /** Every entry, in no particular order (callers sort, or build a tree, which has one shape). */
  *all(): Generator<Entry<K, V>> {
    for (const s of this.slots.values()) {
      if (Array.isArray(s)) yield* s;
      else yield s;
    }
  }
}
