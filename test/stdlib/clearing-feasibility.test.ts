// std.clearing, feasibility: on random books the real rules never allocate more than the
// supply, never give an agent more than its valid orders asked for, fill only valid orders
// (qty >= 1, price >= reserve) and charge at least the reserve per unit; the call market
// trades the largest feasible volume, at most either side's quantity, with every matched
// bid at or above every matched ask.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ClearingHarness, ONE_SIDED_RULES } from "./support/clearing-harness.js";
import { oneSidedBook, orders, type BookShape, type Fill, type Order } from "./support/orders.js";
import { callMarketVolume, isValid, qtyByAgent, rankAsks, rankBids, sum } from "./support/reference.js";
import { settings } from "./support/settings.js";

const SHAPE: BookShape = { agents: 4, maxOrders: 10, maxQty: 4, maxPrice: 12 };
/** Sellers in the call market are agents FIRST_SELLER…, buyers 1…SHAPE.agents. */
const FIRST_SELLER = SHAPE.agents + 1;

let harness: ClearingHarness;
beforeAll(async () => {
  harness = await ClearingHarness.load();
});

/** Pairs each fill with the ranked order it fills (one fill per order with qty >= 1, in rank order). */
function matchedOrders(fills: readonly Fill[], ranked: readonly Order[]): Order[] {
  const candidates = ranked.filter((o) => o.qty >= 1n);
  return fills.map((f, i) => {
    const o = candidates[i];
    expect(o, `fill ${i} has no order`).toBeDefined();
    expect(f.agent).toBe(o.agent);
    expect(f.qty).toBeGreaterThanOrEqual(1n);
    expect(f.qty).toBeLessThanOrEqual(o.qty);
    return o;
  });
}

describe("std.clearing one-sided rules are feasible", () => {
  for (const rule of ONE_SIDED_RULES) {
    it(`${rule}: at most the supply, at most what each agent validly asked, only valid orders, at least the reserve`, () => {
      fc.assert(
        fc.property(oneSidedBook(SHAPE, 12), ({ bids, units, reserve }) => {
          const a = harness.oneSided(rule, bids, units, reserve);
          expect(sum(a.fills.map((f) => f.qty))).toBeLessThanOrEqual(units);
          for (const [agent, qty] of qtyByAgent(a.fills)) {
            const asked = sum(bids.filter((o) => o.agent === agent && isValid(o, reserve)).map((o) => o.qty));
            expect(asked, `agent ${agent} won with no valid order`).toBeGreaterThan(0n);
            expect(qty).toBeLessThanOrEqual(rule === "second_price" ? 1n : asked);
          }
          for (const f of a.fills) {
            expect(f.qty).toBeGreaterThanOrEqual(1n);
            expect(f.pay).toBeGreaterThanOrEqual(f.qty * reserve);
          }
          if (a.price !== null) expect(a.price).toBeGreaterThanOrEqual(reserve);
        }),
        settings(80),
      );
    });
  }
});

describe("std.clearing call_market_mid is feasible", () => {
  it("volume q* on both sides, at most either side's quantity; every matched bid >= every matched ask; the price between them", () => {
    fc.assert(
      fc.property(orders(SHAPE), orders(SHAPE, FIRST_SELLER), (bids, asks) => {
        const a = harness.callMarket(bids, asks);
        const buys = a.fills.filter((f) => f.agent < FIRST_SELLER);
        const sells = a.fills.filter((f) => f.agent >= FIRST_SELLER);
        expect(a.fills).toEqual([...buys, ...sells]);
        const bought = sum(buys.map((f) => f.qty));
        const sold = sum(sells.map((f) => f.qty));
        expect(bought).toBe(sold);
        expect(bought).toBeLessThanOrEqual(sum(bids.map((o) => o.qty)));
        expect(sold).toBeLessThanOrEqual(sum(asks.map((o) => o.qty)));
        // Maximal: no larger volume has bid_q >= ask_q.
        expect(bought).toBe(callMarketVolume(bids, asks).volume);
        const matchedBids = matchedOrders(buys, rankBids(bids));
        const matchedAsks = matchedOrders(sells, rankAsks(asks));
        for (const b of matchedBids) for (const s of matchedAsks) expect(b.price).toBeGreaterThanOrEqual(s.price);
        if (bought === 0n) {
          expect(a.price).toBeNull();
          return;
        }
        const p = a.price!;
        for (const b of matchedBids) expect(p).toBeLessThanOrEqual(b.price);
        for (const s of matchedAsks) expect(p).toBeGreaterThanOrEqual(s.price);
        for (const f of a.fills) expect(f.pay).toBe(f.qty * p);
      }),
      settings(100),
    );
  });
});
