// std.clearing, payments: individual rationality (no winner pays more than it bid: per unit
// for the per-order rules, in total for vcg, and no seller in the call market receives less
// than it asked), first_price charges each winner its own bid, and the uniform-price rules
// charge exactly b(k+1) (first_rejected, the reserve when nothing valid is rejected) or b(k)
// (last_accepted), which lie between the first rejected and the last accepted unit; the
// call market trades every unit at floor((bid_q* + ask_q*) / 2).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ClearingHarness, ONE_SIDED_RULES } from "./support/clearing-harness.js";
import { oneSidedBook, orders, type BookShape } from "./support/orders.js";
import { acceptedOrders, callMarketVolume, isValid, qtyByAgent, rankAsks, rankBids, rankedValidUnits, sum } from "./support/reference.js";
import { settings } from "./support/settings.js";

const SHAPE: BookShape = { agents: 4, maxOrders: 10, maxQty: 4, maxPrice: 12 };
/** Sellers in the call market are agents FIRST_SELLER…, buyers 1…SHAPE.agents. */
const FIRST_SELLER = SHAPE.agents + 1;
const book = oneSidedBook(SHAPE, 12);

let harness: ClearingHarness;
beforeAll(async () => {
  harness = await ClearingHarness.load();
});

describe("std.clearing: individual rationality", () => {
  for (const rule of ONE_SIDED_RULES) {
    it(`${rule}: an agent winning q units pays at most the sum of its q best valid unit bids`, () => {
      fc.assert(
        fc.property(book, ({ bids, units, reserve }) => {
          const a = harness.oneSided(rule, bids, units, reserve);
          const paid = new Map<number, bigint>();
          for (const f of a.fills) paid.set(f.agent, (paid.get(f.agent) ?? 0n) + f.pay);
          for (const [agent, q] of qtyByAgent(a.fills)) {
            const best = rankedValidUnits(bids.filter((o) => o.agent === agent), reserve).slice(0, Number(q));
            expect(paid.get(agent)!).toBeLessThanOrEqual(sum(best));
          }
        }),
        settings(80),
      );
    });
  }

  it("first_price and the uniform-price rules: each winning order pays at most its own price per unit", () => {
    fc.assert(
      fc.property(book, ({ bids, units, reserve }) => {
        const accepted = acceptedOrders(bids, units, reserve);
        for (const rule of ["first_price", "uniform_price_first_rejected", "uniform_price_last_accepted"] as const) {
          const fills = harness.oneSided(rule, bids, units, reserve).fills;
          expect(fills.length).toBe(accepted.length);
          fills.forEach((f, i) => expect(f.pay, rule).toBeLessThanOrEqual(f.qty * accepted[i].order.price));
        }
      }),
      settings(80),
    );
  });

  it("call_market_mid: buyers pay at most their bid, sellers receive at least their ask, per order", () => {
    fc.assert(
      fc.property(orders(SHAPE), orders(SHAPE, FIRST_SELLER), (bids, asks) => {
        const a = harness.callMarket(bids, asks);
        const buys = a.fills.filter((f) => f.agent < FIRST_SELLER);
        const sells = a.fills.filter((f) => f.agent >= FIRST_SELLER);
        const rb = rankBids(bids).filter((o) => o.qty >= 1n);
        const ra = rankAsks(asks).filter((o) => o.qty >= 1n);
        buys.forEach((f, i) => expect(f.pay).toBeLessThanOrEqual(f.qty * rb[i].price));
        sells.forEach((f, i) => expect(f.pay).toBeGreaterThanOrEqual(f.qty * ra[i].price));
      }),
      settings(80),
    );
  });
});

describe("std.clearing: payment conventions", () => {
  it("first_price: every winning order pays its own bid for the units it gets; no uniform price", () => {
    fc.assert(
      fc.property(book, ({ bids, units, reserve }) => {
        const a = harness.oneSided("first_price", bids, units, reserve);
        expect(a.price).toBeNull();
        expect(a.fills).toEqual(acceptedOrders(bids, units, reserve).map(({ order, take }) => ({ agent: order.agent, qty: take, pay: take * order.price })));
      }),
      settings(80),
    );
  });

  it("second_price: the winner pays the highest valid price bid by another agent, at least the reserve", () => {
    fc.assert(
      fc.property(book, ({ bids, units, reserve }) => {
        const a = harness.oneSided("second_price", bids, units, reserve);
        const winner = acceptedOrders(bids, 1n, reserve)[0];
        if (units === 0n || winner === undefined) {
          expect(a).toEqual({ fills: [], price: null });
          return;
        }
        const others = bids.filter((o) => o.agent !== winner.order.agent && isValid(o, reserve)).map((o) => o.price);
        const pay = [reserve, ...others].reduce((m, p) => (p > m ? p : m));
        expect(a).toEqual({ fills: [{ agent: winner.order.agent, qty: 1n, pay }], price: pay });
      }),
      settings(80),
    );
  });

  it("uniform price: first_rejected charges b(k+1) (the reserve if no valid unit is rejected), last_accepted b(k); b(k+1) <= both <= b(k)", () => {
    fc.assert(
      fc.property(book, ({ bids, units, reserve }) => {
        const b = rankedValidUnits(bids, reserve); // b(1) >= b(2) >= …
        const k = Math.min(Number(units), b.length);
        const first = harness.oneSided("uniform_price_first_rejected", bids, units, reserve);
        const last = harness.oneSided("uniform_price_last_accepted", bids, units, reserve);
        if (k === 0) {
          expect(first).toEqual({ fills: [], price: null });
          expect(last).toEqual({ fills: [], price: null });
          return;
        }
        const lastAccepted = b[k - 1];
        const firstRejected = k < b.length ? b[k] : reserve;
        expect(first.price).toBe(firstRejected);
        expect(last.price).toBe(lastAccepted);
        for (const p of [first.price!, last.price!]) {
          expect(p).toBeGreaterThanOrEqual(firstRejected);
          expect(p).toBeLessThanOrEqual(lastAccepted);
          expect(p).toBeGreaterThanOrEqual(reserve);
        }
        for (const a of [first, last]) for (const f of a.fills) expect(f.pay).toBe(f.qty * a.price!);
      }),
      settings(80),
    );
  });

  it("call_market_mid: every unit trades at floor((bid_q* + ask_q*) / 2), the marginal bid and ask", () => {
    fc.assert(
      fc.property(orders(SHAPE), orders(SHAPE, FIRST_SELLER), (bids, asks) => {
        const a = harness.callMarket(bids, asks);
        const { volume, bidUnits, askUnits } = callMarketVolume(bids, asks);
        if (volume === 0n) {
          expect(a).toEqual({ fills: [], price: null });
          return;
        }
        const q = Number(volume);
        const mid = (bidUnits[q - 1] + askUnits[q - 1]) / 2n; // bigint division rounds down here (non-negative)
        expect(a.price).toBe(mid);
        for (const f of a.fills) expect(f.pay).toBe(f.qty * mid);
      }),
      settings(80),
    );
  });
});
