// Prelude: a persistent ordered set, a PMap from element to nothing. Same canonical
// shape, key-order iteration, structural sharing and Merkle root as PMap; an element's
// entry digest covers its encoding and an empty value.
import { SmaltAbort } from "./abort.js";
import { PMap, type MapCodec } from "./pmap.js";

/** Ordering and encoding of set elements: the key half of a MapCodec (same contract). */
export interface SetCodec<T> {
  readonly compare: (a: T, b: T) => number;
  readonly encodeKey: (x: T) => Uint8Array;
  /** As in MapCodec: elements of exactly this many bytes, a radix trie. */
  readonly keyBytes?: number;
  /** As in MapCodec: where an element goes in the latest version's table. */
  readonly hashKey?: (x: T) => number;
}

const EMPTY = new Uint8Array(0);
const PRESENT = true as const;

function asMapCodec<T>(codec: SetCodec<T>): MapCodec<T, true> {
  return { compare: codec.compare, encodeKey: codec.encodeKey, encodeValue: () => EMPTY, ...(codec.keyBytes === undefined ? {} : { keyBytes: codec.keyBytes }), ...(codec.hashKey === undefined ? {} : { hashKey: codec.hashKey }) };
}

/** An immutable set of T, iterated in element order. */
export class PSet<T> {
  private constructor(
    readonly codec: SetCodec<T>,
    private readonly map: PMap<T, true>,
  ) {}

  static empty<T>(codec: SetCodec<T>): PSet<T> {
    return new PSet(codec, PMap.empty(asMapCodec(codec)));
  }

  static from<T>(codec: SetCodec<T>, elements: Iterable<T>): PSet<T> {
    let s = PSet.empty(codec);
    for (const x of elements) s = s.add(x);
    return s;
  }

  get size(): number {
    return this.map.size;
  }

  /** The set as the map from element to `true` it is built on (for key-wise helpers such as incremental.ts). */
  keyMap(): PMap<T, true> {
    return this.map;
  }

  has(x: T): boolean {
    return this.map.has(x);
  }

  /** A new version containing `x`. Unbounded; handlers use `addWithin`. */
  add(x: T): PSet<T> {
    const next = this.map.set(x, PRESENT);
    return next === this.map ? this : new PSet(this.codec, next);
  }

  /** `s.insert(x)` in a set of capacity N: adding a new element to a full set aborts with "capacity". */
  addWithin(capacity: number, x: T): PSet<T> {
    if (this.map.size >= capacity && !this.map.has(x)) {
      throw new SmaltAbort("capacity", `set is full (capacity ${capacity})`);
    }
    return this.add(x);
  }

  delete(x: T): PSet<T> {
    const next = this.map.delete(x);
    return next === this.map ? this : new PSet(this.codec, next);
  }

  min(): T | undefined {
    return this.map.min()?.[0];
  }

  max(): T | undefined {
    return this.map.max()?.[0];
  }

  values(): Generator<T> {
    return this.map.keys();
  }

  [Symbol.iterator](): Generator<T> {
    return this.map.keys();
  }

  forEach(visit: (x: T) => void): void {
    this.map.forEach((_, x) => visit(x));
  }

  /** The Merkle root, defined exactly as for a map whose values encode to no bytes. */
  rootHash(): Uint8Array {
    return this.map.rootHash();
  }

  height(): number {
    return this.map.height();
  }
}
