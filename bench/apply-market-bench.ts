// Benchmark (issue #4, market half): commands/s of the emitted `apply` of SlotAuction
// (examples/reputation-gated-market, cleared by std.clearing.second_price) against a
// hand-written TypeScript SlotAuction (bench/handwritten/slot-auction.ts) on the same
// accepted command stream, in one run; then µs per command on states already holding
// 10^3, 10^5 and 10^6 reputation cards, to show how the cost grows with the state.
// test/bench/slot-auction-handwritten.test.ts checks that both give the same receipts.
import type { EmittedApi } from "../compiler/emit/emitted-api.js";
import { decodeStream, runStream, SELF } from "./emitted-stream.js";
import { HandwrittenSlotAuction, type Eligibility } from "./handwritten/slot-auction.js";
import { ms, summarize, table, timeAsync, type Timing } from "./harness.js";
import { cardHolders, emittedPrefill, handPrefill } from "./market-prefill.js";
import { loadSlotAuction, peer, slotStream, snapshot, type Envelope } from "./market-workload.js";

const AGENTS = 16;
const BIDS_PER_SLOT = 8;
const SCALING_SLOTS = 300;
const WIDE = 1 << 20;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function runHand(h: HandwrittenSlotAuction, stream: readonly Envelope[]): void {
  stream.forEach((s, i) => {
    const r = h.apply(s.cmd, s.sender);
    if (!r.ok) throw new Error(`hand-written SlotAuction rejected command ${i}: ${r.reason}`);
  });
}

async function sideBySide(api: EmittedApi): Promise<{ rows: string[][]; ratios: string[] }> {
  const rows: string[][] = [];
  const ratios: string[] = [];
  const agents = Array.from({ length: AGENTS }, (_, i) => peer(0x1000 + i));
  // Warm both up on the largest stream first: measured cold, the first (smallest) configuration is mostly compilation.
  const warm = [...agents.map((a) => snapshot(a, 8_000n, 1n)), ...slotStream(agents, 1, 2000, BIDS_PER_SLOT, 2n)];
  const warmDecoded = decodeStream(api, warm);
  for (let i = 0; i < 3; i++) {
    runStream(api, api.initialState(), warmDecoded, i === 2, "SlotAuction");
    runHand(new HandwrittenSlotAuction(), warm);
  }
  for (const slots of [100, 500, 2000]) {
    const stream = [...agents.map((a) => snapshot(a, 8_000n, 1n)), ...slotStream(agents, 1, slots, BIDS_PER_SLOT, 2n)];
    const decoded = decodeStream(api, stream);
    const runs = slots >= 2000 ? 5 : 9;
    const hand = await timeAsync(() => runHand(new HandwrittenSlotAuction(), stream), { warmup: 2, runs });
    const emitted = await timeAsync(() => runStream(api, api.initialState(), decoded, false, "SlotAuction"), { warmup: 3, runs });
    const rooted = await timeAsync(() => runStream(api, api.initialState(), decoded, true, "SlotAuction"), { warmup: 2, runs });
    const rate = (t: Timing) => fmt(stream.length / (t.medianMs / 1000));
    rows.push([`${stream.length} (${slots} slots)`, "hand-written TS", ms(hand.medianMs), rate(hand)]);
    rows.push(["", "emitted apply", ms(emitted.medianMs), rate(emitted)]);
    rows.push(["", "emitted apply + state root", ms(rooted.medianMs), rate(rooted)]);
    ratios.push(`${slots} slots: emitted/hand-written speed = ${(hand.medianMs / emitted.medianMs).toFixed(3)}, with roots ${(hand.medianMs / rooted.medianMs).toFixed(3)}`);
  }
  return { rows, ratios };
}

/** Median µs per command over `runs` samples, each from a fresh copy of the start state (copying untimed). */
function perCommand(runs: number, commands: number, prepare: () => () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const run = prepare();
    const t0 = performance.now();
    run();
    if (i > 0) samples.push(performance.now() - t0);
  }
  return (summarize(samples).medianMs * 1000) / commands;
}

