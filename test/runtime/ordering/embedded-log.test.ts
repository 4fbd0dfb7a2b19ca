// The embedded log on a real file system: ordering, durability across reopen, torn tails
// cut without losing acknowledged batches, damage refused, and kill -9 of a real writer.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedLog, LOG_FILE, LogOpenError } from "../../../runtime/ordering/embedded-log.js";

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "smalt-log-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

describe("embedded log", () => {
  it("appends in order and reads back from any index", async () => {
    const log = EmbeddedLog.open(tempDir());
    expect(await log.append([text("a"), text("b")])).toEqual([1, 2]);
    expect(await log.append([text("c")])).toEqual([3]);
    expect((await log.read(2)).map((e) => [e.index, str(e.payload)])).toEqual([[2, "b"], [3, "c"]]);
    expect((await log.read(1, 1)).length).toBe(1);
    await log.close();
  });

  it("keeps every entry across close and reopen", async () => {
    const dir = tempDir();
    const log = EmbeddedLog.open(dir);
    await log.append([text("x"), text("y")]);
    await log.close();
    const again = EmbeddedLog.open(dir);
    expect(again.recovery.kind).toBe("clean");
    expect((await again.read(1)).map((e) => str(e.payload))).toEqual(["x", "y"]);
    expect(await again.append([text("z")])).toEqual([3]);
    await again.close();
  });

  it("delivers existing and new entries to watchers, in order", async () => {
    const log = EmbeddedLog.open(tempDir());
    await log.append([text("1"), text("2")]);
    const seen: number[] = [];
    const stop = log.watch(2, (e) => seen.push(e.index));
    await log.append([text("3")]);
    stop();
    await log.append([text("4")]);
    expect(seen).toEqual([2, 3]);
    await log.close();
  });

  it("cuts a torn last batch and keeps every complete batch", async () => {
    const dir = tempDir();
    const log = EmbeddedLog.open(dir);
    await log.append([text("kept-1"), text("kept-2")]);
    await log.close();
    const file = path.join(dir, LOG_FILE);
    const good = fs.statSync(file).size;
    // Simulate a crash in the middle of writing the next batch: half a record.
    fs.appendFileSync(file, Buffer.from([0x53, 0x4c, 1, 1, 9, 0, 0, 0, 3, 0]));
    const reopened = EmbeddedLog.open(dir);
    expect(reopened.recovery).toMatchObject({ kind: "torn-tail", tornBytes: 10, keptEntries: 2 });
    expect(fs.statSync(file).size).toBe(good);
    expect((await reopened.read(1)).map((e) => str(e.payload))).toEqual(["kept-1", "kept-2"]);
    await reopened.close();
  });

  it("drops a batch whose end never reached the disk, whole", async () => {
    const dir = tempDir();
    const log = EmbeddedLog.open(dir);
    await log.append([text("a")]);
    await log.append([text("b1"), text("b2"), text("b3")]);
    await log.close();
    const file = path.join(dir, LOG_FILE);
    const data = fs.readFileSync(file);
    fs.writeFileSync(file, data.subarray(0, data.length - 5)); // the batch-end record is cut
    const reopened = EmbeddedLog.open(dir);
    expect(reopened.lastIndex()).toBe(1);
    await reopened.close();
  });

  it("refuses a file damaged before a complete batch instead of dropping acknowledged entries", async () => {
    const dir = tempDir();
    const log = EmbeddedLog.open(dir);
    await log.append([text("first")]);
    await log.append([text("second")]);
    await log.close();
    const file = path.join(dir, LOG_FILE);
    const data = fs.readFileSync(file);
    data[18] ^= 0xff; // a payload byte of the first record
    fs.writeFileSync(file, data);
    expect(() => EmbeddedLog.open(dir)).toThrow(LogOpenError);
    expect(() => EmbeddedLog.open(dir)).toThrow(/damaged at byte 0 \(checksum mismatch\)/);
  });

  it("refuses a second opener while the first holds the log", async () => {
    const dir = tempDir();
    const log = EmbeddedLog.open(dir);
    expect(() => EmbeddedLog.open(dir)).toThrow(/in use by process/);
    await log.close();
    (await EmbeddedLog.open(dir).close());
  });

  it("loses no acknowledged entry when the writer is killed with SIGKILL", async () => {
    const dir = tempDir();
    for (let round = 0; round < 2; round++) {
      const acked = await runAndKill(dir, 40 + round * 40);
      const log = EmbeddedLog.open(dir);
      const entries = await log.read(1);
      expect(entries.length).toBeGreaterThanOrEqual(acked);
      entries.forEach((e, i) => expect(str(e.payload)).toBe(`payload-${i + 1}`));
      await log.close();
    }
  }, 60_000);
});

/** Starts the writer child, kills it with SIGKILL once it has acknowledged `atLeast` entries; returns the highest acknowledged index. */
function runAndKill(dir: string, atLeast: number): Promise<number> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "log-writer-child.ts"), dir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let highest = 0;
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^acked (\d+)$/.exec(line);
        if (m) highest = Math.max(highest, Number(m[1]));
      }
      if (highest >= atLeast && child.exitCode === null) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve(highest) : reject(new Error(`writer exited without being killed (${signal})`))));
  });
}
