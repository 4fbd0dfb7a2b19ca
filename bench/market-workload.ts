// The SlotAuction (examples/reputation-gated-market) for the market benchmark and its
// test: the emitted, bundled organism (as the example is, or with a wider `eligibility`
// map for states of 10^5 and 10^6 cards), the command streams in the hand-written form,
// (their JSON form for the emitted decoder: emitted-stream.ts).
import fs from "node:fs";
import path from "node:path";
import type { EmittedApi } from "../compiler/emit/emitted-api.js";
import { checkPolicy, loadEmitted } from "./emitted-stream.js";
import { REPUTATION_ID, type Command } from "./handwritten/slot-auction.js";
import { benchId } from "./ids.js";

export const MARKET_FILE = path.resolve(import.meta.dirname, "..", "examples", "reputation-gated-market", "reputation-gated-market.smalt");
export const LEADER = "1e".repeat(32);
export const ROOT = "01".repeat(32);
const ELIGIBILITY_DECL = "eligibility: map<peer, Eligibility, 4096>";

export type Envelope = { sender: string; cmd: Command };
export const peer = (n: number): string => benchId("peer", n);

/** The emitted SlotAuction; `eligibilityCapacity`: the example with only its `eligibility` capacity changed. */
export async function loadSlotAuction(eligibilityCapacity?: number): Promise<EmittedApi> {
  if (eligibilityCapacity === undefined) return loadEmitted(checkPolicy(MARKET_FILE), "SlotAuction");
  const text = fs.readFileSync(MARKET_FILE, "utf8");
  if (text.split(ELIGIBILITY_DECL).length !== 2) throw new Error(`${MARKET_FILE} no longer declares \`${ELIGIBILITY_DECL}\` once`);
  return loadEmitted(checkPolicy(MARKET_FILE, text.replace(ELIGIBILITY_DECL, `eligibility: map<peer, Eligibility, ${eligibilityCapacity}>`)), "SlotAuction");
}

export const snapshot = (agent: string, score: bigint, index: bigint, organism = REPUTATION_ID): Envelope => ({
  sender: LEADER,
  cmd: { handler: "eligibility_snapshot", agent, score, ev: { organism, index, root: ROOT, commit: ROOT } },
});

/**
 * Slots `first` … `first + slots - 1`, each: a refreshed (still eligible) card for the
 * slot's first bidder, one bid from each of `bidsPerSlot` distinct agents (spread over
 * `agents` by a stride coprime to its length), close_bids, clear_slot. All accepted when
 * every agent holds an eligible card with evidence index below `firstIndex`.
 */
export function slotStream(agents: readonly string[], first: number, slots: number, bidsPerSlot: number, firstIndex: bigint): Envelope[] {
  const out: Envelope[] = [];
  let index = firstIndex;
  for (let s = first; s < first + slots; s++) {
    for (let j = 0; j < bidsPerSlot; j++) {
      const agent = agents[((s * bidsPerSlot + j) * 7919) % agents.length];
      if (j === 0) out.push(snapshot(agent, 7_000n + BigInt(s % 2_000), index++));
      // Prices above the reserve, with ties now and then (the log-position tie-break decides).
      const price = 1_000_000n + BigInt((((s * 31 + j * 17) % 23) % 7) * 50_000);
      out.push({ sender: agent, cmd: { handler: "bid", qty: 1n, price } });
    }
    out.push({ sender: LEADER, cmd: { handler: "close_bids", s: BigInt(s) } });
    out.push({ sender: LEADER, cmd: { handler: "clear_slot", s: BigInt(s) } });
  }
  return out;
}
