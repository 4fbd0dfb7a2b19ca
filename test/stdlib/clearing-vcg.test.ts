// std.clearing vcg against the definition: on small books of non-increasing marginal bids
// the allocation maximises welfare (the seller values a unit it keeps at the reserve), and
// each agent pays its externality, W_-i(best allocation without i) − W_-i(the allocation
// chosen), both found by exhaustive search in test/stdlib/support/reference.ts.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ClearingHarness } from "./support/clearing-harness.js";
import { marginalOrders, orders, shuffled, type BookShape, type Order } from "./support/orders.js";
import { bestWelfare, demandByAgent, externality, qtyByAgent, welfare } from "./support/reference.js";
import { settings } from "./support/settings.js";

const SHAPE: BookShape = { agents: 3, maxOrders: 6, maxQty: 3, maxPrice: 10 };

const book = fc.record({
  bids: marginalOrders(SHAPE).chain((bs) => shuffled(bs)),
  units: fc.integer({ min: 0, max: 7 }).map(BigInt),
  reserve: fc.integer({ min: 0, max: 5 }).map(BigInt),
});

let harness: ClearingHarness;
beforeAll(async () => {
  harness = await ClearingHarness.load();
});

/** Each agent's orders in seq order bid non-increasing prices (the definition, directly). */
function nonIncreasing(bids: readonly Order[]): boolean {
  return bids.every((a) => bids.every((b) => a.agent !== b.agent || b.seq <= a.seq || b.price <= a.price));
}

describe("std.clearing vcg equals VCG by definition on small books", () => {
  it("the generated books meet the rule's precondition, and marginal_bids_non_increasing agrees with its definition", () => {
    fc.assert(fc.property(book, ({ bids }) => {
      expect(harness.marginalBidsNonIncreasing(bids)).toBe(true);
    }), settings(30));
    fc.assert(fc.property(orders({ agents: 3, maxOrders: 6, maxQty: 2, maxPrice: 4 }), (bids) => {
      expect(harness.marginalBidsNonIncreasing(bids)).toBe(nonIncreasing(bids));
    }), settings(60));
  });

  it("allocates a welfare-maximising allocation", () => {
    fc.assert(
      fc.property(book, ({ bids, units, reserve }) => {
        const x = qtyByAgent(harness.oneSided("vcg", bids, units, reserve).fills);
        const demand = demandByAgent(bids, reserve);
        expect(welfare(demand, x, units, reserve)).toBe(bestWelfare(demand, units, reserve));
      }),
      settings(80),
    );
  });

  it("charges every agent its externality (and an agent that wins nothing imposes none)", () => {
    fc.assert(
      fc.property(book, ({ bids, units, reserve }) => {
        const a = harness.oneSided("vcg", bids, units, reserve);
        const x = qtyByAgent(a.fills);
        const demand = demandByAgent(bids, reserve);
        for (const f of a.fills) expect(f.pay, `payment of agent ${f.agent}`).toBe(externality(demand, x, units, reserve, f.agent));
        for (const agent of demand.keys()) if (!x.has(agent)) expect(externality(demand, x, units, reserve, agent)).toBe(0n);
      }),
      settings(80),
    );
  });

  it("with unit demand, charges every winner the uniform (k+1)-th price", () => {
    const unitDemand = fc.record({
      bids: orders({ agents: 6, maxOrders: 6, maxQty: 1, maxPrice: 10 }).map((bs) => bs.filter((o, i) => bs.findIndex((p) => p.agent === o.agent) === i)),
      units: fc.integer({ min: 0, max: 6 }).map(BigInt),
      reserve: fc.integer({ min: 0, max: 5 }).map(BigInt),
    });
    fc.assert(
      fc.property(unitDemand, ({ bids, units, reserve }) => {
        const vcg = harness.oneSided("vcg", bids, units, reserve);
        const uniform = harness.oneSided("uniform_price_first_rejected", bids, units, reserve);
        expect(vcg.fills).toEqual(uniform.fills);
      }),
      settings(60),
    );
  });
});
