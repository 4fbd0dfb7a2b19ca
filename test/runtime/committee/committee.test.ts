// A healthy committee on a real log file: quorum commits for N = 1, 3, 5 with
// certificates that verify offline, one vote per batch in "log-head" mode, asynchronous
// delivery, reopening a data directory, and bad input that leaves the log untouched.
import { afterEach, describe, expect, it } from "vitest";
import { verifyCertificate, type CommitCertificate } from "../../../runtime/committee/certificate.js";
import { Committee, type CommitteeOptions } from "../../../runtime/committee/committee.js";
import type { Commit } from "../../../runtime/committee/commit-history.js";
import { EmbeddedLog } from "../../../runtime/ordering/embedded-log.js";
import { MemoryLog } from "../../../runtime/ordering/memory-log.js";
import type { OrderingBackend } from "../../../runtime/ordering/ordering.js";
import { CommandCodecError } from "../../../runtime/replica/command-codec.js";
import { Replica } from "../../../runtime/replica/replica.js";
import { commandStream, memberKeys, mint, peer, removeTempDirs, tempDir, transfer } from "../support/committee-fixture.js";
import { ledgerMachine, type LedgerReceipt, type LedgerState } from "../support/ledger-machine.js";

const logs: OrderingBackend[] = [];
afterEach(async () => {
  for (const l of logs.splice(0)) await l.close();
  removeTempDirs();
});

function openLog(dir = tempDir()): EmbeddedLog {
  const log = EmbeddedLog.open(dir);
  logs.push(log);
  return log;
}

function committee(n: number, q: number, log: OrderingBackend, extra: Partial<CommitteeOptions<LedgerState, LedgerReceipt>> = {}) {
  return Committee.open<LedgerState, LedgerReceipt>({ keys: memberKeys(n), quorum: q, createMachine: () => ledgerMachine(), log, ...extra });
}

/** The root of a plain, committee-free replay of the same log. */
async function referenceRoot(log: OrderingBackend, toIndex = log.lastIndex()): Promise<string> {
  const r = new Replica({ machine: ledgerMachine(), key: memberKeys(1, 7)[0] });
  await r.replay(log, toIndex);
  return r.stateRoots.root;
}

