// The auction case, run: a std clearing rule named in the config, list capacity, sort and
// sum in queries, and a clearing rule that breaks its contract (caught after the call).
import { beforeAll, describe, expect, it } from "vitest";
import { caseInput, loadOrganism, type LoadedOrganism } from "./support/cases.js";
import { peer, Replica } from "./support/replica.js";

let loaded: LoadedOrganism;
beforeAll(async () => {
  loaded = await loadOrganism(caseInput("auction"), "Auction");
});

const bid = (qty: string, price: string) => ({ handler: "bid", args: { qty, price } });
const close = { handler: "close", args: {} };

describe("emitted Auction", () => {
  it("clears a second-price round through the configured rule", () => {
    const r = new Replica(loaded);
    expect(r.send(peer(9), bid("1", "5")).receipt).toEqual({ outcome: "rejected", code: "require", reason: "below reserve" });
    r.send(peer(1), bid("1", "50"));
    r.send(peer(2), bid("1", "30"));
    r.send(peer(3), bid("2", "40"));
    expect(r.query("best")).toEqual({ outcome: "ok", value: "50" });
    expect(r.query("total_qty")).toEqual({ outcome: "ok", value: "4" });
    const s = r.send(peer(7), close);
    expect(s.receipt).toEqual({ outcome: "ok", events: [{ name: "Cleared", fields: { round: "0", winners: "1" } }], cites: [] });
    expect(r.query("result", { r: "0" })).toEqual({
      outcome: "ok",
      value: { fills: [{ agent: peer(1), qty: "1", pay: "40" }], price: "40" },
    });
    expect(r.query("result", { r: "1" })).toEqual({ outcome: "ok", value: null });
    expect(r.query("best")).toEqual({ outcome: "ok", value: null });
  });

  it("refuses a ninth order: the list holds eight", () => {
    const r = new Replica(loaded);
    for (let i = 1; i <= 8; i++) expect(r.send(peer(i), bid("1", String(10 + i))).receipt).toMatchObject({ outcome: "ok" });
    const s = r.send(peer(9), bid("1", "99"));
    expect(s.receipt).toEqual({ outcome: "rejected", code: "capacity", reason: "list is full (capacity 8)" });
    expect(s.untouched).toBe(true);
  });

  it("rejects a clearing rule that charges more than the bid (contract)", () => {
    const r = new Replica(loaded);
    r.send(peer(1), bid("1", "50"));
    const s = r.send(peer(2), { handler: "close_greedy", args: {} }, { differential: false });
    expect(s.receipt).toEqual({
      outcome: "rejected",
      code: "contract",
      reason: `clearing rule greedy charged ${peer(1)} 51 for 1 units, more than its bid of 50 per unit`,
    });
    expect(s.untouched).toBe(true);
  });

  it("checks a fill against the agent's highest bid when it bid more than once (contract)", () => {
    const r = new Replica(loaded);
    // Zero-quantity bids keep the allocation within the supply of 1, so the price check is what fails.
    r.send(peer(3), bid("0", "20"));
    r.send(peer(1), bid("0", "50"));
    r.send(peer(1), bid("1", "60"));
    r.send(peer(2), bid("0", "55"));
    // greedy fills the highest bid first: peer 1 pays 61 for its bid of 60 (its best; not its 50).
    const s = r.send(peer(2), { handler: "close_greedy", args: {} }, { differential: false });
    expect(s.receipt).toEqual({
      outcome: "rejected",
      code: "contract",
      reason: `clearing rule greedy charged ${peer(1)} 61 for 1 units, more than its bid of 60 per unit`,
    });
  });

  it("rejects a clearing rule that allocates more than the supply (contract)", () => {
    const r = new Replica(loaded);
    r.send(peer(1), bid("3", "50"));
    const s = r.send(peer(2), { handler: "close_greedy", args: {} }, { differential: false });
    expect(s.receipt).toEqual({ outcome: "rejected", code: "contract", reason: "clearing rule greedy allocated 3 units, more than its supply of 1" });
  });

  it("sorts with the declared keys, ties in insertion order", () => {
    const r = new Replica(loaded);
    r.send(peer(1), bid("1", "20"));
    r.send(peer(2), bid("1", "20"));
    r.send(peer(3), bid("1", "10"));
    r.send(peer(7), close);
    // Both top orders bid 20; the earlier one (seq 0) wins and pays the other's 20.
    expect(r.query("result", { r: "0" })).toEqual({ outcome: "ok", value: { fills: [{ agent: peer(1), qty: "1", pay: "20" }], price: "20" } });
  });
});
