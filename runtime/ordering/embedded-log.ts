// The default ordering backend: an append-only, checksummed, fsync'd log file in one
// directory. Opening validates every record, cuts a torn tail (an unacknowledged batch),
// and refuses a damaged file rather than silently dropping acknowledged entries.
import fs from "node:fs";
import path from "node:path";
import { encodeRecord, scanLog, type ScannedRecord } from "./log-records.js";
import type { LogEntry, OrderingBackend } from "./ordering.js";

export const LOG_FILE = "commands.log";
const LOCK_FILE = "commands.lock";

export type Recovery =
  | { readonly kind: "clean" }
  | { readonly kind: "torn-tail"; readonly tornBytes: number; readonly reason: string; readonly keptEntries: number };

export class LogOpenError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

export interface EmbeddedLogOptions {
  /** fsync each appended batch before acknowledging it (default true; false only for benchmarks that say so). */
  readonly fsync?: boolean;
}

export class EmbeddedLog implements OrderingBackend {
  private readonly listeners = new Set<(e: LogEntry) => void>();
  private closed = false;

  private constructor(
    private readonly fd: number,
    private readonly lockPath: string,
    private readonly records: ScannedRecord[],
    private size: number,
    private readonly fsyncOnAppend: boolean,
    readonly recovery: Recovery,
  ) {}

  static open(dir: string, options: EmbeddedLogOptions = {}): EmbeddedLog {
    const file = path.join(dir, LOG_FILE);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
    } catch (e) {
      throw new LogOpenError(`cannot use data directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, dir);
    }
    const lockPath = acquireLock(dir);
    try {
      const created = !fs.existsSync(file);
      const fd = fs.openSync(file, created ? "w+" : "r+");
      if (created) fsyncDirectory(dir);
      const data = fs.readFileSync(file);
      const scan = scanLog(data);
      if (scan.kind === "corrupt") {
        fs.closeSync(fd);
        throw new LogOpenError(`log ${file} is damaged at byte ${scan.offset} (${scan.reason}) and is followed by valid entries; refusing to open it`, file);
      }
      let recovery: Recovery = { kind: "clean" };
      if (scan.kind === "torn-tail") {
        fs.ftruncateSync(fd, scan.validBytes);
        fs.fsyncSync(fd);
        recovery = { kind: "torn-tail", tornBytes: scan.tornBytes, reason: scan.reason, keptEntries: scan.records.length };
      }
      return new EmbeddedLog(fd, lockPath, [...scan.records], scan.validBytes, options.fsync ?? true, recovery);
    } catch (e) {
      fs.rmSync(lockPath, { force: true });
      throw e;
    }
  }

  lastIndex(): number {
    return this.records.length;
  }

  async append(payloads: readonly Uint8Array[]): Promise<readonly number[]> {
    this.ensureOpen();
    if (payloads.length === 0) return [];
    const first = this.records.length + 1;
    const buffers = payloads.map((p, i) => encodeRecord(first + i, p, i === payloads.length - 1));
    const batch = Buffer.concat(buffers);
    let written = 0;
    while (written < batch.length) written += fs.writeSync(this.fd, batch, written, batch.length - written, this.size + written);
    if (this.fsyncOnAppend) fs.fdatasyncSync(this.fd);
    const indexes: number[] = [];
    let offset = this.size;
    for (let i = 0; i < payloads.length; i++) {
      this.records.push({ index: first + i, offset: offset + 16, length: payloads[i].length });
      offset += buffers[i].length;
      indexes.push(first + i);
    }
    this.size = offset;
    for (let i = 0; i < payloads.length; i++) this.notify({ index: first + i, payload: payloads[i] });
    return indexes;
  }

  async read(fromIndex: number, limit = Number.MAX_SAFE_INTEGER): Promise<readonly LogEntry[]> {
    return this.readSync(fromIndex, limit);
  }

  readSync(fromIndex: number, limit = Number.MAX_SAFE_INTEGER): LogEntry[] {
    this.ensureOpen();
    const out: LogEntry[] = [];
    for (let i = Math.max(1, fromIndex); i <= this.records.length && out.length < limit; i++) out.push(this.entry(i));
    return out;
  }

  watch(fromIndex: number, onEntry: (entry: LogEntry) => void): () => void {
    for (const e of this.readSync(fromIndex)) onEntry(e);
    const start = Math.max(fromIndex, this.records.length + 1);
    const listener = (e: LogEntry) => {
      if (e.index >= start) onEntry(e);
    };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    fs.closeSync(this.fd);
    fs.rmSync(this.lockPath, { force: true });
  }

  private entry(index: number): LogEntry {
    const r = this.records[index - 1];
    const payload = Buffer.alloc(r.length);
    fs.readSync(this.fd, payload, 0, r.length, r.offset);
    return { index, payload: new Uint8Array(payload.buffer, payload.byteOffset, payload.length) };
  }

  private notify(e: LogEntry): void {
    for (const l of this.listeners) l(e);
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error("internal error: the log is closed");
  }
}

/** One process per log: a lock file holding the owner's pid; a lock left by a dead process is taken over. */
function acquireLock(dir: string): string {
  const lockPath = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return lockPath;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new LogOpenError(`cannot lock ${lockPath}: ${(e as Error).message}`, lockPath);
      const owner = Number(fs.readFileSync(lockPath, "utf8"));
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new LogOpenError(`log in ${dir} is in use by process ${owner}`, lockPath);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new LogOpenError(`cannot lock ${lockPath}`, lockPath);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function fsyncDirectory(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
