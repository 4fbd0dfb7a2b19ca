// Benchmark: how the cost of one escrow command grows with the state. The same stream of
// commands (bench/escrow-workload.ts) runs on states that already hold 10^3 to 10^6
// artifacts and completed listings, through the emitted apply and the hand-written escrow,
// each size in a fresh process with a 12 GiB heap (10^6 entries per map, built with the
// prelude, encoded and decoded, and the hand-written copy, exhaust the default 4 GB).
// The example caps its maps at 4096 entries, so this uses the same source with both maps'
// capacities raised to 2^20 (the logic is unchanged; the handlers' static cost bounds grow only
// with the capacity's logarithm, as `listed_held` is priced by the keys a handler writes; the
// list `list_active` returns stays at 4096, which keeps that query, a scan, within the budget).
// The large state is built with the prelude and handed to the bundle through its decoder.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { EmittedApi, State } from "../compiler/emit/emitted-api.js";
import { emittedState } from "./emitted-state.js";
import { checkPolicy, decodeStream, loadEmitted, runStream, SELF } from "./emitted-stream.js";
import { AGENTS, workload } from "./escrow-workload.js";
import { benchId } from "./ids.js";
import { HandwrittenEscrow } from "./handwritten/escrow.js";
import { table } from "./harness.js";

const CAPACITY = 1_048_576;
const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const HEAP_MB = 12_288;
const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, "hex"));
const artifact = (i: number) => benchId("held", i);
const holder = (i: number) => AGENTS[i % AGENTS.length];

async function largeEscrow(): Promise<EmittedApi> {
  const file = path.resolve(import.meta.dirname, "..", "examples", "escrow", "escrow.smalt");
  return loadEmitted(checkPolicy(file, fs.readFileSync(file, "utf8").replace(/(map<digest, \w+), 4096>/g, `$1, ${CAPACITY}>`)), "Escrow");
}

/** `n` artifacts, each with a completed listing, held by the 64 agents; the agents' starting scrip. */
function largeState(api: EmittedApi, n: number): State {
  const ids = Array.from({ length: n }, (_, i) => i);
  const listing = (i: number) => ({
    artifact: bytes(artifact(i)),
    seller: bytes(holder(i + 1)),
    price: 1n,
    buyer: null,
    status: { tag: "Completed", fields: { buyer: bytes(holder(i)) } },
    seq: BigInt(i + 1),
  });
  return emittedState(
    api,
    { "$scrip.supply": 100n * BigInt(AGENTS.length), fees_collected: 0n, next_seq: BigInt(n + 1) },
    {
      "$scrip.balances": AGENTS.map((a) => [bytes(a), 100n] as const),
      listings: ids.map((i) => [bytes(artifact(i)), listing(i)] as const),
      writers: ids.map((i) => [bytes(artifact(i)), bytes(holder(i))] as const),
    },
  );
}

function handwrittenState(n: number): HandwrittenEscrow {
  const e = new HandwrittenEscrow(SELF);
  for (const a of AGENTS) e.balances.set(a, 100n);
  for (let i = 0; i < n; i++) {
    e.writers.set(artifact(i), holder(i));
    e.listings.set(artifact(i), { seller: holder(i + 1), price: 1n, buyer: null, status: "completed", seq: BigInt(i + 1) });
  }
  e.nextSeq = BigInt(n + 1);
  return e;
}

/** Mean µs per command of `run` over the stream, the best of four passes (the first warms up), each on a state `prepare` made (not timed). */
function perCommand<T>(count: number, prepare: () => T, run: (state: T) => void): number {
  let best = Infinity;
  for (let pass = 0; pass < 4; pass++) {
    const state = prepare();
    const t0 = performance.now();
    run(state);
    best = Math.min(best, performance.now() - t0);
  }
  return (best * 1000) / count;
}

/** The handlers' static cost bounds, e.g. "deposit 347, purchase 352". */
function costsAt(api: EmittedApi): string {
  return Object.entries(api.HANDLERS).map(([name, h]) => `${name} ${h.cost}`).join(", ");
}

/** One row, measured in this process: µs per command of the hand-written escrow, the emitted apply, and the emitted apply with a root after each. */
export async function scalingRow(n: number): Promise<{ hand: number; bare: number; rooted: number; costs: string; commands: number }> {
  const api = await largeEscrow();
  const stream = workload(1000).slice(AGENTS.length); // the agents are already endowed
  const decoded = decodeStream(api, stream);
  const start = largeState(api, n);
  api.stateRoot(start); // a running replica has hashed its state long ago
  // The first command on a state the module has not produced itself (a restore) checks every
  // invariant in full, unmetered; later ones check incrementally. A replica pays that once;
  // so that no pass pays it, each starts from a state an (untimed) warm-up command just returned.
  const endow = api.decodeCommand({ handler: "endow", args: { agent: AGENTS[0], amount: "1" } });
  const warmed = (): State => {
    const warm = api.apply(start, endow, { sender: SELF, self: SELF, index: 0n });
    if (warm.receipt.outcome !== "ok") throw new Error("the warm-up endow was rejected");
    return warm.state;
  };
  const emitted = (withRoot: boolean) => (initial: State) => runStream(api, initial, decoded, withRoot, `escrow at ${n} entries`);
  const hand = perCommand(stream.length, () => handwrittenState(n), (e) => {
    stream.forEach((s, i) => {
      if (!e.apply(s.cmd, s.sender).ok) throw new Error(`hand-written escrow rejected command ${i} at ${n} entries`);
    });
  });
  const bare = perCommand(stream.length, warmed, emitted(false));
  const rooted = perCommand(stream.length, warmed, emitted(true));
  return { hand, bare, rooted, costs: costsAt(api), commands: stream.length };
}

/** Each size in a fresh Node process with a heap large enough for 10^6 entries per map (the default 4 GB is not). */
function rowInChild(n: number): Awaited<ReturnType<typeof scalingRow>> {
  const script = path.join(import.meta.dirname, "apply-scaling-row.ts");
  const out = execFileSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, "--import", "tsx", script, String(n)], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split("\n").pop()!);
}

export async function benchEscrowScaling(): Promise<string> {
  const rows: string[][] = [];
  let costs = "";
  let commands = 0;
  for (const n of SIZES) {
    const r = rowInChild(n);
    costs = r.costs;
    commands = r.commands;
    rows.push([n.toLocaleString("en-US"), r.hand.toFixed(2), r.bare.toFixed(2), r.rooted.toFixed(2), (r.hand / r.bare).toFixed(3)]);
  }
  return [
    `Per-command cost by state size: the ${commands.toLocaleString("en-US")} commands of 1000 rounds on a state that already holds N artifacts with completed listings (escrow with its two maps' capacities raised to 2^20; the handlers' static bounds are then ${costs} units); each size in its own Node process (heap ${HEAP_MB / 1024} GiB); each pass starts from a state an untimed warm-up command returned, as a running replica's always is (a restored state's first command checks every invariant in full, once); best of four passes, µs per command:`,
    "",
    table(["entries per map (N)", "hand-written µs", "emitted apply µs", "emitted apply + root µs", "emitted/hand-written speed"], rows),
  ].join("\n");
}
