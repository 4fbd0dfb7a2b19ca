// The commands of the demo's reputation-gated slot auction (examples/reputation-gated-
// market): five searchers with private values per slot and their own bidding habits, a
// leader that relays reputation snapshots (evidence from the reputation organism) and
// closes and clears each slot. Everything is derived from fixed numbers, so every run of
// the demo submits the same log.
import { namedPeer, stableIdsIn } from "../compiler/scenario/test-peers.js";
import type { CommandEnvelope } from "../runtime/replica/command-codec.js";

export interface Searcher {
  readonly name: string;
  /** Share of its value it bids, in basis points (10000 = truthful). */
  readonly shadingBps: number;
  /** Reputation score (bps) relayed before each slot, by slot (the last entry repeats). */
  readonly scores: readonly number[];
}

export const SEARCHERS: readonly Searcher[] = [
  { name: "alice", shadingBps: 10_000, scores: [8_200] },
  { name: "bob", shadingBps: 9_000, scores: [7_100] },
  { name: "carol", shadingBps: 10_000, scores: [6_600, 6_600, 5_400] }, // falls below the floor in slot 3
  { name: "dave", shadingBps: 10_000, scores: [5_200, 5_200, 5_200, 6_300] }, // rises above it in slot 4
  { name: "erin", shadingBps: 8_500, scores: [9_100] },
];

export const LEADER = "leader";
const REPUTATION_INSTANCE = "searcher-α.reputation";
const ROOT = "01".repeat(32);

/** A searcher's private value of slot `slot`, in gwei: a fixed spread around 3,000,000. */
export function valueOf(searcher: number, slot: number): bigint {
  const spread = ((searcher + 1) * 2_654_435_761 + slot * 40_503 * (searcher + 3)) % 1_200_000;
  return 2_400_000n + BigInt(spread);
}

export function bidOf(s: Searcher, searcher: number, slot: number): bigint {
  return (valueOf(searcher, slot) * BigInt(s.shadingBps)) / 10_000n;
}

/** A command from a named peer (the name's hash is its peer id, as in tests). */
export const envelope = (sender: string, handler: string, args: Record<string, string | Record<string, string>>): CommandEnvelope => ({
  sender: namedPeer(sender),
  command: { handler, args },
});

/** Slot `slot`'s commands: reputation snapshots that changed, every searcher's bid, close, clear. */
export function slotCommands(slot: number): CommandEnvelope[] {
  const reputation = stableIdsIn("universe")(REPUTATION_INSTANCE);
  const out: CommandEnvelope[] = [];
  SEARCHERS.forEach((s, i) => {
    const score = s.scores[Math.min(slot - 1, s.scores.length - 1)];
    const previous = slot === 1 ? undefined : s.scores[Math.min(slot - 2, s.scores.length - 1)];
    if (score === previous) return;
    const ev = { organism: reputation, index: String(1_000 * slot + i), root: ROOT, commit: ROOT };
    out.push(envelope(LEADER, "eligibility_snapshot", { agent: namedPeer(s.name), score: String(score), ev }));
  });
  SEARCHERS.forEach((s, i) => out.push(envelope(s.name, "bid", { qty: "1", price: String(bidOf(s, i, slot)) })));
  out.push(envelope(LEADER, "close_bids", { s: String(slot) }));
  out.push(envelope(LEADER, "clear_slot", { s: String(slot) }));
  return out;
}
