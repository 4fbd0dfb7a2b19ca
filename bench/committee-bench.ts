// Benchmark of the committee runtime, every layer in one run so each one's overhead is
// visible: this machine's fsync/s and Ed25519 sign/verify rates, the raw emitted apply
// (+ state root) rate, the raw embedded-log append rate (fsync on), and commits/s with
// p50/p99 commit latency for committees of 1, 3 and 5 members with and without batching.
// Then the per-commit work of a member (apply + state root + signature) on states of
// 10^3, 10^5 and 10^6 accounts, to show that it does not grow with the state.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { emit } from "../compiler/emit/emit.js";
import { bundleEmitted, importBundle } from "../compiler/scenario/load-emitted.js";
import { Committee } from "../runtime/committee/committee.js";
import { emittedMachine, type EmittedMachine } from "../runtime/organism/emitted-machine.js";
import { EmbeddedLog } from "../runtime/ordering/embedded-log.js";
import { encodeCommand } from "../runtime/replica/command-codec.js";
import { ReplicaKey, verifyEd25519 } from "../runtime/replica/replica-key.js";
import { signRoot } from "../runtime/replica/signed-root.js";
import { checkFile } from "./apply-bench.js";
import { emittedState } from "./emitted-state.js";
import { percentile, table } from "./harness.js";

const POLICY = path.join(import.meta.dirname, "policies", "bench-ledger.smalt");
const BATCH = 64;
const hex32 = (n: number) => n.toString(16).padStart(64, "0");
const credit = (i: number) => ({ sender: hex32(1 + (i % 97)), command: { handler: "credit", args: { to: hex32(1_000_000 + (i % 5_000)), n: "3" } } });
const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));
const fmt = (n: number) => n.toLocaleString("en-US");
const tmp = (tag: string) => fs.mkdtempSync(path.join(os.tmpdir(), `smalt-bench-${tag}-`));

async function loadMachine(): Promise<EmittedMachine> {
  const program = checkFile(POLICY);
  const def = program.modules.flatMap((m) => m.organisms)[0];
  return emittedMachine(await importBundle(await bundleEmitted(await emit(program, def))));
}

/** Runs `fn` repeatedly for about `ms` milliseconds; returns operations per second. */
function rate(fn: () => void, ms = 1000): number {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    fn();
    n++;
  }
  return perSecond(n, performance.now() - t0);
}

