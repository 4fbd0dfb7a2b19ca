// Order books for the std.clearing property tests: the test-side shapes of the built-in
// Order / Fill / Allocation records (agents are small numbers, peer(n) on the wire) and
// fast-check generators of books. Prices come from a small range so equal prices, and
// with them the tie-break, occur often; seq numbers are distinct, like log positions.
import fc from "fast-check";

export interface Order {
  readonly agent: number;
  readonly qty: bigint;
  readonly price: bigint;
  readonly seq: bigint;
}

export interface Fill {
  readonly agent: number;
  readonly qty: bigint;
  readonly pay: bigint;
}

export interface Allocation {
  readonly fills: readonly Fill[];
  readonly price: bigint | null;
}

export interface BookShape {
  readonly agents: number;
  readonly maxOrders: number;
  readonly maxQty: number;
  readonly maxPrice: number;
}

export interface OneSidedBook {
  readonly bids: readonly Order[];
  readonly units: bigint;
  readonly reserve: bigint;
}

const small = (min: number, max: number) => fc.integer({ min, max }).map(BigInt);

/** Orders of random agents, qty (0 included: an invalid order) and price, with distinct seqs in random order. */
export function orders(shape: BookShape, firstAgent = 1): fc.Arbitrary<Order[]> {
  const entry = fc.record({ agent: fc.integer({ min: firstAgent, max: firstAgent + shape.agents - 1 }), qty: small(0, shape.maxQty), price: small(0, shape.maxPrice) });
  return fc
    .array(entry, { maxLength: shape.maxOrders })
    .chain((es) => fc.tuple(fc.constant(es), fc.uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: es.length, maxLength: es.length })))
    .map(([es, seqs]) => es.map((e, i) => ({ ...e, seq: BigInt(seqs[i]) })));
}

export function oneSidedBook(shape: BookShape, maxUnits: number): fc.Arbitrary<OneSidedBook> {
  return fc.record({ bids: orders(shape), units: small(0, maxUnits), reserve: small(0, Math.ceil(shape.maxPrice / 2)) });
}

/**
 * Blocks of non-increasing marginal bids, the precondition of `vcg`: each agent's orders,
 * taken in seq (log) order, bid non-increasing prices. Agents' orders interleave in the log.
 */
export function marginalOrders(shape: BookShape, firstAgent = 1): fc.Arbitrary<Order[]> {
  const block = fc.record({ qty: small(1, shape.maxQty), price: small(0, shape.maxPrice) });
  const perAgent = fc.array(block, { maxLength: Math.max(1, Math.floor(shape.maxOrders / shape.agents)) }).map((bs) => [...bs].sort((a, b) => (a.price > b.price ? -1 : a.price < b.price ? 1 : 0)));
  return fc.array(perAgent, { minLength: shape.agents, maxLength: shape.agents }).chain((agents) => {
    const slots = agents.flatMap((bs, a) => bs.map(() => a));
    return fc.shuffledSubarray(slots, { minLength: slots.length, maxLength: slots.length }).map((logOrder) => {
      const next = agents.map(() => 0);
      return logOrder.map((a, seq) => ({ agent: firstAgent + a, ...agents[a][next[a]++], seq: BigInt(seq) }));
    });
  });
}

/** A permutation of the list (seq numbers travel with their orders). */
export function shuffled<T>(xs: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });
}

export interface Block {
  readonly qty: bigint;
  readonly price: bigint;
}

/**
 * A book where agent `agent` places `blocks` (in this order, one after another in the log)
 * at `position` among the others' orders; seqs are renumbered 0, 1, … in log order, so
 * the others keep their relative order whatever the agent reports.
 */
export function withAgent(others: readonly Order[], agent: number, blocks: readonly Block[], position: number): Order[] {
  const log = [...others].sort((a, b) => (a.seq < b.seq ? -1 : 1));
  const at = Math.min(position, log.length);
  const mine = blocks.map((b) => ({ agent, qty: b.qty, price: b.price, seq: 0n }));
  return [...log.slice(0, at), ...mine, ...log.slice(at)].map((o, i) => ({ ...o, seq: BigInt(i) }));
}
