// An emitted organism as the runtime's StateMachine: JSON commands decoded by the module's
// own schema (a malformed one is a deterministic rejection, not a throw), `self` is the
// stable id, and snapshots round-trip through decodeState, so a committee member restarted
// from a certified snapshot of a real organism ends at the same root as one that replayed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Committee } from "../../../runtime/committee/committee.js";
import { FileSnapshotStore } from "../../../runtime/committee/snapshot-store.js";
import { emittedMachine, fingerprintHex, type EmittedMachine } from "../../../runtime/organism/emitted-machine.js";
import { MemoryLog } from "../../../runtime/ordering/memory-log.js";
import { memberKeys, peer } from "../support/committee-fixture.js";
import { loadOrganism } from "../../emit/support/cases.js";
import { TALLY } from "./run-support.js";

let dir: string;
let machine: EmittedMachine;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "smalt-machine-"));
  fs.writeFileSync(path.join(dir, "tally.smalt"), TALLY);
  machine = emittedMachine((await loadOrganism(path.join(dir, "tally.smalt"), "Tally")).api);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const add = (n: string | number) => ({ handler: "add", args: { n: String(n) } });

describe("emittedMachine", () => {
  it("names itself by the module's fingerprints", () => {
    expect(machine.contentHash).toBe(fingerprintHex(String(machine.api.FINGERPRINTS.contentHash)));
    expect(machine.self).toMatch(/^[0-9a-f]{64}$/);
    expect(machine.self).toBe(fingerprintHex(String(machine.api.FINGERPRINTS.stableId)));
  });

  it("applies JSON commands and turns malformed ones into invalid_value rejections", () => {
    const s0 = machine.initialState();
    const ok = machine.apply(s0, add(4), { sender: peer(1), index: 1 });
    expect(ok.receipt).toMatchObject({ outcome: "ok", events: [{ name: "Added", fields: { who: peer(1), n: "4" } }] });
    for (const [bad, why] of [
      [add("-1"), "args.n"],
      [{ handler: "add", args: {} }, "args.n: missing field"],
      [{ handler: "sub", args: {} }, 'not "sub"'],
      ["add", "input: expected an object"],
    ] as const) {
      const r = machine.apply(ok.state, bad, { sender: peer(1), index: 2 });
      expect(r.receipt).toMatchObject({ outcome: "rejected", code: "invalid_value" });
      expect((r.receipt as { reason: string }).reason).toContain(why);
      expect(r.state).toBe(ok.state);
      expect(machine.validate(bad)).toContain(why);
    }
    expect(machine.validate(add(1))).toBeNull();
  });

  it("round-trips its state through a snapshot, and refuses damaged snapshot bytes", () => {
    let s = machine.initialState();
    for (let i = 1; i <= 5; i++) s = machine.apply(s, add(i), { sender: peer(i), index: i }).state;
    const bytes = machine.encodeState(s);
    expect(machine.stateRoot(machine.decodeState(bytes))).toEqual(machine.stateRoot(s));
    expect(() => machine.decodeState(bytes.subarray(1))).toThrow();
  });

  it("decodes each entry's command once for the members sharing it, and a malformed one still rejects on every member", async () => {
    let decodes = 0;
    const counted = emittedMachine({ ...machine.api, decodeCommand: (json: unknown) => (decodes++, machine.api.decodeCommand(json)) });
    const c = await Committee.open({ keys: memberKeys(3), quorum: 2, createMachine: () => counted, log: new MemoryLog() });
    const out = await c.submit([
      { sender: peer(1), command: add(1) },
      { sender: peer(2), command: add("-3") },
      { sender: peer(3), command: add(2) },
    ]);
    expect(decodes).toBe(3);
    expect(out.map((o) => o.step?.receipt)).toMatchObject([
      { status: "applied", receipt: { outcome: "ok" } },
      { status: "applied", receipt: { outcome: "rejected", code: "invalid_value" } },
      { status: "applied", receipt: { outcome: "ok" } },
    ]);
    expect(out.every((o) => o.certificate?.signatures.length === 3)).toBe(true);
    await c.close();
  });

  it("restarts a committee member from a certified snapshot to the root of the others", async () => {
    const store = new FileSnapshotStore(path.join(dir, "snapshots"));
    const c = await Committee.open({ keys: memberKeys(3), quorum: 2, createMachine: () => machine, log: new MemoryLog(), snapshots: store, snapshotEvery: 4 });
    const envelopes = (from: number, n: number) => Array.from({ length: n }, (_, k) => ({ sender: peer(k % 3), command: add(from + k) }));
    await c.submit(envelopes(1, 9));
    c.stop(1);
    await c.submit(envelopes(10, 3));
    const out = await c.restart(1, { from: "snapshot" });
    expect(out.source).toBe("snapshot");
    expect(out.snapshotIndex).toBeGreaterThanOrEqual(4);
    expect(out.root).toBe(c.member(0).roots?.root);
    expect(c.member(1).status).toBe("live");
    await c.close();
  });
});
