// Faults inside one process, on real log files: a crashed minority (commits continue, the
// restarted member catches up from the log or a snapshot to the same root), a crashed
// majority (nothing is certified until members return), a member with corrupted state
// (named at the right index and field, quarantined, never in a certificate, rebuilt), and
// a member whose machine throws.
import { afterEach, describe, expect, it } from "vitest";
import { verifyCertificate, type CommitCertificate } from "../../../runtime/committee/certificate.js";
import { Committee, type CommitteeOptions } from "../../../runtime/committee/committee.js";
import { FileSnapshotStore } from "../../../runtime/committee/snapshot-store.js";
import { EmbeddedLog } from "../../../runtime/ordering/embedded-log.js";
import type { OrderingBackend } from "../../../runtime/ordering/ordering.js";
import { Replica } from "../../../runtime/replica/replica.js";
import type { StateMachine } from "../../../runtime/replica/state-machine.js";
import { commandStream, corruptAt, memberKeys, mint, peer, removeTempDirs, tempDir } from "../support/committee-fixture.js";
import { ledgerMachine, type LedgerState } from "../support/ledger-machine.js";

const logs: OrderingBackend[] = [];
afterEach(async () => {
  for (const l of logs.splice(0)) await l.close();
  removeTempDirs();
});

type Options = Partial<CommitteeOptions<LedgerState, unknown>>;

async function setup(n: number, q: number, extra: Options = {}) {
  const dir = tempDir();
  const log = EmbeddedLog.open(dir);
  logs.push(log);
  const certificates: CommitCertificate[] = [];
  const c = await Committee.open<LedgerState, unknown>({
    keys: memberKeys(n),
    quorum: q,
    createMachine: () => ledgerMachine(),
    log,
    snapshots: new FileSnapshotStore(`${dir}/snapshots`),
    ...extra,
  });
  c.onCommit((commit) => certificates.push(commit.certificate));
  return { c, log, certificates };
}

async function referenceRoot(log: OrderingBackend, toIndex = log.lastIndex()): Promise<string> {
  const r = new Replica({ machine: ledgerMachine(), key: memberKeys(1, 7)[0] });
  await r.replay(log, toIndex);
  return r.stateRoots.root;
}

const signers = (cert: CommitCertificate | undefined) => (cert?.signatures ?? []).map((s) => s.publicKey);

describe("crash faults", () => {
  it.each([
    [3, 2, [2]],
    [5, 3, [0, 4]],
  ])("N = %i, q = %i: with members %j crashed, commits continue; restarted from the log, they catch up", async (n, q, crashed) => {
    const { c, log } = await setup(n, q);
    await c.submit(commandStream(10));
    for (const m of crashed) c.stop(m);
    const out = await c.submit(commandStream(15, 10));
    for (const o of out) {
      expect(o.certificate!.signatures).toHaveLength(n - crashed.length);
      expect(verifyCertificate(o.certificate!, c.membership).ok).toBe(true);
    }
    expect(c.committedIndex).toBe(25);
    for (const m of crashed) {
      expect(c.member(m)).toMatchObject({ status: "stopped", appliedIndex: null });
      const restarted = await c.restart(m, { from: "log" });
      expect(restarted).toMatchObject({ source: "log", appliedIndex: 25, root: await referenceRoot(log) });
      expect(c.member(m).status).toBe("live");
    }
    const after = await c.submit([mint(1, 1)]);
    expect(after[0].certificate!.signatures).toHaveLength(n);
    expect(c.divergences()).toEqual([]);
  });

  it("a restarted member catches up from a certified snapshot on disk, then from the log, to the same root", async () => {
    const { c, log } = await setup(3, 2, { snapshotEvery: 8 });
    await c.submit(commandStream(20));
    c.stop(1);
    await c.submit(commandStream(13, 20));
    const restarted = await c.restart(1, { from: "snapshot" });
    expect(restarted.source).toBe("snapshot");
    expect(restarted.snapshotIndex).toBeGreaterThanOrEqual(24);
    expect(restarted.appliedIndex).toBe(33);
    expect(restarted.root).toBe(await referenceRoot(log));
    const next = await c.submit([mint(4, 4)]);
    expect(signers(next[0].certificate)).toContain(c.member(1).publicKey);
  });

  it.each([
    [3, 2, [1, 2]],
    [5, 3, [0, 1, 3]],
  ])("N = %i, q = %i: with a majority %j crashed nothing is certified; once enough return, the pending indexes are", async (n, q, crashed) => {
    const { c, log, certificates } = await setup(n, q);
    await c.submit(commandStream(5));
    for (const m of crashed) c.stop(m);
    const out = await c.submit(commandStream(6, 5));
    expect(out.every((o) => o.certificate === undefined && o.step === undefined)).toBe(true);
    expect(c.committedIndex).toBe(5);
    expect(c.pendingCheckpoints()).toEqual([6, 7, 8, 9, 10, 11]);
    expect(certificates.map((x) => x.index)).toEqual([1, 2, 3, 4, 5]);
    // One member back is enough for a quorum (q - live members).
    await c.restart(crashed[0]);
    expect(c.committedIndex).toBe(11);
    expect(c.pendingCheckpoints()).toEqual([]);
    const late = c.certificateFor(11)!;
    expect(late.root).toBe(await referenceRoot(log));
    expect(verifyCertificate(late, c.membership).ok).toBe(true);
    expect(late.signatures).toHaveLength(q);
  });
});

