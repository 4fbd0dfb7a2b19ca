// Clearing-rule witnesses (a fixed-seed search, shrunk, replayed on the reference
// evaluator) and the direction of config and handler changes.
import { describe, expect, it } from "vitest";
import { diffPrograms } from "../../compiler/diff/diff-program.js";
import type { OrganismDiff } from "../../compiler/diff/diff-report.js";
import { diffInput } from "../support/fingerprint-source.js";

const market = (rule: string, extra = "") => `
network "universe"
import std.clearing
${extra}
organism Market {
  instance "tests.market"
  committee 2 of 3
  config {
    rule: clearing = ${rule}
    units: u64 = 1
    reserve: u64 = 10
    cap: u64 = 4
    allowed: list<u64, 8> = [1, 2]
  }
  state { orders: list<Order, 256> }
  on bid(qty: u64, price: u64, kind: u64) {
    require price >= config.reserve else "below reserve"
    require len(orders) < config.cap else "book full"
    require config.allowed.contains(kind) else "unknown kind"
    orders.push(Order { agent: sender, qty: qty, price: price, seq: u64(len(orders)) })
  }
  on close() {
    let a = config.rule(orders, config.units, config.reserve)
    orders = []
  }
}
`;

function organism(oldSrc: string, newSrc: string): OrganismDiff {
  return diffPrograms(diffInput("old.smalt", oldSrc), diffInput("new.smalt", newSrc)).organisms[0];
}

describe("clearing witnesses", () => {
  it("finds and shrinks an order book on which second-price and first-price differ", () => {
    const d = organism(market("std.clearing.second_price"), market("std.clearing.first_price"));
    expect(d.class).toBe("breaking");
    const w = d.clearing[0].witness;
    expect(w).toBeDefined();
    expect(w?.old).not.toBe(w?.new);
    expect(w?.args.bids.split(",").length).toBeLessThanOrEqual(2);
    expect(w?.args.reserve).toBe("10");
  });

  it("is deterministic", () => {
    const a = organism(market("std.clearing.second_price"), market("std.clearing.vcg"));
    const b = organism(market("std.clearing.second_price"), market("std.clearing.vcg"));
    expect(a.clearing).toEqual(b.clearing);
  });

  it("finds nothing between a rule and a copy that only renames its locals", () => {
    const copy = `clearing pay_as_bid(bids: list<Order, 256>, units: u64, reserve: u64) -> Allocation tie_break price desc, seq asc {
  let sorted_bids = sort(bids by price desc, seq asc)
  var out: list<Fill, 1024> = []
  var remaining = units
  for b in sorted_bids {
    if b.qty >= 1 && b.price >= reserve && remaining > 0 {
      let n = min(b.qty, remaining)
      out.push(Fill { agent: b.agent, qty: n, pay: n * b.price })
      remaining -= n
    }
  }
  return Allocation { fills: out, price: none }
}`;
    const d = organism(market("std.clearing.first_price"), market("pay_as_bid", copy));
    expect(d.clearing).toHaveLength(1);
    expect(d.clearing[0].witness).toBeUndefined();
    expect(d.class).toBe("equivalent");
  });
});

describe("change direction", () => {
  const base = market("std.clearing.second_price");

  it("lowering a cap read as `len(…) < config.cap` narrows", () => {
    expect(organism(base, base.replace("cap: u64 = 4", "cap: u64 = 2")).class).toBe("narrowing");
  });

  it("raising it widens", () => {
    expect(organism(base, base.replace("cap: u64 = 4", "cap: u64 = 9")).class).toBe("widening");
  });

  it("growing an allow-list read by `contains` widens; shrinking narrows", () => {
    expect(organism(base, base.replace("[1, 2]", "[1, 2, 3]")).class).toBe("widening");
    expect(organism(base, base.replace("[1, 2]", "[1]")).class).toBe("narrowing");
  });

  it("a value also passed to a rule has no direction (breaking)", () => {
    const d = organism(base, base.replace("reserve: u64 = 10", "reserve: u64 = 20"));
    expect(d.class).toBe("breaking");
    expect(d.changes[0].note).toContain("direction is unknown");
  });

  it("a handler gaining a require narrows; losing one widens; moving a literal threshold follows the literal", () => {
    const tighter = base.replace('require price >= config.reserve else "below reserve"', 'require price >= config.reserve else "below reserve"\n    require qty <= 5 else "too many"');
    expect(organism(base, tighter).class).toBe("narrowing");
    expect(organism(tighter, base).class).toBe("widening");
    expect(organism(tighter, tighter.replace("qty <= 5", "qty <= 3")).class).toBe("narrowing");
    expect(organism(tighter, tighter.replace("qty <= 5", "qty <= 8")).class).toBe("widening");
  });

  it("anything else in a handler is breaking, with the statement quoted", () => {
    const d = organism(base, base.replace("qty: qty, price: price", "qty: 1, price: price"));
    expect(d.class).toBe("breaking");
    expect(d.changes[0].note).toContain("became");
  });
});
