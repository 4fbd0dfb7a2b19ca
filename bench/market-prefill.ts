// Large SlotAuction states for the market benchmark's scaling rows: `cards` eligible
// reputation cards (score 7000, evidence index 1) for peers 1 … cards, as a hand-written
// Map and as an emitted state. The emitted one is built with the prelude and handed to
// the bundle through its own `decodeState` (as bench/committee-bench.ts does), so it is
// exactly what a replica restoring a snapshot holds.
import type { EmittedApi, State } from "../compiler/emit/emitted-api.js";
import { emittedState } from "./emitted-state.js";
import { REPUTATION_ID, type Eligibility } from "./handwritten/slot-auction.js";
import { ROOT, peer } from "./market-workload.js";

export const cardHolders = (cards: number): string[] => Array.from({ length: cards }, (_, i) => peer(i + 1));

export function handPrefill(cards: number): Map<string, Eligibility> {
  const evidence = { organism: REPUTATION_ID, index: 1n, root: ROOT, commit: ROOT };
  return new Map(cardHolders(cards).map((p) => [p, { score: 7_000n, evidence }]));
}

export function emittedPrefill(api: EmittedApi, cards: number): State {
  const bytes = (hex: string) => Buffer.from(hex, "hex") as Uint8Array;
  const evidence = { organism: bytes(REPUTATION_ID), index: 1n, root: bytes(ROOT), commit: bytes(ROOT) };
  const eligibility = cardHolders(cards).map((p) => [bytes(p), { score: 7_000n, evidence }] as const);
  return emittedState(api, { bidding: true, last_cleared: { fills: [], price: null }, next_seq: 0n, orders: [], slot: 1n }, { allocations: [], eligibility });
}