describe("committee", () => {
  it.each([
    [1, 1],
    [3, 2],
    [5, 3],
  ])("N = %i, q = %i: every index is committed with a certificate that verifies offline", async (n, q) => {
    const log = openLog();
    const c = await committee(n, q, log);
    const seen: Commit<LedgerReceipt>[] = [];
    c.onCommit((commit) => seen.push(commit));
    const out = await c.submit([mint(1, 100), transfer(1, 2, 40), transfer(2, 1, 1000)]);
    expect(out.map((o) => o.index)).toEqual([1, 2, 3]);
    expect(c.committedIndex).toBe(3);
    expect(out[1].step?.receipt).toEqual({ status: "applied", receipt: { outcome: "ok", events: [{ name: "transfer", amount: "40" }] } });
    expect(out[2].step?.receipt).toMatchObject({ status: "applied", receipt: { outcome: "rejected", code: "require" } });
    for (const o of out) {
      const cert = o.certificate!;
      expect(cert).toMatchObject({ organism: c.membership.organism, index: o.index, root: o.step!.roots!.root });
      expect(cert.signatures).toHaveLength(n); // all members agreed and signed
      expect(verifyCertificate(cert, c.membership)).toEqual({ ok: true });
    }
    expect(seen.map((s) => s.index)).toEqual([1, 2, 3]);
    for (let i = 0; i < n; i++) expect(c.member(i)).toMatchObject({ status: "live", appliedIndex: 3, roots: { root: out[2].step!.roots!.root } });
    expect(out[2].certificate!.root).toBe(await referenceRoot(log));
    expect(c.divergences()).toEqual([]);
    await c.close();
  });

  it("votes once per delivered batch in log-head mode, and the batch's certificate covers each of its indexes", async () => {
    const log = openLog();
    const c = await committee(3, 2, log, { checkpoints: "log-head" });
    const certs: CommitCertificate[] = [];
    c.onCommit((commit) => certs.push(commit.certificate));
    const first = await c.submit(commandStream(50));
    const second = await c.submit(commandStream(30, 50));
    expect(certs.map((x) => x.index)).toEqual([50, 80]);
    expect(first.every((o) => o.certificate === certs[0] && o.step !== undefined)).toBe(true);
    expect(second.every((o) => o.certificate === certs[1])).toBe(true);
    expect(c.committedIndex).toBe(80);
    expect(certs[1].root).toBe(await referenceRoot(log));
    // Inside a certified batch only the checkpoint's root was computed; the receipt and command are kept.
    expect(c.committedStep(17)).toMatchObject({ index: 17, roots: null, receipt: { status: "applied" } });
    expect(c.committedStep(50)!.roots!.root).toBe(certs[0].root);
    for (const x of certs) expect(verifyCertificate(x, c.membership).ok).toBe(true);
    await c.close();
  });

  it("computes each member's state root once per batch in log-head mode, and once per entry otherwise", async () => {
    const counting = (calls: number[]) => (m: number) => {
      const base = ledgerMachine();
      calls[m] = 0;
      return { ...base, stateRoot: (s: LedgerState) => (calls[m]++, base.stateRoot(s)) };
    };
    const batched: number[] = [];
    const log = openLog();
    const c = await committee(3, 2, log, { checkpoints: "log-head", createMachine: counting(batched) });
    await c.submit(commandStream(50));
    await c.submit(commandStream(30, 50));
    expect(batched).toEqual([2, 2, 2]);
    expect(c.committedStep(80)!.roots!.root).toBe(await referenceRoot(log));
    await c.close();

    const perEntry: number[] = [];
    const d = await committee(3, 2, openLog(), { createMachine: counting(perEntry) });
    await d.submit(commandStream(20));
    expect(perEntry).toEqual([20, 20, 20]);
    await d.close();
  });

  it("commits the same way over a backend that delivers entries asynchronously", async () => {
    const log = new MemoryLog({ asyncDelivery: true });
    const c = await committee(3, 2, log);
    const out = await c.submit(commandStream(20));
    expect(out.every((o) => o.certificate !== undefined)).toBe(true);
    const more = await c.submit(commandStream(5, 20));
    expect(more.at(-1)!.certificate!.root).toBe(await referenceRoot(log));
    expect(c.committedIndex).toBe(25);
  });

  it("reopens a data directory: members rebuild from the log and recertify the same roots", async () => {
    const dir = tempDir();
    const log = EmbeddedLog.open(dir);
    const first = await committee(3, 2, log, { checkpoints: "log-head" });
    const out = await first.submit(commandStream(1100));
    await first.close();
    await log.close();

    const again = openLog(dir);
    const reopened = await committee(3, 2, again, { checkpoints: "log-head" });
    expect(reopened.committedIndex).toBe(1100);
    expect(reopened.certificateFor(1100)!.root).toBe(out.at(-1)!.certificate!.root);
    // An existing log is recertified in stretches of 1024 entries.
    expect(reopened.certificateFor(500)!.index).toBe(1024);
    expect(reopened.certificateFor(500)!.root).toBe(await referenceRoot(again, 1024));
    const next = await reopened.submit([mint(3, 1)]);
    expect(next[0].index).toBe(1101);
    expect(verifyCertificate(next[0].certificate!, reopened.membership).ok).toBe(true);
    await reopened.close();
  });

  it("refuses bad input before touching the log", async () => {
    const log = openLog();
    const c = await committee(3, 2, log);
    await c.submit([mint(1, 5)]);
    await expect(c.submit([mint(1, 5), { sender: "nobody", command: {} }])).rejects.toThrow(CommandCodecError);
    await expect(c.submit([{ sender: peer(1), command: { amount: 5n } as never }])).rejects.toThrow(/big integers as strings/);
    expect(log.lastIndex()).toBe(1);
    expect(await c.submit([])).toEqual([]);
    await c.close();
  });

  it("refuses a committee that is not a strict majority, or members running another organism", async () => {
    const log = new MemoryLog();
    await expect(committee(4, 2, log)).rejects.toThrow(/not a strict majority/);
    const other = { ...ledgerMachine(), contentHash: "cd".repeat(32) };
    await expect(
      Committee.open({ keys: memberKeys(3), quorum: 2, createMachine: (m) => (m === 2 ? other : ledgerMachine()), log }),
    ).rejects.toThrow(/runs organism/);
  });
});
