// Incremental invariant checks on emitted code (the Stakes case): every command is also run
// on the reference evaluator, which checks every invariant in full, so each step below is a
// differential check too. The emitted code re-checks `all` invariants only where a command
// changed state; these tests break them exactly where that shortcut could miss it.
import { beforeAll, describe, expect, it } from "vitest";
import type { State } from "../../compiler/emit/emitted-api.js";
import { caseInput, loadOrganism, type LoadedOrganism } from "./support/cases.js";
import { peer, Replica, SELF } from "./support/replica.js";

let loaded: LoadedOrganism;
beforeAll(async () => {
  loaded = await loadOrganism(caseInput("incremental"), "Stakes");
});

const cmd = (handler: string, args: Record<string, unknown> = {}) => ({ handler, args });
const stake = (slot: number, amount: number) => cmd("stake", { slot: String(slot), amount: String(amount) });

function staked(): Replica {
  const r = new Replica(loaded);
  r.send(peer(1), cmd("join"));
  r.send(peer(2), cmd("join"));
  for (let slot = 1; slot <= 20; slot++) expect(r.send(peer(1 + (slot % 2)), stake(slot, slot)).receipt).toMatchObject({ outcome: "ok" });
  return r;
}

const rejectedBy = (name: string) => ({ outcome: "rejected", code: "invariant", reason: `invariant ${name} violated` });

describe("incremental invariants", () => {
  it("emits the incremental form for keyed reads, guards and sets, and the full check for a sum", () => {
    const text = loaded.emitted.text;
    expect(text).toContain("$s.owners.touchedKeys($b.owners)");
    expect(text).toContain("$b.cap === $s.cap");
    expect(text).toContain("$s.holders.keyMap()");
    expect(text).toContain('$.checkInvariant("total_ok", invariant_total_ok($s, $f, $m));');
  });

  it("catches a removal from another map that the quantified entry reads at its key", () => {
    const r = staked();
    const s = r.send(peer(1), cmd("disown", { slot: "7" }));
    expect(s.receipt).toEqual(rejectedBy("backed"));
    expect(s.untouched).toBe(true);
    // A zero stake needs no owner: after zeroing slot 7 its owner may go.
    expect(r.send(peer(2), stake(7, 0)).receipt).toMatchObject({ outcome: "ok" });
    expect(r.send(peer(1), cmd("disown", { slot: "7" })).receipt).toMatchObject({ outcome: "ok" });
  });

  it("catches a rebound value in the quantified map", () => {
    const r = staked();
    expect(r.send(peer(1), stake(3, 101)).receipt).toEqual(rejectedBy("under_cap"));
  });

  it("runs the full check when a field read whole changes", () => {
    const r = staked();
    expect(r.send(SELF, cmd("set_cap", { c: "20" })).receipt).toMatchObject({ outcome: "ok" });
    expect(r.send(SELF, cmd("set_cap", { c: "19" })).receipt).toEqual(rejectedBy("under_cap"));
  });

  it("catches a removal from the set an element of another set must be in", () => {
    const r = staked();
    expect(r.send(peer(2), cmd("leave")).receipt).toEqual(rejectedBy("holders_known"));
    expect(r.send(peer(3), cmd("join")).receipt).toMatchObject({ outcome: "ok" });
    expect(r.send(peer(3), cmd("leave")).receipt).toMatchObject({ outcome: "ok" });
  });

  it("checks in full a state it did not produce itself, as the invariants' meaning requires", () => {
    const r = staked();
    // A state no accepted command produced (here it breaks `under_cap` at slot 5): the next
    // command, which touches no stake, must still be refused.
    const forged = { ...(r.state as Record<string, unknown>) };
    forged.stakes = (forged.stakes as { set(k: bigint, v: bigint): unknown }).set(5n, 500n);
    forged.total = (forged.total as bigint) + 495n;
    const out = r.api.apply(forged as State, r.api.decodeCommand(cmd("join")), { sender: peer(3), self: SELF, index: 99n });
    expect(r.api.receiptToJson(out.receipt)).toEqual(rejectedBy("under_cap"));
    expect(out.state).toBe(forged);
  });

  it("prices an invariant for every key a handler's loop can write, so the largest such command commits", () => {
    const r = staked();
    // Eight slots, four of them new: each is checked by `backed` and `under_cap`, at its own charge.
    const slots = [3, 4, 5, 6, 40, 41, 42, 43].map(String);
    const s = r.send(peer(1), cmd("stake_all", { slots, amount: "9" }));
    expect(s.receipt).toMatchObject({ outcome: "ok" });
    // The default budget is the static bound, which prices 8 entries per map (test/check/costs.test.ts has the arithmetic).
  });

  it("charges the same whether or not the state before is known to be checked, so a budget aborts at the same unit", () => {
    const r = staked();
    const verified = r.state;
    const copy = { ...(verified as Record<string, unknown>) } as State; // same content, not known to be checked
    const command = r.api.decodeCommand(stake(4, 9));
    const ctx = { sender: peer(1), self: SELF, index: 50n };
    const full = r.api.apply(copy, command, ctx);
    expect(full.receipt.outcome).toBe("ok");
    // The smallest budget the unchecked state succeeds with; around it the checked one must agree.
    let lo = 0;
    let hi = 1_000_000;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (r.api.apply(copy, command, ctx, { budget: mid }).receipt.outcome === "ok") hi = mid;
      else lo = mid + 1;
    }
    for (const budget of [lo - 40, lo - 7, lo - 1, lo]) {
      const a = r.api.receiptToJson(r.api.apply(verified, command, ctx, { budget }).receipt);
      const b = r.api.receiptToJson(r.api.apply(copy, command, ctx, { budget }).receipt);
      expect(a).toEqual(b);
    }
    expect(r.api.receiptToJson(r.api.apply(verified, command, ctx, { budget: lo - 1 }).receipt)).toMatchObject({ code: "cost" });
  });
});
