// The lowering case, run against the reference evaluator: evaluation order where an
// expression needs statements, short-circuits, nested writes through list indexes,
// iteration over a snapshot of a map being changed, time arithmetic and equality.
import { beforeAll, describe, expect, it } from "vitest";
import { caseInput, loadOrganism, type LoadedOrganism } from "./support/cases.js";
import { peer, Replica } from "./support/replica.js";

let loaded: LoadedOrganism;
beforeAll(async () => {
  loaded = await loadOrganism(caseInput("lowering"), "Lowering");
});

describe("emitted Lowering", () => {
  it("evaluates an if-expression with statements, and a short-circuit that needs a loop", () => {
    const r = new Replica(loaded);
    r.send(peer(1), { handler: "claim", args: { qty: "15" } });
    r.send(peer(2), { handler: "claim", args: { qty: "3" } });
    expect(r.send(peer(1), { handler: "claim", args: { qty: "1" } }).receipt).toEqual({ outcome: "rejected", code: "require", reason: "already claimed" });
    expect(r.api.stateToJson(r.state)).toMatchObject({ slots: [{ owner: peer(1), qty: "25" }, { owner: peer(2), qty: "3" }] });
  });

  it("writes a field through a list index, and refuses an index out of range", () => {
    const r = new Replica(loaded);
    r.send(peer(1), { handler: "claim", args: { qty: "1" } });
    r.send(peer(1), { handler: "resize", args: { i: "0", qty: "9" } });
    expect(r.api.stateToJson(r.state)).toMatchObject({ slots: [{ owner: peer(1), qty: "9" }] });
    expect(r.send(peer(1), { handler: "resize", args: { i: "1", qty: "9" } }).receipt).toEqual({ outcome: "rejected", code: "index", reason: "index 1 out of range for a list of length 1" });
    expect(r.send(peer(2), { handler: "resize", args: { i: "0", qty: "9" } }).receipt).toMatchObject({ code: "require" });
  });

  it("reads an operand before a later operand pops the list", () => {
    const r = new Replica(loaded);
    r.send(peer(1), { handler: "push", args: { x: "40" } });
    r.send(peer(1), { handler: "push", args: { x: "2" } });
    expect(r.send(peer(1), { handler: "pop_sum", args: {} }).receipt).toEqual({ outcome: "ok", events: [{ name: "Popped", fields: { size_before: "3", top: "4" } }], cites: [] });
    expect(r.send(peer(1), { handler: "pop_sum", args: {} }).receipt).toMatchObject({ events: [{ fields: { top: "41" } }] });
    expect(r.send(peer(1), { handler: "pop_sum", args: {} }).receipt).toMatchObject({ events: [{ fields: { top: "0" } }] });
  });

  it("reads a variable before a later operand's statements assign it", () => {
    const r = new Replica(loaded);
    expect(r.send(peer(1), { handler: "order", args: { x: "7" } }).receipt).toMatchObject({ events: [{ fields: { size_before: "100", top: "8" } }] });
    expect(r.send(peer(1), { handler: "order", args: { x: "3" } }).receipt).toMatchObject({ events: [{ fields: { size_before: "3", top: "5" } }] });
  });

  it("iterates a snapshot of the map while the body changes it, and returns from inside the loop", () => {
    const r = new Replica(loaded);
    for (let i = 0; i < 3; i++) r.send(peer(1), { handler: "visit", args: {} });
    expect(r.api.stateToJson(r.state)).toMatchObject({ seen: [] });
    r.send(peer(2), { handler: "visit", args: {} });
    expect(r.api.stateToJson(r.state)).toMatchObject({ seen: [[peer(2), "1"]] });
  });

  it("adds a duration to a timestamp and matches on enum payloads", () => {
    const r = new Replica(loaded);
    expect(r.query("closed_at")).toEqual({ outcome: "ok", value: null });
    r.send(peer(1), { handler: "close", args: { extend: "7200" } });
    expect(r.query("closed_at")).toEqual({ outcome: "ok", value: String(1748736000 + 7200) });
    expect(r.query("note_is", { s: "late" })).toEqual({ outcome: "ok", value: true });
    expect(r.send(peer(1), { handler: "close", args: { extend: "1" } }).receipt).toEqual({ outcome: "rejected", code: "require", reason: "closed" });
    const big = new Replica(loaded);
    expect(big.send(peer(1), { handler: "close", args: { extend: (2n ** 64n - 1n).toString() } }).receipt).toEqual({ outcome: "rejected", code: "overflow", reason: "timestamp overflow in +" });
  });

  it("compares records and options by value", () => {
    const r = new Replica(loaded);
    const a = { owner: peer(1), qty: "2" };
    expect(r.query("same", { a, b: a })).toEqual({ outcome: "ok", value: true });
    expect(r.query("same", { a, b: { ...a, qty: "3" } })).toEqual({ outcome: "ok", value: false });
  });
});
