// An in-memory ordering backend for tests and for replaying a log held elsewhere: the
// same contract as the embedded log (dense 1-based indexes, ordered append, read from an
// index, watch), with nothing durable. It copies payloads in and out, so a caller that
// reuses a buffer cannot rewrite history.
import type { LogEntry, OrderingBackend } from "./ordering.js";

export interface MemoryLogOptions {
  /**
   * Deliver appended entries to watchers on a later microtask instead of inside
   * `append` (the way a networked backend such as etcd would), so consumers are tested
   * against asynchronous delivery too. Default false: synchronous, like the embedded log.
   */
  readonly asyncDelivery?: boolean;
}

export class MemoryLog implements OrderingBackend {
  private readonly entries: Uint8Array[] = [];
  private readonly listeners = new Set<(e: LogEntry) => void>();
  private notifiedThrough = 0; // entries up to here have been handed to the listeners
  private closed = false;

  constructor(private readonly options: MemoryLogOptions = {}) {}

  /** A log that already holds `payloads` (indexes 1..n), e.g. to replay a recorded run. */
  static of(payloads: readonly Uint8Array[], options: MemoryLogOptions = {}): MemoryLog {
    const log = new MemoryLog(options);
    for (const p of payloads) log.entries.push(p.slice());
    log.notifiedThrough = log.entries.length;
    return log;
  }

  lastIndex(): number {
    return this.entries.length;
  }

  async append(payloads: readonly Uint8Array[]): Promise<readonly number[]> {
    this.ensureOpen();
    const first = this.entries.length + 1;
    const appended = payloads.map((p, i) => ({ index: first + i, payload: p.slice() }));
    for (const e of appended) this.entries.push(e.payload);
    if (this.options.asyncDelivery) {
      queueMicrotask(() => {
        for (const e of appended) this.notify(e);
      });
    } else {
      for (const e of appended) this.notify(e);
    }
    return appended.map((e) => e.index);
  }

  async read(fromIndex: number, limit = Number.MAX_SAFE_INTEGER): Promise<readonly LogEntry[]> {
    return this.readSync(fromIndex, limit);
  }

  readSync(fromIndex: number, limit = Number.MAX_SAFE_INTEGER): LogEntry[] {
    this.ensureOpen();
    const out: LogEntry[] = [];
    for (let i = Math.max(1, fromIndex); i <= this.entries.length && out.length < limit; i++) out.push(this.entry(i));
    return out;
  }

  watch(fromIndex: number, onEntry: (entry: LogEntry) => void): () => void {
    this.ensureOpen();
    // Entries already handed to listeners are replayed here; one appended but not yet
    // delivered (asynchronous mode) reaches this listener with the others, never twice.
    const start = Math.max(1, fromIndex);
    let next = start;
    const listener = (e: LogEntry) => {
      if (e.index >= next) {
        next = e.index + 1;
        onEntry({ index: e.index, payload: e.payload.slice() });
      }
    };
    for (const e of this.readSync(start, this.notifiedThrough - start + 1)) listener(e);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }

  private entry(index: number): LogEntry {
    return { index, payload: this.entries[index - 1].slice() };
  }

  private notify(e: LogEntry): void {
    this.notifiedThrough = e.index;
    for (const l of [...this.listeners]) l(e);
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error("internal error: the log is closed");
  }
}
