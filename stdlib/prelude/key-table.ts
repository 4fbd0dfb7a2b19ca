// Prelude: a mutable hash table from a map's keys to its entries, the latest version of a
// PMap (pmap.ts). Keys are Uint8Arrays or other structured values, which a JS Map cannot
// key by content, so the table keys a Map by a 32-bit hash of the key's bytes and keeps the
// rare keys that share a hash in a small array. The hash decides only where an entry is
// stored, never what a lookup answers or in which order anything is visited, so a key
// chosen to collide costs time, not determinism.
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
  const id: KeyIdentity<K> =
    codec.keyBytes !== undefined
      ? { hash: (k) => hashBytes(k as unknown as Uint8Array), same: (a, b) => bytesEqual(a as unknown as Uint8Array, b as unknown as Uint8Array) }
      : { hash: codec.hashKey ?? ((k) => hashBytes(codec.encodeKey(k))), same: (a, b) => codec.compare(a, b) === 0 };
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
    for (const e of s) if (this.id.same(e.key, key)) return e;
    return undefined;
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
        this.slots.set(h, [s, e]);
        this.count++;
      }
    } else {
      const i = s.findIndex((x) => this.id.same(x.key, e.key));
      if (i >= 0) s[i] = e;
      else {
        s.push(e);
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
    const i = s.findIndex((x) => this.id.same(x.key, key));
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
