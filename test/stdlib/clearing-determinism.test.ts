// std.clearing, determinism and tie-break: the real rules (emitted code and reference
// evaluator, which must agree) give the identical allocation for any permutation of the
// input orders (seq numbers travel with their orders), and equal prices resolve by the
// declared tie_break, price desc then seq asc.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ClearingHarness, ONE_SIDED_RULES } from "./support/clearing-harness.js";
import { oneSidedBook, orders, shuffled, type BookShape, type Fill } from "./support/orders.js";
import { acceptedOrders, callMarketVolume, rankAsks, rankBids } from "./support/reference.js";
import { settings } from "./support/settings.js";

// Few prices, so ties are common.
const SHAPE: BookShape = { agents: 4, maxOrders: 8, maxQty: 3, maxPrice: 6 };
/** Sellers in the call market are agents FIRST_SELLER…, buyers 1…SHAPE.agents. */
const FIRST_SELLER = SHAPE.agents + 1;

let harness: ClearingHarness;
beforeAll(async () => {
  harness = await ClearingHarness.load();
});

const permutedBook = oneSidedBook(SHAPE, 8).chain((book) => fc.tuple(fc.constant(book), shuffled(book.bids)));

/** The first `volume` units of ranked orders, as (agent, qty) per order. */
function prefixFills(ranked: readonly { agent: number; qty: bigint }[], volume: bigint): { agent: number; qty: bigint }[] {
  const out: { agent: number; qty: bigint }[] = [];
  let left = volume;
  for (const o of ranked) {
    const take = o.qty < left ? o.qty : left;
    if (take > 0n) out.push({ agent: o.agent, qty: take });
    left -= take;
  }
  return out;
}

const agentQty = (fills: readonly Fill[]) => fills.map((f) => ({ agent: f.agent, qty: f.qty }));

describe("std.clearing: permuting the input orders changes nothing", () => {
  for (const rule of ONE_SIDED_RULES) {
    it(rule, () => {
      fc.assert(
        fc.property(permutedBook, ([book, permuted]) => {
          expect(harness.oneSided(rule, permuted, book.units, book.reserve)).toEqual(harness.oneSided(rule, book.bids, book.units, book.reserve));
        }),
        settings(60),
      );
    });
  }

  it("call_market_mid", () => {
    const market = fc.tuple(orders(SHAPE), orders(SHAPE, FIRST_SELLER)).chain(([bids, asks]) => fc.tuple(fc.constant(bids), fc.constant(asks), shuffled(bids), shuffled(asks)));
    fc.assert(
      fc.property(market, ([bids, asks, pb, pa]) => {
        expect(harness.callMarket(pb, pa)).toEqual(harness.callMarket(bids, asks));
      }),
      settings(60),
    );
  });
});

describe("std.clearing: winners follow the declared tie-break (price desc, seq asc)", () => {
  it("first_price and both uniform-price rules fill the top valid units, one fill per order in rank order", () => {
    fc.assert(
      fc.property(oneSidedBook(SHAPE, 8), ({ bids, units, reserve }) => {
        const expected = acceptedOrders(bids, units, reserve).map((a) => ({ agent: a.order.agent, qty: a.take }));
        for (const rule of ["first_price", "uniform_price_first_rejected", "uniform_price_last_accepted"] as const) {
          expect(agentQty(harness.oneSided(rule, bids, units, reserve).fills), rule).toEqual(expected);
        }
      }),
      settings(60),
    );
  });

  it("second_price gives one unit to the best-ranked valid order", () => {
    fc.assert(
      fc.property(oneSidedBook(SHAPE, 2), ({ bids, units, reserve }) => {
        const best = acceptedOrders(bids, 1n, reserve)[0];
        const expected = units === 0n || best === undefined ? [] : [{ agent: best.order.agent, qty: 1n }];
        expect(agentQty(harness.oneSided("second_price", bids, units, reserve).fills)).toEqual(expected);
      }),
      settings(60),
    );
  });

  it("vcg gives each agent the units its top-ranked valid orders win, one fill per agent in rank order", () => {
    fc.assert(
      fc.property(oneSidedBook(SHAPE, 8), ({ bids, units, reserve }) => {
        const totals = new Map<number, bigint>();
        for (const a of acceptedOrders(bids, units, reserve)) totals.set(a.order.agent, (totals.get(a.order.agent) ?? 0n) + a.take);
        const expected = [...totals].map(([agent, qty]) => ({ agent, qty }));
        expect(agentQty(harness.oneSided("vcg", bids, units, reserve).fills)).toEqual(expected);
      }),
      settings(60),
    );
  });

  it("call_market_mid matches the first q* bid units (price desc, seq asc) with the first q* ask units (price asc, seq asc)", () => {
    fc.assert(
      fc.property(orders(SHAPE), orders(SHAPE, FIRST_SELLER), (bids, asks) => {
        const { volume } = callMarketVolume(bids, asks);
        const expected = [...prefixFills(rankBids(bids), volume), ...prefixFills(rankAsks(asks), volume)];
        expect(agentQty(harness.callMarket(bids, asks).fills)).toEqual(expected);
      }),
      settings(60),
    );
  });
});
