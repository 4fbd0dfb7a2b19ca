// The market benchmark compares like with like: the hand-written SlotAuction
// (bench/handwritten/slot-auction.ts) and the emitted one give the same receipt (outcome,
// reason, events, cites) for every command and end every command in the same state
// (cards, orders, allocations: winner, price, qty, pay), on the benchmark's own stream,
// on a stream that hits every guard, and on a seeded random stream.
import { beforeAll, describe, expect, it } from "vitest";
import type { EmittedApi, State } from "../../compiler/emit/emitted-api.js";
import { HandwrittenSlotAuction, secondPrice, type Order } from "../../bench/handwritten/slot-auction.js";
import { commandJson as toJson, SELF } from "../../bench/emitted-stream.js";
import { LEADER, loadSlotAuction, peer, slotStream, snapshot, type Envelope } from "../../bench/market-workload.js";
import { receiptJson, stateJson } from "./slot-auction-json.js";

let api: EmittedApi;
beforeAll(async () => {
  api = await loadSlotAuction();
}, 60_000);

/** Runs `stream` (read lazily, so it may look at `hand`) through both; returns the reasons of the rejected commands. */
function runBoth(stream: Iterable<Envelope>, hand = new HandwrittenSlotAuction()): string[] {
  let state: State = api.initialState();
  const rejected: string[] = [];
  let i = 0;
  for (const s of stream) {
    const r = api.apply(state, api.decodeCommand(toJson(s.cmd)), { sender: s.sender, self: SELF, index: BigInt(i + 1) });
    const h = hand.apply(s.cmd, s.sender);
    expect(receiptJson(h), `command ${i}: ${JSON.stringify(toJson(s.cmd))}`).toEqual(api.receiptToJson(r.receipt));
    state = r.state;
    expect(stateJson(hand), `state after command ${i}`).toEqual(api.stateToJson(state));
    if (!h.ok) rejected.push(h.reason);
    i++;
  }
  return rejected;
}

const A = peer(0xa1);
const B = peer(0xb2);
const C = peer(0xc3);
const bid = (sender: string, price: bigint, qty = 1n): Envelope => ({ sender, cmd: { handler: "bid", qty, price } });
const close = (s: bigint): Envelope => ({ sender: LEADER, cmd: { handler: "close_bids", s } });
const clear = (s: bigint): Envelope => ({ sender: LEADER, cmd: { handler: "clear_slot", s } });

describe("hand-written SlotAuction vs emitted", () => {
  it("agrees on the benchmark's stream, every command accepted", () => {
    const agents = Array.from({ length: 16 }, (_, i) => peer(0x1000 + i));
    const stream = [...agents.map((a) => snapshot(a, 8_000n, 1n)), ...slotStream(agents, 1, 40, 8, 2n)];
    expect(runBoth(stream)).toEqual([]);
  });

  it("agrees on every guard, withdrawal, ties and the second price", () => {
    const stream: Envelope[] = [
      bid(A, 3_000_000n), // no card yet
      snapshot(A, 9_000n, 5n, "d0".repeat(32)),
      snapshot(A, 7_000n, 5n),
      snapshot(A, 7_500n, 5n), // stale
      snapshot(B, 5_999n, 6n),
      bid(B, 3_000_000n), // below floor
      snapshot(B, 6_000n, 7n),
      snapshot(C, 8_000n, 8n),
      bid(A, 3_000_000n, 0n),
      bid(A, 3_000_000n, 2n),
      bid(A, 999_999n),
      bid(A, 2_000_000n),
      bid(B, 2_000_000n), // ties A's price: A bid first and wins
      bid(A, 1_900_000n),
      bid(A, 1_800_000n),
      bid(A, 1_700_000n),
      bid(A, 1_600_000n), // a fifth order
      clear(1n), // window open
      close(2n),
      close(1n),
      close(1n),
      bid(C, 5_000_000n), // window closed
      clear(2n),
      clear(1n), // A wins at B's 2,000,000 (A's own lower orders never set its price)
      bid(C, 2_500_000n),
      bid(A, 2_400_000n),
      snapshot(C, 5_000n, 9n), // C falls below the floor: its bid is withdrawn
      close(2n),
      clear(2n), // A alone: pays the reserve
      close(3n),
      clear(3n), // no bids: nothing sold
      bid(B, 1_000_000n),
      bid(A, 1_000_000n),
      close(4n),
      clear(4n), // all at the reserve: B first
    ];
    expect(runBoth(stream)).toEqual([
      "reputation below floor",
      "evidence from another organism",
      "stale snapshot",
      "reputation below floor",
      "quantity out of range",
      "quantity out of range",
      "below reserve",
      "too many bids",
      "bid window still open",
      "wrong slot",
      "bid window already closed",
      "bid window closed",
      "wrong slot",
    ]);
  });

  it("agrees on a seeded random stream", () => {
    let x = 0x2545f491;
    const next = (n: number) => {
      x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
      return (x >>> 8) % n;
    };
    const agents = Array.from({ length: 6 }, (_, i) => peer(0x2000 + i));
    const hand = new HandwrittenSlotAuction();
    function* stream(): Generator<Envelope> {
      for (let i = 0; i < 1_500; i++) {
        const k = next(10);
        const slot = hand.slot + (next(8) === 0 ? 1n : 0n); // now and then the next slot: "wrong slot"
        if (k < 2) yield snapshot(agents[next(6)], BigInt(5_000 + next(5_000)), BigInt(next(400)), next(20) === 0 ? "d0".repeat(32) : undefined);
        else if (k < 7) yield bid(agents[next(6)], BigInt(900_000 + next(8) * 100_000), BigInt(next(8) === 0 ? 2 : 1));
        else yield k === 7 ? close(slot) : clear(slot);
      }
    }
    const rejected = runBoth(stream(), hand);
    expect(new Set(rejected).size).toBe(10); // every reason the organism has
    expect(rejected.length).toBeLessThan(0.75 * 1_500);
    expect([...hand.allocations.values()].filter((a) => a.fills.length === 1).length).toBeGreaterThan(20);
  });
});

describe("secondPrice (hand-written)", () => {
  const o = (agent: string, price: bigint, seq: bigint, qty = 1n): Order => ({ agent, qty, price, seq });
  it("takes the best valid order, earliest on ties, priced by the best other agent, floored at the reserve", () => {
    expect(secondPrice([o(B, 50n, 0n), o(A, 50n, 1n), o(A, 40n, 2n)], 1n, 10n)).toEqual({ fills: [{ agent: B, qty: 1n, pay: 50n }], price: 50n });
    expect(secondPrice([o(A, 50n, 0n), o(A, 40n, 1n), o(B, 9n, 2n)], 1n, 10n)).toEqual({ fills: [{ agent: A, qty: 1n, pay: 10n }], price: 10n });
    expect(secondPrice([o(A, 90n, 0n, 0n), o(B, 20n, 1n)], 1n, 10n)).toEqual({ fills: [{ agent: B, qty: 1n, pay: 10n }], price: 10n });
    expect(secondPrice([o(A, 50n, 0n)], 0n, 10n)).toEqual({ fills: [], price: null });
  });
});
