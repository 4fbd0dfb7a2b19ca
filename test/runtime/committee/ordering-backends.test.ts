// The OrderingBackend contract the committee relies on, run against every backend it is
// used with here: the embedded log, and the in-memory log with synchronous and with
// asynchronous delivery (the way a networked backend delivers).
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedLog } from "../../../runtime/ordering/embedded-log.js";
import { MemoryLog } from "../../../runtime/ordering/memory-log.js";
import type { LogEntry, OrderingBackend } from "../../../runtime/ordering/ordering.js";
import { removeTempDirs, tempDir } from "../support/committee-fixture.js";

afterEach(removeTempDirs);

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const backends: [string, () => OrderingBackend][] = [
  ["embedded log", () => EmbeddedLog.open(tempDir("smalt-order-"))],
  ["memory log", () => new MemoryLog()],
  ["memory log, asynchronous delivery", () => new MemoryLog({ asyncDelivery: true })],
];

describe.each(backends)("%s", (_, open) => {
  it("appends densely from 1 and reads back from any index, with a limit", async () => {
    const log = open();
    expect(log.lastIndex()).toBe(0);
    expect(await log.append([text("a"), text("b")])).toEqual([1, 2]);
    expect(await log.append([])).toEqual([]);
    expect(await log.append([text("c")])).toEqual([3]);
    expect(log.lastIndex()).toBe(3);
    expect((await log.read(2)).map((e) => [e.index, str(e.payload)])).toEqual([[2, "b"], [3, "c"]]);
    expect((await log.read(1, 2)).map((e) => e.index)).toEqual([1, 2]);
    expect(await log.read(4)).toEqual([]);
    await log.close();
  });

  it("watches: existing entries first, then each new one once, in order, until unsubscribed", async () => {
    const log = open();
    await log.append([text("1"), text("2"), text("3")]);
    await settle();
    const seen: LogEntry[] = [];
    const stop = log.watch(2, (e) => seen.push(e));
    await log.append([text("4"), text("5")]);
    await settle();
    stop();
    await log.append([text("6")]);
    await settle();
    expect(seen.map((e) => [e.index, str(e.payload)])).toEqual([[2, "2"], [3, "3"], [4, "4"], [5, "5"]]);
    await log.close();
  });

  it("keeps its entries when the caller reuses a payload buffer", async () => {
    const log = open();
    const buf = text("abc");
    await log.append([buf]);
    buf[0] = 0x7a;
    expect(str((await log.read(1))[0].payload)).toBe("abc");
    await log.close();
  });
});
