// The two market examples keep the last `history` allocations in a collection of exactly
// that capacity. Clearing the slot (round) after the window is full must drop the oldest
// allocation before recording the new one; recording first fills the map and every later
// clearing aborts with "capacity" (found by the market benchmark at slot 7201).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emittedState } from "../../bench/emitted-state.js";
import { ROOT, loadOrganism } from "./support/cases.js";
import { SELF } from "./support/replica.js";

const example = (name: string) => path.join(ROOT, "examples", name, `${name}.smalt`);
const empty = { fills: [], price: null };

async function clearAfterFullWindow(file: string, organism: string, history: number, at: Record<string, unknown>, command: { handler: string; args: Record<string, unknown> }) {
  const { api } = await loadOrganism(file, organism);
  const window = Array.from({ length: history }, (_, i) => [BigInt(i + 1), empty] as const);
  const state = emittedState(api, { ...(api.initialState() as Record<string, unknown>), ...at }, { allocations: window });
  const r = api.apply(state, api.decodeCommand(command), { sender: SELF, self: SELF, index: 1n });
  expect(api.receiptToJson(r.receipt)).toMatchObject({ outcome: "ok" });
  const kept = (api.stateToJson(r.state) as { allocations: [string, unknown][] }).allocations;
  return kept.map(([slot]) => Number(slot));
}

describe("the allocation window of the market examples", () => {
  it("SlotAuction drops slot 1 when it clears slot 7201", async () => {
    const kept = await clearAfterFullWindow(example("reputation-gated-market"), "SlotAuction", 7_200, { slot: 7_201n, bidding: false }, { handler: "clear_slot", args: { s: "7201" } });
    expect(kept.length).toBe(7_200);
    expect([kept[0], kept[kept.length - 1]]).toEqual([2, 7_201]);
  });

  it("GpuHourMarket drops round 1 when it clears round 1441", async () => {
    const at = { round: 1_441n, phase: { tag: "Reveal" }, phase_started: 0n };
    const kept = await clearAfterFullWindow(example("coordination-market"), "GpuHourMarket", 1_440, at, { handler: "close_round", args: { r: "1441", tick: "100" } });
    expect(kept.length).toBe(1_440);
    expect([kept[0], kept[kept.length - 1]]).toEqual([2, 1_441]);
  });
});
