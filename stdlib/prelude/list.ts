// Prelude: operations on `list<T, N>`, represented as frozen-by-convention JS arrays.
// Lists are copy-on-write: push/pop/set copy the array, O(len) ≤ O(N) per operation,
// which the declared capacity bounds. Old versions are never modified, so a list in a
// state version stays valid after a later transaction builds a new one.
import { SmaltAbort } from "./abort.js";
import type { Comparator } from "./compare.js";
import type { Option } from "./types.js";

/** A list literal or a conversion into `list<T, N>`: more than N elements aborts with "capacity". */
export function listOf<T>(items: readonly T[], capacity: number): readonly T[] {
  if (items.length > capacity) throw new SmaltAbort("capacity", `list is full (capacity ${capacity})`);
  return items;
}

/** `xs.push(x)`: a new list with `x` appended; aborts with "capacity" when the list is full. */
export function push<T>(xs: readonly T[], x: T, capacity: number): readonly T[] {
  if (xs.length >= capacity) throw new SmaltAbort("capacity", `list is full (capacity ${capacity})`);
  const next = xs.slice();
  next.push(x);
  return next;
}

/** `xs.pop()`: the list without its last element, and that element (none when empty). */
export function pop<T>(xs: readonly T[]): readonly [readonly T[], Option<T>] {
  if (xs.length === 0) return [xs, null];
  return [xs.slice(0, -1), { value: xs[xs.length - 1] }];
}

function checkIndex(xs: readonly unknown[], i: bigint): number {
  if (i < 0n || i >= BigInt(xs.length)) {
    throw new SmaltAbort("index", `index ${i} out of range for a list of length ${xs.length}`);
  }
  return Number(i);
}

/** `xs[i]`: aborts with "index" when `i` is out of range. */
export function at<T>(xs: readonly T[], i: bigint): T {
  return xs[checkIndex(xs, i)];
}

/** `xs[i] = x`: a new list; aborts with "index" when `i` is out of range. */
export function setAt<T>(xs: readonly T[], i: bigint, x: T): readonly T[] {
  const k = checkIndex(xs, i);
  const next = xs.slice();
  next[k] = x;
  return next;
}

/** `len(xs)` as the u64 it is in Smalt. */
export function len(xs: { readonly length: number } | { readonly size: number }): bigint {
  return BigInt("length" in xs ? xs.length : xs.size);
}

/** `xs.contains(x)` under the element type's equality (`equalsFor`). */
export function contains<T>(xs: readonly T[], x: T, equals: (a: T, b: T) => boolean): boolean {
  for (const y of xs) if (equals(x, y)) return true;
  return false;
}

/** One key of `sort(xs by f dir, …)`: the field read, the field type's comparator, the direction. */
export interface SortKey<T> {
  readonly get: (x: T) => unknown;
  readonly compare: Comparator<unknown>;
  readonly descending: boolean;
}

/**
 * `sort(xs by k1 dir, k2 dir, …)`: a new list ordered by the keys in turn; elements equal
 * on every key keep their list order (Array.prototype.sort is stable by specification).
 */
export function sortBy<T>(xs: readonly T[], keys: readonly SortKey<T>[]): readonly T[] {
  return xs.slice().sort((a, b) => {
    for (const k of keys) {
      const c = k.compare(k.get(a), k.get(b));
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  });
}
