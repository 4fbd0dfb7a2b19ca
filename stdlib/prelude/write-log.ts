// Prelude: the recent writes of a PMap version, newest first, each with the root it
// replaced. `changedKeys(before)` reads the writes made since `before`'s root instead of
// diffing the two trees; a root identifies its entries, so reaching it in the log is
// enough. The log is a shared persistent list (a write adds one cell and keeps the older
// ones), capped at LOG_LIMIT cells: past that a new list starts, an older `before` is no
// longer found, and the diff answers instead. It holds the replaced roots alive, so the cap
// also bounds the memory a long run of versions keeps.
export interface WriteEntry<K> {
  readonly key: K;
  /** A delete (the key was present and is gone); otherwise the key was added or rebound. */
  readonly removal: boolean;
  /** The root of the version the write was made on. */
  readonly before: unknown;
  readonly next: WriteEntry<K> | null;
  readonly length: number;
}

export const LOG_LIMIT = 64;

/** `log` with one more write on top (or a fresh log when `log` is full). */
export function logWrite<K>(log: WriteEntry<K> | null, key: K, removal: boolean, before: unknown): WriteEntry<K> {
  const keep = log !== null && log.length < LOG_LIMIT ? log : null;
  return { key, removal, before, next: keep, length: keep === null ? 1 : keep.length + 1 };
}

/** The writes made since the version whose root is `root`, newest first; undefined when the log does not reach back to it. */
export function writesSince<K>(log: WriteEntry<K> | null, root: unknown): WriteEntry<K>[] | undefined {
  const out: WriteEntry<K>[] = [];
  for (let e = log; e !== null; e = e.next) {
    out.push(e);
    if (e.before === root) return out;
  }
  return undefined;
}