describe("a member with corrupted state", () => {
  const corruptions: [string, (s: LedgerState) => LedgerState][] = [
    ["balances", (s) => ({ ...s, balances: s.balances.set(peer(1), s.balances.getOr(peer(1), 0n) + 1n) })],
    ["supply", (s) => ({ ...s, supply: s.supply + 1n })],
  ];

  it.each(corruptions)("is named at the right index and field (%s), quarantined, never certified, and rebuilt", async (field, corrupt) => {
    let machines = 0;
    const make = (m: number): StateMachine<LedgerState, unknown> => (m === 2 && machines++ === 0 ? corruptAt(ledgerMachine(), 7, corrupt) : ledgerMachine());
    const commands = commandStream(12);
    const { c, log, certificates } = await setup(3, 2, { createMachine: make });
    const bad = c.member(2).publicKey;
    await c.submit(commands);
    const [report] = c.divergences();
    expect(c.divergences()).toHaveLength(1);
    expect(report).toMatchObject({ member: 2, publicKey: bad, kind: "root-mismatch", index: 7, checkpoint: 7, command: commands[6], fields: [field] });
    expect(report.expectedRoot).toBe(await referenceRoot(log, 7));
    expect(report.message).toMatch(new RegExp(`replica 2 .* diverged at log index 7 .*state field ${field} differs`));
    expect(c.member(2).status).toBe("quarantined");
    expect(certificates.map((x) => x.index)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(certificates.slice(0, 6).every((x) => signers(x).includes(bad))).toBe(true);
    expect(certificates.slice(6).some((x) => signers(x).includes(bad))).toBe(false);
    await c.submit(commandStream(5, 12));
    expect(certificates.slice(6).some((x) => signers(x).includes(bad))).toBe(false);
    expect(certificates.at(-1)!.root).toBe(await referenceRoot(log));

    const rebuilt = await c.restart(2, { from: "log" });
    expect(rebuilt).toMatchObject({ appliedIndex: 17, root: await referenceRoot(log) });
    const next = await c.submit([mint(2, 2)]);
    expect(signers(next[0].certificate)).toContain(bad);
    expect(c.divergences()).toHaveLength(1);
  });

  it("is localized to the first diverging index inside a batch when members vote once per batch", async () => {
    let machines = 0;
    const make = (m: number) => (m === 0 && machines++ === 0 ? corruptAt(ledgerMachine(), 23, corruptions[0][1]) : ledgerMachine());
    const commands = commandStream(40);
    const { c, log, certificates } = await setup(3, 2, { createMachine: make, checkpoints: "log-head", snapshotEvery: 1 });
    await c.submit(commands.slice(0, 20));
    await c.submit(commands.slice(20));
    expect(c.divergences()).toMatchObject([{ member: 0, index: 23, checkpoint: 40, command: commands[22], fields: ["balances"] }]);
    expect(signers(certificates[1])).not.toContain(c.member(0).publicKey);
    const rebuilt = await c.restart(0, { from: "snapshot" });
    expect(rebuilt).toMatchObject({ source: "snapshot", snapshotIndex: 40, appliedIndex: 40, root: await referenceRoot(log) });
  });

  it.each([7, 27])(
    "is localized inside a batch certified and settled before it voted (corrupted at %i while catching up): the committed roots are re-derived",
    async (at) => {
      let machines = 0;
      const make = (m: number) => (m === 2 && machines++ === 1 ? corruptAt(ledgerMachine(), at, corruptions[0][1]) : ledgerMachine());
      const commands = commandStream(40);
      const { c } = await setup(3, 2, { createMachine: make, checkpoints: "log-head" });
      c.stop(2);
      await c.submit(commands.slice(0, 20));
      await c.submit(commands.slice(20));
      // Inside the settled batches nobody computed a root.
      expect(c.committedStep(at)!.roots).toBeNull();
      await c.restart(2, { from: "log" });
      const checkpoint = at <= 20 ? 20 : 40;
      expect(c.divergences()).toMatchObject([{ member: 2, index: at, checkpoint, command: commands[at - 1], fields: ["balances"] }]);
      expect(c.member(2).status).toBe("quarantined");
    },
  );

  it("blocks certification while honest live members are fewer than q, and is found once one returns", async () => {
    let machines = 0;
    const make = (m: number) => (m === 2 && machines++ === 0 ? corruptAt(ledgerMachine(), 7, corruptions[1][1]) : ledgerMachine());
    const { c, log } = await setup(3, 2, { createMachine: make });
    await c.submit(commandStream(4));
    c.stop(1);
    const out = await c.submit(commandStream(6, 4));
    expect(out.map((o) => o.certificate?.index)).toEqual([5, 6, undefined, undefined, undefined, undefined]);
    expect(c.divergences()).toEqual([]);
    await c.restart(1);
    expect(c.divergences()).toMatchObject([{ member: 2, index: 7, fields: ["supply"] }]);
    expect(c.committedIndex).toBe(10);
    expect(signers(c.certificateFor(10))).toEqual([c.member(0).publicKey, c.member(1).publicKey]);
    expect(c.certificateFor(10)!.root).toBe(await referenceRoot(log));
  });

  it("is quarantined when its machine throws, and the others keep committing", async () => {
    const throwing = (m: number): StateMachine<LedgerState, unknown> => {
      const base = ledgerMachine();
      if (m !== 1) return base;
      return { ...base, apply: (s, cmd, ctx) => (ctx.index === 4 ? (() => { throw new Error("boom"); })() : base.apply(s, cmd, ctx)) };
    };
    const { c } = await setup(3, 2, { createMachine: throwing });
    const out = await c.submit(commandStream(6));
    expect(c.divergences()).toMatchObject([{ member: 1, kind: "apply-failed", index: 4, message: expect.stringMatching(/boom/) }]);
    expect(c.member(1).status).toBe("quarantined");
    expect(out.every((o) => o.certificate !== undefined)).toBe(true);
    expect(out.at(-1)!.certificate!.signatures).toHaveLength(2);
  });
});
