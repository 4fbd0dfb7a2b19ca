// Static worst-case costs: exact numbers for a small organism, derived by hand from the
// unit table in compiler/check/cost-model.ts, the pricing of incrementally checked
// invariants by the keys a handler writes (invariant-costs.ts), and the budget (E3010).
import { describe, expect, it } from "vitest";
import { COST_BUDGET, log2Ceil, mapOpCost, sortCost } from "../../compiler/check/cost-model.js";
import { codes, ok, only } from "./support.js";

const COUNTER = `
fn double(x: u64) -> u64 { return x * 2 }

organism Counter {
  instance "test.counter"
  committee 2 of 3
  state { total: u64 = 0, seen: map<peer, u64, 1024>, log: list<u64, 4> }
  asset credits

  on add(x: u64) {
    total += x
    seen[sender] = x
  }
  on sweep() {
    for v in log { total += v }
  }
  on bump(x: u64) { total = double(x) }
  on pay(to: peer, n: u64) { credits.transfer(sender, to, n) }

  query top() -> u64 { return total }
  query ranked(bs: list<Order, 8>) -> list<Order, 8> { return sort(bs by price desc) }
  query bigs() -> u64 { return count v in log: v > 2 }
  query has(p: peer) -> bool { return seen.contains(p) }

  invariant small { total < 1000 }
}
`;

describe("the cost model", () => {
  it("has the documented helpers", () => {
    expect([1n, 2n, 3n, 4n, 1024n, 1025n].map(log2Ceil)).toEqual([0n, 1n, 2n, 2n, 10n, 11n]);
    expect(mapOpCost(1024n)).toBe(11n);
    expect(sortCost(8n)).toBe(32n);
    expect(COST_BUDGET).toBe(10_000_000n);
  });

  it("costs every handler and query of a small organism exactly", () => {
    const p = ok(COUNTER);
    // invariant `total < 1000`: Binary 1 + StateRef 1 + Literal 1 = 3, added to every handler.
    // add:   `total += x` 1+1+1 = 3; `seen[sender] = x` 1 + (map op 11 + base 1 + Sender 1) + Param 1 = 15; + 3
    // sweep: For 1 + StateRef 1 + 4 × (`total += v` 3) = 14; + 3
    // bump:  Assign 1 + StatePlace 1 + Call (1 + Param 1 + double's 4: Return 1 + Binary 3) = 8; + 3
    // pay:   Eval 1 + transfer (2 ledger lookups 66 + three args 3) = 70; + 3
    // top:   Return 1 + StateRef 1 = 2
    // ranked: Return 1 + Sort (1 + Param 1 + 8·3 + 8) = 35
    // bigs:  Return 1 + count (1 + StateRef 1 + 4 × (Binary 3)) = 15
    // has:   Return 1 + contains (map op 11 + StateRef 1 + Param 1) = 14
    expect(p.costs.map((c) => `${c.kind} ${c.item} ${c.cost}`)).toEqual([
      "handler add 21",
      "handler bump 11",
      "handler pay 73",
      "handler sweep 17",
      "query bigs 15",
      "query has 14",
      "query ranked 35",
      "query top 2",
    ]);
    const m = p.modules.find((x) => x.key === "main.smalt");
    expect(m?.fns.map((f) => `${f.ref.name} ${f.cost}`)).toEqual(["double 4"]);
    expect(m?.organisms[0].invariants.map((i) => `${i.name} ${i.cost}`)).toEqual(["small 3"]);
  });

  it("costs a branch as its dearest arm", () => {
    const p = ok(`organism B {
  instance "test.b"
  committee 1 of 1
  state { n: u64 = 0 }
  on h(c: bool) { if c { n = 1 } else { n += 1 + 2 } }
}`);
    // If 1 + Param 1 + max(`n = 1` 3, `n += 1 + 2` 1 + 1 + Binary 3 = 5) = 7
    expect(p.costs.map((c) => c.cost)).toEqual([7n]);
  });

  describe("an invariant checked incrementally", () => {
    // `backed` reads `owners` at the bound key and `cap` whole; over `stakes` (capacity 2^20):
    // full cost 1 + StateRef 1 + 2^20 × body, body = `owners.contains(s) && a <= cap`:
    // Binary 1 + (map op 21 + StateRef 1 + Local 1) + (Binary 1 + Local 1 + StateRef 1) = 27.
    const stakes = (handlers: string) => `organism S {
  instance "test.s"
  committee 1 of 1
  state { owners: map<u64, peer, 1048576>, stakes: map<u64, u64, 1048576>, cap: u64 = 100, log: list<u64, 8> }
  ${handlers}
  invariant backed { all s, a in stakes: owners.contains(s) && a <= cap }
}`;
    const cost = (handler: string) => ok(stakes(handler)).costs.map((c) => c.cost);
    const full = 2n + 1048576n * 27n;
    // `stakes[k] = v`: Assign 1 + (map op 21 + StatePlace 1 + Param 1) + Param 1 = 25.
    const write = 25n;

    it("costs the keys the handler can write, in the source and in the maps read at the key", () => {
      expect(cost("on put(k: u64, v: u64) { stakes[k] = v }")).toEqual([write + 2n + 27n]);
      // Two writes, one of them to `owners`, each one key: two entries to check.
      expect(cost("on put(k: u64, v: u64) { stakes[k] = v\n owners[k] = sender }")).toEqual([2n * write + 2n + 2n * 27n]);
      // A handler that writes neither map checks nothing but pays the quantifier's own 2 units.
      expect(cost("on tick() { log.push(1) }")).toEqual([1n + 1n + 1n + 1n + 2n]);
    });

    it("multiplies the writes of a loop by its capacity, and takes the dearer branch", () => {
      // For 1 + StateRef 1 + 8 × (`stakes[v] = v` 25); 8 keys.
      expect(cost("on many() { for v in log { stakes[v] = v } }")).toEqual([2n + 8n * write + 2n + 8n * 27n]);
      // If 1 + Param 1 + the dearer arm (two writes: 2 × 25); 2 keys.
      expect(cost("on one(c: bool, k: u64) { if c { stakes[k] = 1\n stakes[k + 1] = 2 } else { stakes[k] = 3 } }")[0]).toBe(2n + 25n + 27n + 2n + 2n * 27n);
    });

    it("costs the full check after a handler that writes a field read whole, or the map as a whole", () => {
      // The full check of 2^20 entries is over the budget: E3010 names the handler.
      expect(codes(stakes("on set_cap(c: u64) { cap = c }"))).toEqual(["E3010"]);
      expect(codes(stakes("on reload() { let m = stakes\n stakes = m }"))).toEqual(["E3010"]);
      expect(full).toBeGreaterThan(10_000_000n);
    });
  });

  it("refuses a handler over the budget (E3010)", () => {
    const text = `organism Books {
  instance "test.books"
  committee 2 of 3
  state { books: map<peer, list<u64, 1024>, 65536>, total: u64 = 0 }
  on audit() {
    for owner, entries in books { for a in entries { for b in entries { total += min(a, b) } } }
  }
}`;
    const d = only(text, "E3010");
    expect(d.message).toMatch(/^worst-case cost of handler `audit` is \d+ units, over the budget of 10000000$/);
    expect(text.slice(d.primary.span.start, d.primary.span.end)).toBe("audit");
    expect(codes(text.replace("65536", "2").replace("1024", "4"))).toEqual([]);
  });
});