function scalingRow(label: string, api: EmittedApi, cards: number, prefill: Map<string, Eligibility>): string[] {
  const start = emittedPrefill(api, cards);
  // A decoded map hashes its nodes on first use; a running replica has long done that.
  api.stateRoot(start);
  const stream = slotStream(cardHolders(cards), 1, SCALING_SLOTS, BIDS_PER_SLOT, 2n);
  const decoded = decodeStream(api, stream);
  const runs = 5;
  const hand = perCommand(runs, stream.length, () => {
    const h = new HandwrittenSlotAuction(new Map(prefill));
    return () => runHand(h, stream);
  });
  // Each sample starts from the state the stream's first command (untimed) makes of `start`: one
  // the module has just produced, as a running replica's always is. (Going back to `start` itself
  // would first undo the previous sample's writes, a cost of the benchmark's reuse of one state.)
  const [first, ...rest] = decoded;
  const warmed = () => {
    const r = api.apply(start, first.cmd as Parameters<EmittedApi["apply"]>[1], { sender: first.sender, self: SELF, index: 0n });
    if (r.receipt.outcome !== "ok") throw new Error("the warm-up command was rejected");
    return r.state;
  };
  const emitted = perCommand(runs, rest.length, () => {
    const from = warmed();
    return () => runStream(api, from, rest, false, "SlotAuction");
  });
  const rooted = perCommand(runs, rest.length, () => {
    const from = warmed();
    return () => runStream(api, from, rest, true, "SlotAuction");
  });
  const us = (x: number) => x.toFixed(2);
  return [label, fmt(cards), us(hand), us(emitted), us(rooted), (hand / emitted).toFixed(3)];
}

export async function benchMarketApply(): Promise<string> {
  const api = await loadSlotAuction();
  const { rows, ratios } = await sideBySide(api);
  const wide = await loadSlotAuction(WIDE);
  const scaling = [scalingRow("example (capacity 4096)", api, 1_000, handPrefill(1_000))];
  for (const cards of [1_000, 100_000, 1_000_000]) scaling.push(scalingRow(`capacity ${fmt(WIDE)}`, wide, cards, handPrefill(cards)));
  const perSlot = 1 + BIDS_PER_SLOT + 2;
  return [
    "## Emitted `apply` vs hand-written TypeScript (second-price market)",
    "",
    `The same accepted command stream (eligibility snapshots for ${AGENTS} searchers, then per slot: one refreshed snapshot, ${BIDS_PER_SLOT} bids from distinct searchers, close_bids, clear_slot — ${perSlot} commands) through \`examples/reputation-gated-market\`'s emitted, bundled \`SlotAuction.apply\` (cleared by \`std.clearing.second_price\`) and through \`bench/handwritten/slot-auction.ts\` (same guards, effects, events, cites and clearing on plain Maps and arrays; no transactions, invariants, contract check or metering; \`test/bench/slot-auction-handwritten.test.ts\` checks both give the same receipt and state for every command). Commands are decoded beforehand; each sample starts from an empty state.`,
    "",
    table(["commands", "implementation", "median ms", "commands/s"], rows),
    "",
    ...ratios.map((r) => `- ${r}`),
    "",
    `How the cost grows with the state: µs per command (median of 5 samples, each ${SCALING_SLOTS} slots = ${SCALING_SLOTS * perSlot} commands) from a state whose \`eligibility\` map already holds N eligible cards; the slot's bidders are spread over all N cards. The example declares \`eligibility: map<peer, Eligibility, 4096>\`, so N = 10^5 and 10^6 use the same policy with only that capacity raised to ${fmt(WIDE)} (same handlers and invariants; the static cost bounds grow with the capacity's logarithm, e.g. \`bid\` ${api.HANDLERS.bid.cost} → ${wide.HANDLERS.bid.cost} units); the 10^3 row is run on both, so the capacity's own effect can be read off. The emitted state is built with the prelude, decoded by the bundle and hashed once before timing, and each sample starts from the state the stream's first command (untimed) makes of it; the hand-written one gets a fresh copy of its Map per sample (untimed).`,
    "",
    table(["policy", "cards in state", "hand-written µs/cmd", "emitted apply µs/cmd", "emitted apply + root µs/cmd", "emitted/hand-written speed"], scaling),
    "",
    "Per command the emitted code reads cards from the map's latest version, a hash table keyed by the peer's bytes (docs/state-encoding.md §6), and, after every command, re-checks `bidders_eligible`, which reads the card of every open order; it copies the working state and the order list (persistent values), checks the clearing contract after `second_price`, and parses the sender's hex. A state root first brings the map's Merkle radix trie up to date with the keys written since the last root (one path copied and rehashed per key). The hand-written code does one hash-map lookup per card read.",
  ].join("\n");
}
