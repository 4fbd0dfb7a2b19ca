// The prelude as emitted code uses it: only `index.ts`, a hand-written version of what
// the emitter could produce for LANGUAGE.md's SlotAuction (`bid` handler), with metering,
// a transactional apply that catches only SmaltAbort, receipts, and per-field sub-roots.
import { describe, expect, it } from "vitest";
import * as $ from "../../stdlib/prelude/index.js";

const Bid = $.T.record("Bid", [["amount", $.T.u64], ["qty", $.T.u64]]);
interface Bid {
  readonly amount: bigint;
  readonly qty: bigint;
}
const BidsType = $.T.map($.T.peer, $.T.list(Bid, 4), 4096);
const STATE: readonly $.StateField[] = [
  { name: "round", type: $.T.u64 },
  { name: "bids", type: BidsType },
];
interface State {
  readonly round: bigint;
  readonly bids: $.PMap<Uint8Array, readonly Bid[]>;
}
const config = { reserve: 1_000_000n, max_bids_per_agent: 2n };

function initialState(): State {
  return { round: 0n, bids: $.emptyMap(BidsType) };
}

type Receipt = { readonly outcome: "ok"; readonly events: readonly unknown[] } | { readonly outcome: "rejected"; readonly code: $.AbortCode; readonly reason: string };

function onBid(state: State, sender: Uint8Array, b: Bid, meter: $.Meter): { state: State; events: unknown[] } {
  meter.charge(10);
  $.requireThat(b.amount >= config.reserve, "below reserve");
  const mine = state.bids.getOr(sender, []);
  $.requireThat($.len(mine) < config.max_bids_per_agent, "too many bids");
  const bids = state.bids.setWithin(4096, sender, $.push(mine, b, 4));
  const round = $.int.add("u64", state.round, 1n);
  return { state: { ...state, bids, round }, events: [{ event: "BidAccepted", bidder: $.toHex(sender), amount: b.amount }] };
}

function apply(state: State, sender: Uint8Array, b: Bid): { state: State; receipt: Receipt } {
  const r = $.attempt(() => onBid(state, sender, b, new $.Meter(100)));
  if (!r.ok) return { state, receipt: { outcome: "rejected", code: r.code, reason: r.reason } };
  return { state: r.value.state, receipt: { outcome: "ok", events: r.value.events } };
}

describe("a hand-emitted organism on the prelude", () => {
  const alice = $.hashValue($.T.string, "alice");
  const bob = $.hashValue($.T.string, "bob");

  it("applies, rejects without touching state, and names a diverging field", () => {
    const hasher = new $.StateHasher(STATE);
    let s = initialState();
    const steps: [Uint8Array, bigint][] = [[alice, 2_000_000n], [alice, 5n], [bob, 1_000_000n], [alice, 3_000_000n], [alice, 4_000_000n]];
    const outcomes = steps.map(([who, amount]) => {
      const before = $.toHex(hasher.root(s));
      const r = apply(s, who, { amount, qty: 1n });
      if (r.receipt.outcome === "rejected") expect($.toHex(hasher.root(r.state))).toBe(before);
      s = r.state;
      return r.receipt.outcome === "ok" ? "ok" : r.receipt.reason;
    });
    expect(outcomes).toEqual(["ok", "below reserve", "ok", "ok", "too many bids"]);
    expect(s.round).toBe(3n);
    expect([...s.bids.keys()].map($.toHex)).toEqual([$.toHex(alice), $.toHex(bob)].sort());

    // The same accepted commands with the two bidders interleaved differently: same root.
    let t = initialState();
    for (const [who, amount] of [[bob, 1_000_000n], [alice, 2_000_000n], [alice, 3_000_000n]] as const) t = apply(t, who, { amount, qty: 1n }).state;
    expect($.toHex($.stateRoot(STATE, t))).toBe($.toHex(hasher.root(s)));

    const corrupt = { ...s, bids: s.bids.set(bob, []) };
    expect($.divergentFields($.stateSubRoots(STATE, s), $.stateSubRoots(STATE, corrupt))).toEqual(["bids"]);
  });

  it("turns cost exhaustion into a deterministic rejection", () => {
    const r = $.attempt(() => onBid(initialState(), alice, { amount: 2_000_000n, qty: 1n }, new $.Meter(5)));
    expect(r).toEqual({ ok: false, code: "cost", reason: "cost budget of 5 units exceeded (needed 10)" });
  });
});
