// The values of the most recent log indexes, a fixed number of them, in a ring: index i
// lives in slot i mod capacity, so keeping the last n costs one array write per index. (A
// Map pruned from its front slows down as the deleted entries pile up inside it; at one
// step per entry per member that was a measurable share of a commit.)
export class RecentByIndex<T> {
  private readonly indexes: number[];
  private readonly values: (T | undefined)[];

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, not ${capacity}`);
    this.indexes = new Array<number>(capacity).fill(0);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
  }

  /** Keeps `value` for `index` (≥ 1), replacing whatever index shared its slot. */
  set(index: number, value: T): void {
    const slot = index % this.capacity;
    this.indexes[slot] = index;
    this.values[slot] = value;
  }

  /** The value kept for `index`, unless a later index took its slot. */
  get(index: number): T | undefined {
    const slot = index % this.capacity;
    return this.indexes[slot] === index && index >= 1 ? this.values[slot] : undefined;
  }

  clear(): void {
    this.indexes.fill(0);
    this.values.fill(undefined);
  }
}
