// std.clearing, truthfulness of second_price and vcg: on small books, one bidder (agent 1)
// with true values tries every report on a grid (including not bidding) at its fixed log
// position; none gives it strictly more utility (value of the units won − payment) than
// reporting its true values. The others' orders stay fixed.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ClearingHarness, type OneSidedRule } from "./support/clearing-harness.js";
import { marginalOrders, orders, withAgent, type Block, type Order } from "./support/orders.js";
import { blockValue } from "./support/reference.js";
import { settings } from "./support/settings.js";

const BIDDER = 1;
const MAX_PRICE = 8;

let harness: ClearingHarness;
beforeAll(async () => {
  harness = await ClearingHarness.load();
});

const price = fc.integer({ min: 0, max: MAX_PRICE }).map(BigInt);
const prices = Array.from({ length: MAX_PRICE + 2 }, (_, i) => BigInt(i));

/** The bidder's utility from reporting `report` when its values are `truth`. */
function utility(rule: OneSidedRule, others: readonly Order[], position: number, truth: readonly Block[], report: readonly Block[], units: bigint, reserve: bigint): bigint {
  const bids = withAgent(others, BIDDER, report, position);
  const a = harness.oneSided(rule, bids, units, reserve);
  const won = a.fills.filter((f) => f.agent === BIDDER);
  const qty = won.reduce((s, f) => s + f.qty, 0n);
  const pay = won.reduce((s, f) => s + f.pay, 0n);
  const values = truth.map((b, i) => ({ agent: BIDDER, qty: b.qty, price: b.price, seq: BigInt(i) }));
  return blockValue(values, qty) - pay;
}

function assertNoProfitableMisreport(rule: OneSidedRule, others: readonly Order[], position: number, truth: readonly Block[], reports: readonly (readonly Block[])[], units: bigint, reserve: bigint): void {
  const truthful = utility(rule, others, position, truth, truth, units, reserve);
  for (const report of reports) {
    const u = utility(rule, others, position, truth, report, units, reserve);
    expect(u, `reporting ${JSON.stringify(report, (_, v) => (typeof v === "bigint" ? Number(v) : v))} instead of the truth`).toBeLessThanOrEqual(truthful);
  }
}

describe("std.clearing: no misreport beats the truth", () => {
  it("second_price (unit demand): any single price, any quantity, or no bid", () => {
    const reports: Block[][] = [[], ...prices.flatMap((p) => [1n, 2n].map((qty) => [{ qty, price: p }]))];
    const instance = fc.record({
      others: orders({ agents: 3, maxOrders: 5, maxQty: 2, maxPrice: MAX_PRICE }, 2),
      position: fc.nat({ max: 5 }),
      value: price,
      units: fc.integer({ min: 0, max: 2 }).map(BigInt),
      reserve: fc.integer({ min: 0, max: 4 }).map(BigInt),
    });
    fc.assert(
      fc.property(instance, ({ others, position, value, units, reserve }) => {
        assertNoProfitableMisreport("second_price", others, position, [{ qty: 1n, price: value }], reports, units, reserve);
      }),
      settings(60),
    );
  });

  it("vcg (non-increasing marginal values): any one or two non-increasing blocks of up to 3 units, or no bid", () => {
    const grid = [1n, 2n, 3n].flatMap((qty) => prices.map((p) => ({ qty, price: p })));
    const reports: Block[][] = [[], ...grid.map((b) => [b]), ...grid.flatMap((a) => grid.filter((b) => b.price <= a.price && a.qty + b.qty <= 4n).map((b) => [a, b]))];
    const truth = fc
      .array(fc.record({ qty: fc.integer({ min: 1, max: 2 }).map(BigInt), price }), { minLength: 1, maxLength: 2 })
      .map((bs) => [...bs].sort((a, b) => (a.price > b.price ? -1 : a.price < b.price ? 1 : 0)));
    const instance = fc.record({
      others: marginalOrders({ agents: 2, maxOrders: 4, maxQty: 2, maxPrice: MAX_PRICE }, 2),
      position: fc.nat({ max: 4 }),
      truth,
      units: fc.integer({ min: 1, max: 4 }).map(BigInt),
      reserve: fc.integer({ min: 0, max: 3 }).map(BigInt),
    });
    fc.assert(
      fc.property(instance, ({ others, position, truth, units, reserve }) => {
        assertNoProfitableMisreport("vcg", others, position, truth, reports, units, reserve);
      }),
      settings(12),
    );
  });
});
