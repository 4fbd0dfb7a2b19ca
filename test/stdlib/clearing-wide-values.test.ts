// std.clearing with prices across the whole u64 range: each rule either returns the
// allocation its definition gives (feasible, individually rational) or, exactly when a
// payment it must report does not fit u64, aborts with `overflow`; the emitted code and
// the reference evaluator agree either way (checked by the harness).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ClearingHarness, ONE_SIDED_RULES, RuleAborted, type OneSidedRule } from "./support/clearing-harness.js";
import { marginalOrders, orders, type Allocation, type BookShape, type Order } from "./support/orders.js";
import { acceptedOrders, callMarketVolume, demandByAgent, externality, isValid, qtyByAgent, rankAsks, rankBids, rankedValidUnits, sum } from "./support/reference.js";
import { settings } from "./support/settings.js";

const U64_MAX = 2n ** 64n - 1n;
const wide = fc.oneof(
  fc.bigInt({ min: 0n, max: 5n }),
  fc.bigInt({ min: U64_MAX - 5n, max: U64_MAX }),
  fc.bigInt({ min: 2n ** 63n - 3n, max: 2n ** 63n + 3n }),
  fc.bigInt({ min: 0n, max: U64_MAX }),
);
const SHAPE: BookShape = { agents: 3, maxOrders: 6, maxQty: 3, maxPrice: 1 };
const widen = (os: Order[]) => fc.array(wide, { minLength: os.length, maxLength: os.length }).map((ps) => os.map((o, i) => ({ ...o, price: ps[i] })));
const wideOrders = (firstAgent = 1) => orders(SHAPE, firstAgent).chain(widen);
const units = fc.integer({ min: 0, max: 6 }).map(BigInt);

let harness: ClearingHarness;
beforeAll(async () => {
  harness = await ClearingHarness.load();
});

/** The payments a rule's definition gives on the book (vcg: externalities; the book must meet its precondition). */
function definedPays(rule: OneSidedRule, bids: readonly Order[], u: bigint, reserve: bigint, result: Allocation | null): bigint[] {
  const accepted = acceptedOrders(bids, u, reserve);
  const b = rankedValidUnits(bids, reserve);
  const k = Math.min(Number(u), b.length);
  switch (rule) {
    case "first_price":
      return accepted.map((a) => a.take * a.order.price);
    case "uniform_price_first_rejected":
      return accepted.map((a) => a.take * (k < b.length ? b[k] : reserve));
    case "uniform_price_last_accepted":
      return accepted.map((a) => a.take * b[k - 1]);
    case "second_price":
      return []; // one unit at a price that was bid: always fits
    case "vcg": {
      const x = new Map<number, bigint>();
      for (const a of accepted) x.set(a.order.agent, (x.get(a.order.agent) ?? 0n) + a.take);
      const demand = demandByAgent(bids, reserve);
      const pays = [...x.keys()].map((agent) => externality(demand, x, u, reserve, agent));
      if (result) expect(result.fills.map((f) => f.pay)).toEqual(pays);
      return pays;
    }
  }
}

function clearOrAbort<T>(run: () => T): T | RuleAborted {
  try {
    return run();
  } catch (e) {
    if (e instanceof RuleAborted) return e;
    throw e;
  }
}

describe("std.clearing on u64-wide prices", () => {
  for (const rule of ONE_SIDED_RULES) {
    it(`${rule}: the defined allocation, or an overflow abort exactly when a payment does not fit u64`, () => {
      const bids = rule === "vcg" ? marginalOrders(SHAPE).chain(widen).filter((bs) => harness.marginalBidsNonIncreasing(bs)) : wideOrders();
      fc.assert(
        fc.property(bids, units, wide, (bs, u, reserve) => {
          const r = clearOrAbort(() => harness.oneSided(rule, bs, u, reserve));
          const pays = definedPays(rule, bs, u, reserve, r instanceof RuleAborted ? null : r);
          const overflows = pays.some((p) => p > U64_MAX);
          if (r instanceof RuleAborted) {
            expect(r.code).toBe("overflow");
            expect(overflows, `${rule} aborted (${r.reason}) though every payment fits u64`).toBe(true);
            return;
          }
          expect(overflows).toBe(false);
          expect(sum(r.fills.map((f) => f.qty))).toBeLessThanOrEqual(u);
          for (const [agent, q] of qtyByAgent(r.fills)) {
            const best = rankedValidUnits(bs.filter((o) => o.agent === agent), reserve).slice(0, Number(q));
            const paid = sum(r.fills.filter((f) => f.agent === agent).map((f) => f.pay));
            expect(paid).toBeLessThanOrEqual(sum(best));
            expect(paid).toBeGreaterThanOrEqual(q * reserve);
            expect(bs.some((o) => o.agent === agent && isValid(o, reserve))).toBe(true);
          }
        }),
        settings(80),
      );
    });
  }

  it("call_market_mid: the mid price never overflows; pays abort with overflow exactly when qty × price does not fit u64", () => {
    fc.assert(
      fc.property(wideOrders(), wideOrders(5), (bids, asks) => {
        const r = clearOrAbort(() => harness.callMarket(bids, asks));
        const { volume, bidUnits, askUnits } = callMarketVolume(bids, asks);
        const q = Number(volume);
        const mid = q === 0 ? 0n : (bidUnits[q - 1] + askUnits[q - 1]) / 2n;
        const takes = (ranked: readonly Order[]) => {
          let left = volume;
          return ranked.map((o) => {
            const t = o.qty < left ? o.qty : left;
            left -= t;
            return t;
          });
        };
        const overflows = [...takes(rankBids(bids)), ...takes(rankAsks(asks))].some((t) => t * mid > U64_MAX);
        if (r instanceof RuleAborted) {
          expect(r.code).toBe("overflow");
          expect(overflows, `aborted (${r.reason}) though every payment fits u64`).toBe(true);
          return;
        }
        expect(overflows).toBe(false);
        expect(r.price).toBe(q === 0 ? null : mid);
      }),
      settings(80),
    );
  });
});
