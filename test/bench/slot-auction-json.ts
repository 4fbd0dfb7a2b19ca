// The hand-written SlotAuction's receipts and state in the emitted module's JSON form
// (integers as decimal strings, peers and digests as hex, maps as key-sorted pairs), so a
// test can compare the two implementations with one toEqual.
import type { Json } from "../../compiler/emit/emitted-api.js";
import type { Allocation, Evidence, Event, HandwrittenSlotAuction, Receipt } from "../../bench/handwritten/slot-auction.js";

const str = (v: unknown): Json =>
  typeof v === "bigint" ? v.toString() : v === null || typeof v !== "object" ? (v as Json) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, str(x)]));

const evidence = (e: Evidence): Json => str(e);
const allocation = (a: Allocation): Json => ({ fills: a.fills.map(str), price: a.price === null ? null : a.price.toString() });

function event(e: Event): Json {
  const { name, ...fields } = e;
  return { name, fields: str(fields) };
}

export function receiptJson(r: Receipt): Json {
  return r.ok ? { outcome: "ok", events: r.events.map(event), cites: r.cites.map((c) => ({ kind: "evidence", value: evidence(c) })) } : { outcome: "rejected", code: "require", reason: r.reason };
}

const sortedPairs = <K, V>(m: Map<K, V>, key: (k: K) => string, value: (v: V) => Json, order: (a: K, b: K) => number): Json =>
  [...m.keys()].sort(order).map((k) => [key(k), value(m.get(k)!)]);

export function stateJson(h: HandwrittenSlotAuction): Json {
  return {
    allocations: sortedPairs(h.allocations, (k) => k.toString(), allocation, (a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    bidding: h.bidding,
    eligibility: sortedPairs(h.eligibility, (k) => k, (c) => ({ score: c.score.toString(), evidence: evidence(c.evidence) }), (a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    last_cleared: allocation(h.lastCleared),
    next_seq: h.nextSeq.toString(),
    orders: h.orders.map(str),
    slot: h.slot.toString(),
  };
}
