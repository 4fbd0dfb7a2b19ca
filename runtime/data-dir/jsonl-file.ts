// Append-only JSON-lines files of a data directory (receipts, certificates). They are
// records of what the committee derived, not the source of truth (the command log is), so
// a line cut short by a crash is reported and dropped when read, never fatal.
import fs from "node:fs";

export interface JsonlRead<T> {
  readonly records: T[];
  /** A final line without its newline (a write cut short by a crash), dropped. */
  readonly tornTail: boolean;
}

export function readJsonl<T>(file: string): JsonlRead<T> {
  if (!fs.existsSync(file)) return { records: [], tornTail: false };
  const text = fs.readFileSync(file, "utf8");
  const lines = text.split("\n");
  const last = lines.pop() ?? "";
  const records: T[] = [];
  lines.forEach((line, i) => {
    try {
      records.push(JSON.parse(line) as T);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: not a JSON record (${(e as Error).message})`);
    }
  });
  return { records, tornTail: last.length > 0 };
}

/** Appends records one per line; a torn last line left by an earlier crash is cut first. */
export class JsonlWriter {
  private readonly fd: number;

  constructor(readonly file: string) {
    if (fs.existsSync(file)) {
      const text = fs.readFileSync(file, "utf8");
      const end = text.lastIndexOf("\n") + 1;
      if (end !== Buffer.byteLength(text)) fs.truncateSync(file, Buffer.byteLength(text.slice(0, end)));
    }
    this.fd = fs.openSync(file, "a");
  }

  append(records: readonly unknown[]): void {
    if (records.length === 0) return;
    fs.writeSync(this.fd, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
