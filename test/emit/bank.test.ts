// The bank case, run: the built-in asset ledger (mint, transfer, burn, balances, supply),
// debits that would go negative, non-positive amounts, and conservation invariants.
import { beforeAll, describe, expect, it } from "vitest";
import { caseInput, loadOrganism, type LoadedOrganism } from "./support/cases.js";
import { peer, Replica, SELF } from "./support/replica.js";

let loaded: LoadedOrganism;
beforeAll(async () => {
  loaded = await loadOrganism(caseInput("bank"), "Bank");
});

const ALICE = peer(0xa1);
const BOB = peer(0xb0);
const LEADER = peer(0x01);

describe("emitted Bank", () => {
  it("mints, transfers and burns, keeping the supply", () => {
    const r = new Replica(loaded);
    r.send(LEADER, { handler: "grant", args: { to: ALICE, amount: "100" } });
    const pay = r.send(ALICE, { handler: "pay", args: { to: BOB, amount: "30" } });
    expect(pay.receipt).toEqual({ outcome: "ok", events: [{ name: "Moved", fields: { from: ALICE, to: BOB, amount: "30" } }], cites: [] });
    r.send(BOB, { handler: "destroy", args: { amount: "10" } });
    r.send(ALICE, { handler: "pay_fee", args: { amount: "5" } });
    expect(r.query("balance", { who: ALICE })).toEqual({ outcome: "ok", value: "65" });
    expect(r.query("balance", { who: BOB })).toEqual({ outcome: "ok", value: "20" });
    expect(r.query("balance", { who: SELF })).toEqual({ outcome: "ok", value: "5" });
    expect(r.query("supply")).toEqual({ outcome: "ok", value: "90" });
    expect(r.api.stateToJson(r.state)).toEqual({
      "$coins.balances": [[peer(0x5e), "5"], [ALICE, "65"], [BOB, "20"]].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      "$coins.supply": "90",
      fees: "5",
    });
  });

  it("removes an account whose balance reaches zero", () => {
    const r = new Replica(loaded);
    r.send(LEADER, { handler: "grant", args: { to: ALICE, amount: "7" } });
    const empty = r.root();
    r.send(LEADER, { handler: "grant", args: { to: BOB, amount: "7" } });
    r.send(BOB, { handler: "destroy", args: { amount: "7" } });
    expect(r.root()).toBe(empty);
  });

  it("refuses a debit larger than the balance, and leaves every balance as it was", () => {
    const r = new Replica(loaded);
    r.send(LEADER, { handler: "grant", args: { to: ALICE, amount: "10" } });
    const s = r.send(ALICE, { handler: "pay", args: { to: BOB, amount: "11" } });
    expect(s.receipt).toEqual({ outcome: "rejected", code: "asset", reason: "insufficient coins: need 11, have 10" });
    expect(s.untouched).toBe(true);
    expect(r.send(BOB, { handler: "destroy", args: { amount: "1" } }).receipt).toMatchObject({ code: "asset" });
  });

  it("refuses a zero amount", () => {
    const r = new Replica(loaded);
    const s = r.send(LEADER, { handler: "grant", args: { to: ALICE, amount: "0" } });
    expect(s.receipt).toEqual({ outcome: "rejected", code: "asset", reason: "coins.mint needs a positive amount, got 0" });
  });

  it("rejects a grant whose total no longer fits the u64 the invariant reads it as", () => {
    const r = new Replica(loaded);
    const max = (2n ** 64n - 1n).toString();
    r.send(LEADER, { handler: "grant", args: { to: ALICE, amount: max } });
    // The ledger is u128, but `coins.total()` and `coins.supply()` are u64 values: the
    // invariant overflows, so the command aborts and the first grant stands alone.
    const s = r.send(LEADER, { handler: "grant", args: { to: BOB, amount: "1" } });
    expect(s.receipt).toEqual({ outcome: "rejected", code: "overflow", reason: "u64 overflow in coins.total" });
    expect(s.untouched).toBe(true);
    expect(r.query("balance", { who: ALICE })).toEqual({ outcome: "ok", value: max });
  });

  it("keeps the fee sink invariant: a fee paid to self must be recorded", () => {
    const r = new Replica(loaded);
    // Granting to the organism's own account breaks `fees_held` (balance(self) == fees).
    const s = r.send(LEADER, { handler: "grant", args: { to: SELF, amount: "3" } });
    expect(s.receipt).toMatchObject({ outcome: "rejected", code: "invariant" });
    expect(s.untouched).toBe(true);
  });
});
