// The SlotAuction of examples/reputation-gated-market written by hand in idiomatic
// TypeScript, for the market apply benchmark: the same guards in the same order, the same
// effects (state, events, cites) and the same second-price clearing (std.clearing's:
// the best valid order by price desc, then log position asc, wins one unit and pays the
// highest valid price of any *other* agent, floored at the reserve). Plain Maps and arrays,
// peers as hex strings, guards checked before any write (no rollback), no invariants, no
// metering, and no collection capacities (the policy's 4096 cards, 256 orders, 7200
// allocations): the benchmark's workloads stay below them.
export type Evidence = { organism: string; index: bigint; root: string; commit: string };
export type Eligibility = { score: bigint; evidence: Evidence };
export type Order = { agent: string; qty: bigint; price: bigint; seq: bigint };
export type Fill = { agent: string; qty: bigint; pay: bigint };
export type Allocation = { fills: Fill[]; price: bigint | null };
export type Command =
  | { handler: "eligibility_snapshot"; agent: string; score: bigint; ev: Evidence }
  | { handler: "bid"; qty: bigint; price: bigint }
  | { handler: "close_bids"; s: bigint }
  | { handler: "clear_slot"; s: bigint };
export type Event =
  | { name: "EligibilityRecorded"; agent: string; score: bigint; index: bigint }
  | { name: "BidAccepted"; slot: bigint; bidder: string; price: bigint }
  | { name: "BidsWithdrawn"; slot: bigint; bidder: string; bids: bigint }
  | { name: "BidWindowClosed"; slot: bigint; bids: bigint }
  | { name: "SlotCleared"; slot: bigint; price: bigint | null; winners: bigint };
export type Receipt = { ok: true; events: Event[]; cites: Evidence[] } | { ok: false; reason: string };

/** The stable id of "searcher-α.reputation" on network "universe" (the `uses … exact` pin). */
export const REPUTATION_ID = "5da13cd22e03b52567fb562e45218ad58ac38510062e5ac89258597ea9258977";
const UNITS = 1n;
const RESERVE = 1_000_000n;
const REPUTATION_FLOOR = 6_000n;
const MAX_BIDS_PER_AGENT = 4n;
const HISTORY = 7_200n;
const NO_EVIDENCE_INDEX = 0n;

/** std.clearing.second_price, in one pass for the winner and one for the price. */
export function secondPrice(bids: readonly Order[], units: bigint, reserve: bigint): Allocation {
  const valid = (o: Order) => o.qty >= 1n && o.price >= reserve;
  let w: Order | undefined;
  for (const b of bids) if (valid(b) && (w === undefined || b.price > w.price || (b.price === w.price && b.seq < w.seq))) w = b;
  if (w === undefined || units === 0n) return { fills: [], price: null };
  let pay = reserve;
  for (const b of bids) if (b.agent !== w.agent && valid(b) && b.price > pay) pay = b.price;
  return { fills: [{ agent: w.agent, qty: 1n, pay }], price: pay };
}

const no = (reason: string): Receipt => ({ ok: false, reason });

export class HandwrittenSlotAuction {
  slot = 1n;
  bidding = true;
  nextSeq = 0n;
  orders: Order[] = [];
  lastCleared: Allocation = { fills: [], price: null };
  readonly allocations = new Map<bigint, Allocation>();
  /** `eligibility`: a prefilled map (the benchmark's large states), taken over, not copied. */
  constructor(readonly eligibility = new Map<string, Eligibility>()) {}

  private openBids(agent: string): bigint {
    let n = 0n;
    for (const o of this.orders) if (o.agent === agent) n++;
    return n;
  }

  apply(c: Command, sender: string): Receipt {
    switch (c.handler) {
      case "eligibility_snapshot": {
        if (c.ev.organism !== REPUTATION_ID) return no("evidence from another organism");
        if (c.ev.index <= (this.eligibility.get(c.agent)?.evidence.index ?? NO_EVIDENCE_INDEX)) return no("stale snapshot");
        this.eligibility.set(c.agent, { score: c.score, evidence: c.ev });
        const events: Event[] = [{ name: "EligibilityRecorded", agent: c.agent, score: c.score, index: c.ev.index }];
        const open = this.openBids(c.agent);
        if (c.score < REPUTATION_FLOOR && open > 0n) {
          this.orders = this.orders.filter((o) => o.agent !== c.agent);
          events.push({ name: "BidsWithdrawn", slot: this.slot, bidder: c.agent, bids: open });
        }
        return { ok: true, events, cites: [c.ev] };
      }
      case "bid": {
        if (!this.bidding) return no("bid window closed");
        const card = this.eligibility.get(sender);
        if (card === undefined || card.score < REPUTATION_FLOOR) return no("reputation below floor");
        if (c.qty < 1n || c.qty > UNITS) return no("quantity out of range");
        if (c.price < RESERVE) return no("below reserve");
        if (this.openBids(sender) >= MAX_BIDS_PER_AGENT) return no("too many bids");
        this.orders.push({ agent: sender, qty: c.qty, price: c.price, seq: this.nextSeq++ });
        return { ok: true, events: [{ name: "BidAccepted", slot: this.slot, bidder: sender, price: c.price }], cites: [card.evidence] };
      }
      case "close_bids":
        if (c.s !== this.slot) return no("wrong slot");
        if (!this.bidding) return no("bid window already closed");
        this.bidding = false;
        return { ok: true, events: [{ name: "BidWindowClosed", slot: c.s, bids: BigInt(this.orders.length) }], cites: [] };
      case "clear_slot": {
        if (c.s !== this.slot) return no("wrong slot");
        if (this.bidding) return no("bid window still open");
        const a = secondPrice(this.orders, UNITS, RESERVE);
        this.allocations.set(c.s, a);
        this.lastCleared = a;
        if (c.s > HISTORY) this.allocations.delete(c.s - HISTORY);
        this.orders = [];
        this.slot = c.s + 1n;
        this.bidding = true;
        return { ok: true, events: [{ name: "SlotCleared", slot: c.s, price: a.price, winners: BigInt(a.fills.length) }], cites: [] };
      }
    }
  }
}
