// Certified snapshots: the file format round-trips and refuses damage, the file store
// writes atomically, keeps the newest few and falls back past a damaged file, and a
// restart refuses a snapshot whose certificate or state does not check out (it rebuilds
// from the log instead, to the same root).
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Committee } from "../../../runtime/committee/committee.js";
import { FileSnapshotStore, MemorySnapshotStore, type CertifiedSnapshot, type SnapshotStore } from "../../../runtime/committee/snapshot-store.js";
import { EmbeddedLog } from "../../../runtime/ordering/embedded-log.js";
import type { OrderingBackend } from "../../../runtime/ordering/ordering.js";
import { decodeSnapshot, encodeSnapshot, SnapshotError } from "../../../runtime/replica/snapshot.js";
import { commandStream, memberKeys, removeTempDirs, tempDir } from "../support/committee-fixture.js";
import { ledgerMachine, type LedgerState } from "../support/ledger-machine.js";

const logs: OrderingBackend[] = [];
afterEach(async () => {
  for (const l of logs.splice(0)) await l.close();
  removeTempDirs();
});

async function committeeWith(store: SnapshotStore, snapshotEvery = 0) {
  const log = EmbeddedLog.open(tempDir());
  logs.push(log);
  const c = await Committee.open<LedgerState, unknown>({ keys: memberKeys(3), quorum: 2, createMachine: () => ledgerMachine(), log, snapshots: store, snapshotEvery });
  return { c, log };
}

describe("snapshots", () => {
  it("encode and decode, refusing truncation, bit flips and bad headers", () => {
    const snap = { organism: "11".repeat(32), index: 9, root: "22".repeat(32), state: new Uint8Array([1, 2, 3, 4]) };
    const bytes = encodeSnapshot(snap, { note: "x" });
    expect(decodeSnapshot(bytes)).toEqual({ snapshot: snap, extra: { note: "x" } });
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 1))).toThrow(SnapshotError);
    const flipped = bytes.slice();
    flipped[30] ^= 1;
    expect(() => decodeSnapshot(flipped)).toThrow(/checksum/);
    expect(() => decodeSnapshot(new TextEncoder().encode("SMALTSNX........"))).toThrow(/magic/);
    expect(() => decodeSnapshot(encodeSnapshot({ ...snap, root: "zz" }))).toThrow(/root is not a digest/);
  });

  it("are taken every k committed indexes and only at certified roots", async () => {
    const store = new MemorySnapshotStore();
    const { c } = await committeeWith(store, 10);
    await c.submit(commandStream(35));
    expect(store.all().map((r) => r.snapshot.index)).toEqual([10, 20, 30]);
    for (const r of store.all()) {
      expect(r.certificate).toEqual(c.certificateFor(r.snapshot.index));
      expect(r.snapshot.root).toBe(r.certificate.root);
    }
    const manual = await c.takeSnapshot();
    expect(manual?.snapshot.index).toBe(35);
  });

  it("are written to files atomically; the newest readable one is used and old ones are pruned", async () => {
    const dir = path.join(tempDir(), "snapshots");
    const store = new FileSnapshotStore(dir, { keep: 2 });
    const { c } = await committeeWith(store, 5);
    await c.submit(commandStream(16));
    expect(store.files()).toEqual(["snapshot-000000000010.bin", "snapshot-000000000015.bin"]);
    expect(fs.readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
    expect((await store.latest())?.snapshot.index).toBe(15);
    // Damage the newest: the store falls back to the older one.
    const newest = path.join(dir, "snapshot-000000000015.bin");
    const bytes = fs.readFileSync(newest);
    bytes[bytes.length - 10] ^= 0xff;
    fs.writeFileSync(newest, bytes);
    expect((await store.latest())?.snapshot.index).toBe(10);
    c.stop(0);
    const restarted = await c.restart(0, { from: "snapshot" });
    expect(restarted).toMatchObject({ source: "snapshot", snapshotIndex: 10, appliedIndex: 16 });
    expect(restarted.root).toBe(c.certificateFor(16)!.root);
  });

  it("with a forged certificate or state are refused, and the member rebuilds from the log instead", async () => {
    const store = new MemorySnapshotStore();
    const { c } = await committeeWith(store);
    await c.submit(commandStream(12));
    const good = (await c.takeSnapshot())!;
    const forgedCert: CertifiedSnapshot = {
      snapshot: good.snapshot,
      certificate: { ...good.certificate, signatures: good.certificate.signatures.slice(0, 1) },
    };
    await store.save(forgedCert);
    c.stop(1);
    const first = await c.restart(1, { from: "snapshot" });
    expect(first).toMatchObject({ source: "log", fallback: expect.stringMatching(/certificate rejected: .*fewer than the quorum/), appliedIndex: 12 });
    expect(first.root).toBe(good.certificate.root);

    const otherState = ledgerMachine().encodeState(ledgerMachine().initialState());
    await store.save({ snapshot: { ...good.snapshot, state: otherState }, certificate: good.certificate });
    c.stop(1);
    const second = await c.restart(1, { from: "snapshot" });
    expect(second).toMatchObject({ source: "log", fallback: expect.stringMatching(/decodes to root/), appliedIndex: 12, root: good.certificate.root });
  });

  it("are not needed: with none stored, a restart from snapshot rebuilds from the log", async () => {
    const { c } = await committeeWith(new MemorySnapshotStore());
    await c.submit(commandStream(6));
    c.stop(2);
    expect(await c.restart(2, { from: "snapshot" })).toMatchObject({ source: "log", fallback: "no snapshot stored", appliedIndex: 6 });
    await expect(c.restart(2)).rejects.toThrow(/is running/);
  });
});
