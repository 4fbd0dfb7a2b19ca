// The counter case, run: receipts and events, queries, state roots, and the four ways a
// command aborts (failed require, overflow of the declared width, broken invariant,
// exhausted cost budget), each leaving the state exactly as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { caseInput, loadOrganism, type LoadedOrganism } from "./support/cases.js";
import { peer, Replica, SELF } from "./support/replica.js";

let loaded: LoadedOrganism;
beforeAll(async () => {
  loaded = await loadOrganism(caseInput("counter"), "Counter");
});

const bump = (n: string) => ({ handler: "bump", args: { n } });

describe("emitted Counter", () => {
  it("starts from the declared initial state", () => {
    const r = new Replica(loaded);
    expect(r.api.stateToJson(r.state)).toEqual({ count: "0", last: null, total: "0" });
    expect(r.query("value")).toEqual({ outcome: "ok", value: "0" });
    expect(r.api.configToJson()).toEqual({ limit: "200", step: "10" });
  });

  it("applies a command: new state, receipt with events, new root", () => {
    const r = new Replica(loaded);
    const s = r.send(peer(1), bump("5"));
    expect(s.receipt).toEqual({ outcome: "ok", events: [{ name: "Bumped", fields: { by: peer(1), count: "5" } }], cites: [] });
    expect(s.rootAfter).not.toBe(s.rootBefore);
    r.send(peer(2), bump("7"));
    expect(r.query("value")).toEqual({ outcome: "ok", value: "12" });
    expect(r.query("doubled")).toEqual({ outcome: "ok", value: "24" });
    expect(r.query("last_bumper")).toEqual({ outcome: "ok", value: peer(2) });
    expect(r.api.stateToJson(r.state)).toEqual({ count: "12", last: peer(2), total: "12" });
  });

  it("rejects a failed require with its reason", () => {
    const r = new Replica(loaded);
    r.send(peer(1), bump("3"));
    const s = r.send(peer(1), bump("0"));
    expect(s.receipt).toEqual({ outcome: "rejected", code: "require", reason: "n must be positive" });
    expect(s.untouched).toBe(true);
  });

  it("rejects u8 overflow without touching the state", () => {
    const r = new Replica(loaded);
    r.send(peer(1), { handler: "set", args: { n: "200" } });
    const s = r.send(peer(1), bump("100"));
    expect(s.receipt).toEqual({ outcome: "rejected", code: "overflow", reason: "u8 overflow in +=" });
    expect(s.rootAfter).toBe(s.rootBefore);
    expect(r.query("value")).toEqual({ outcome: "ok", value: "200" });
  });

  it("rejects a command that breaks an invariant", () => {
    const r = new Replica(loaded);
    r.send(peer(1), { handler: "set", args: { n: "200" } });
    const s = r.send(peer(1), { handler: "set", args: { n: "201" } });
    expect(s.receipt).toMatchObject({ outcome: "rejected", code: "invariant" });
    expect((s.receipt as { reason: string }).reason).toContain("under_limit");
    expect(s.untouched).toBe(true);
  });

  it("aborts deterministically with code cost when the budget is below what the command needs", () => {
    const r = new Replica(loaded);
    r.send(peer(1), bump("1"));
    const s = r.send(peer(1), bump("1"), { budget: 3 });
    expect(s.receipt).toMatchObject({ outcome: "rejected", code: "cost" });
    expect(s.untouched).toBe(true);
    const again = r.api.apply(r.state, r.api.decodeCommand(bump("1")), { sender: peer(1), self: SELF, index: 9n }, { budget: 3 });
    expect(r.api.receiptToJson(again.receipt)).toEqual(s.receipt);
    // The static bound is always enough: the same command with the default budget commits.
    expect(r.send(peer(1), bump("1")).receipt).toMatchObject({ outcome: "ok" });
  });

  it("meters within the checker's static bound", () => {
    for (const [name, info] of Object.entries(loaded.api.HANDLERS)) {
      const h = loaded.organism.handlers.find((x) => x.name === name)!;
      expect(info.cost).toBe(Number(h.cost));
    }
  });

  it("computes the same root for equal states, whichever commands built them", () => {
    const a = new Replica(loaded);
    a.send(peer(1), bump("2"));
    a.send(peer(1), bump("3"));
    const b = new Replica(loaded);
    b.send(peer(1), bump("5"));
    b.send(peer(1), { handler: "set", args: { n: "5" } });
    // total differs (5 vs 5) only through history: both are 5, so the roots agree.
    expect(a.root()).toBe(b.root());
    expect(a.api.subRoots(a.state).map((x) => x.name)).toEqual(["count", "last", "total"]);
  });
});