function fsyncRate(): number {
  const dir = tmp("fsync");
  const fd = fs.openSync(path.join(dir, "f"), "w");
  const block = Buffer.alloc(128, 7);
  try {
    return rate(() => {
      fs.writeSync(fd, block);
      fs.fsyncSync(fd);
    }, 2000);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function logAppendRate(count: number, batch: number): Promise<number> {
  const dir = tmp("log");
  const log = EmbeddedLog.open(dir);
  const payloads = Array.from({ length: count }, (_, i) => encodeCommand(credit(i)));
  const t0 = performance.now();
  for (let i = 0; i < count; i += batch) await log.append(payloads.slice(i, i + batch));
  const elapsed = performance.now() - t0;
  await log.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return perSecond(count, elapsed);
}

interface CommitStats {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

async function committeeRun(machine: EmittedMachine, members: number, count: number, batch: number): Promise<CommitStats> {
  const dir = tmp("committee");
  const log = EmbeddedLog.open(dir);
  const keys = Array.from({ length: members }, () => ReplicaKey.generate());
  const c = await Committee.open({ keys, quorum: Math.floor(members / 2) + 1, createMachine: () => machine, log, checkpoints: batch > 1 ? "log-head" : "every-entry" });
  const commands = Array.from({ length: count }, (_, i) => credit(i));
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i += batch) {
    const s = performance.now();
    const out = await c.submit(commands.slice(i, i + batch));
    if (out[out.length - 1].certificate === undefined) throw new Error("a benchmark commit was not certified");
    latencies.push(performance.now() - s);
  }
  const elapsed = performance.now() - t0;
  await c.close();
  await log.close();
  fs.rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return { perSecond: perSecond(count, elapsed), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** A state with `accounts` balances, built with the prelude and handed to the bundle through its own decoder. */
function stateWithAccounts(machine: EmittedMachine, accounts: number): unknown {
  const balances = Array.from({ length: accounts }, (_, i) => [Buffer.from(hex32(i + 1), "hex") as Uint8Array, 5n] as const);
  return emittedState(machine.api, { total: 5n * BigInt(accounts) }, { balances });
}

function perCommitWork(machine: EmittedMachine, accounts: number): { applyUs: number; rootUs: number; signUs: number } {
  let state = stateWithAccounts(machine, accounts) as ReturnType<EmittedMachine["initialState"]>;
  // A decoded map hashes its nodes on first use; a running replica has long done that.
  machine.stateRoot(state);
  const key = ReplicaKey.generate();
  const n = 3000;
  const cmds = Array.from({ length: n }, (_, i) => ({ handler: "credit", args: { to: hex32(1 + ((i * 7919) % accounts)), n: "1" } }));
  let apply = 0;
  let root = 0;
  let sign = 0;
  cmds.forEach((cmd, i) => {
    const a = performance.now();
    state = machine.apply(state, cmd, { sender: hex32(1), index: i + 1 }).state;
    const b = performance.now();
    const r = machine.stateRoot(state).root;
    const c = performance.now();
    signRoot(key, machine.contentHash, i + 1, r);
    sign += performance.now() - c;
    root += c - b;
    apply += b - a;
  });
  const us = (t: number) => Math.round((t / n) * 1000 * 10) / 10;
  return { applyUs: us(apply), rootUs: us(root), signUs: us(sign) };
}

export async function benchCommittee(): Promise<string> {
  const machine = await loadMachine();
  const key = ReplicaKey.generate();
  const message = crypto.randomBytes(96);
  const signature = Buffer.from(key.sign(message)).toString("hex");
  const fsyncs = fsyncRate();
  const signs = rate(() => key.sign(message));
  const verifies = rate(() => verifyEd25519(key.publicKey, message, signature));
  let state = machine.initialState();
  let i = 0;
  const applyRate = rate(() => {
    state = machine.apply(state, credit(i).command, { sender: credit(i).sender, index: ++i }).state;
    machine.stateRoot(state);
  });
  const COUNT = 1024;
  const rawSingle = await logAppendRate(COUNT, 1);
  const rawBatched = await logAppendRate(COUNT * 4, BATCH);
  const rows: string[][] = [];
  const results = new Map<string, CommitStats>();
  for (const members of [1, 3, 5]) {
    for (const batch of [1, BATCH]) {
      const s = await committeeRun(machine, members, batch === 1 ? COUNT : COUNT * 4, batch);
      results.set(`${members}/${batch}`, s);
      rows.push([String(members), batch === 1 ? "none (vote per entry)" : `${batch} per append (vote per batch)`, fmt(s.perSecond), s.p50.toFixed(2), s.p99.toFixed(2)]);
    }
  }
  const n3 = results.get(`3/${BATCH}`)!.perSecond;
  const scaling = [1_000, 100_000, 1_000_000].map((accounts) => ({ accounts, ...perCommitWork(machine, accounts) }));
  return [
    "## Committee runtime: commits/s, commit latency, and each layer's cost",
    "",
    "`bench/committee-bench.ts` on `bench/policies/bench-ledger.smalt` (one `credit` handler: a map update and a counter). All in one run; fsync on everywhere.",
    "",
    table(
      ["layer", "rate"],
      [
        ["fsync of a 128-byte write (this disk)", `${fmt(fsyncs)} /s`],
        ["Ed25519 sign (node:crypto)", `${fmt(signs)} /s`],
        ["Ed25519 verify", `${fmt(verifies)} /s`],
        ["emitted apply + state root, in memory", `${fmt(applyRate)} commands/s`],
        ["embedded log append, 1 entry per fsync", `${fmt(rawSingle)} entries/s`],
        [`embedded log append, ${BATCH} entries per fsync`, `${fmt(rawBatched)} entries/s`],
      ],
    ),
    "",
    table(["members", "batching", "commits/s", "p50 commit ms", "p99 commit ms"], rows),
    "",
    `Latency is from submit to certified commit of the append (one entry, or a batch of ${BATCH}). Target: with batching, 3 members commit at ≥ 90 % of the raw batched log append rate measured in the same run: ${fmt(n3)} vs ${fmt(rawBatched)} entries/s = **${((n3 / rawBatched) * 100).toFixed(0)} %** (${n3 / rawBatched >= 0.9 ? "met" : "not met"}).`,
    "",
    "Per-commit work of one member (apply one `credit`, compute the state root, sign it), mean over 3000 commands at random accounts, by the number of accounts in the state:",
    "",
    table(
      ["accounts in state", "apply µs", "state root µs", "sign µs"],
      scaling.map((s) => [fmt(s.accounts), String(s.applyUs), String(s.rootUs), String(s.signUs)]),
    ),
    "",
    "The map is a persistent treap with a Merkle hash per node, so an update rehashes one path (O(log n)) and the state root folds per-field sub-roots; nothing walks the whole state per commit.",
    "",
    `Why batching stays far from the raw log rate: every member applies every entry and computes its root (${scaling[0].applyUs} + ${scaling[0].rootUs} µs at 1,000 accounts), all in this one process on 2 cores, so 3 members cap at about ${fmt(Math.round(1e6 / (3 * (scaling[0].applyUs + scaling[0].rootUs))))} entries/s before any log or signature cost, while the raw log append does no apply work at all. Closing the gap needs members in separate processes (the etcd backend) and roots computed only at checkpoints in batch mode; neither is done.`,
  ].join("\n");
}
