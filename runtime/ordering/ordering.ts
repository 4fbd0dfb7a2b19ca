// The ordering interface every command log implements: ordered, durable append; read
// from an index; watch for new entries. The embedded log is the default; an etcd backend
// implements the same interface. Nothing here decides *what* is ordered (no consensus).

export interface LogEntry {
  readonly index: number; // 1-based, dense: entry i follows entry i-1
  readonly payload: Uint8Array;
}

export interface OrderingBackend {
  /** Appends payloads in order; resolves with their indexes once they are durable (the acknowledgement). */
  append(payloads: readonly Uint8Array[]): Promise<readonly number[]>;
  /** Entries with index ≥ fromIndex, in order, at most `limit` of them. */
  read(fromIndex: number, limit?: number): Promise<readonly LogEntry[]>;
  /** Calls `onEntry` for every entry ≥ fromIndex, existing ones first, then each new one as it is appended. Returns an unsubscribe function. */
  watch(fromIndex: number, onEntry: (entry: LogEntry) => void): () => void;
  /** Index of the last durable entry (0 when empty). */
  lastIndex(): number;
  close(): Promise<void>;
}
