// Shared pieces for replica and committee tests: deterministic member keys, peers and
// ledger commands, temporary data directories, and a machine wrapper that corrupts a
// replica's state once at a chosen index (a stand-in for a memory fault or a tampered
// replica: the replica keeps running, signing roots of the wrong state).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import type { CommandEnvelope } from "../../../runtime/replica/command-codec.js";
import { ReplicaKey } from "../../../runtime/replica/replica-key.js";
import type { StateMachine } from "../../../runtime/replica/state-machine.js";
import type { LedgerState } from "./ledger-machine.js";

/** n member keys from fixed seeds (member i of group g), so runs are reproducible. */
export function memberKeys(n: number, group = 0): ReplicaKey[] {
  return Array.from({ length: n }, (_, i) => {
    const seed = new Uint8Array(32);
    seed[0] = group;
    seed[1] = i + 1;
    return ReplicaKey.fromSeed(seed);
  });
}

/** The peer id of test account i. */
export function peer(i: number): string {
  return i.toString(16).padStart(64, "0");
}

export const mint = (who: number, amount: number | bigint): CommandEnvelope => ({
  sender: peer(who),
  command: { op: "mint", amount: String(amount) },
});

export const burn = (who: number, amount: number | bigint): CommandEnvelope => ({
  sender: peer(who),
  command: { op: "burn", amount: String(amount) },
});

export const transfer = (from: number, to: number, amount: number | bigint): CommandEnvelope => ({
  sender: peer(from),
  command: { op: "transfer", to: peer(to), amount: String(amount) },
});

/** A deterministic stream of mixed ledger commands (some rejected: overdrafts). */
export function commandStream(count: number, offset = 0): CommandEnvelope[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    if (i % 5 === 0) return mint(i % 7, 100 + i);
    if (i % 5 === 4) return burn(i % 3, 40);
    return transfer(i % 7, (i * 3) % 11, 25 + (i % 13));
  });
}

/** Arbitrary ledger commands among a few accounts, including rejected ones. */
export const ledgerCommand: fc.Arbitrary<CommandEnvelope> = fc.oneof(
  fc.tuple(fc.nat(4), fc.nat(500)).map(([a, n]) => mint(a, n)),
  fc.tuple(fc.nat(4), fc.nat(300)).map(([a, n]) => burn(a, n)),
  fc.tuple(fc.nat(4), fc.nat(4), fc.nat(300)).map(([a, b, n]) => transfer(a, b, n)),
);

/**
 * `machine`, except that right after applying `index` it replaces the state by
 * `corrupt(state)` — once per wrapper: a rebuilt replica gets a fresh, honest machine.
 */
export function corruptAt(
  machine: StateMachine<LedgerState, unknown>,
  index: number,
  corrupt: (s: LedgerState) => LedgerState,
): StateMachine<LedgerState, unknown> {
  let fired = false;
  return {
    ...machine,
    apply(state, command, ctx) {
      const out = machine.apply(state, command, ctx);
      if (fired || ctx.index !== index) return out;
      fired = true;
      return { state: corrupt(out.state), receipt: out.receipt };
    },
  };
}

const dirs: string[] = [];

/** A fresh temporary directory, removed by `removeTempDirs`. */
export function tempDir(prefix = "smalt-committee-"): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}
