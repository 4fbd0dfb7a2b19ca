// Independent, deliberately plain TypeScript readings of mosaik.md §8.3, used as oracles by
// the std.clearing property tests: ranking by the declared tie-break, orders expanded into
// units, and brute-force welfare maximisation for VCG (no greedy shortcut). Nothing here
// is derived from stdlib/clearing.smalt.
import type { Fill, Order } from "./orders.js";

const byPriceDescSeqAsc = (a: Order, b: Order) => (a.price !== b.price ? (a.price > b.price ? -1 : 1) : a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0);
const byPriceAscSeqAsc = (a: Order, b: Order) => (a.price !== b.price ? (a.price < b.price ? -1 : 1) : a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0);

/** The declared tie-break: price descending, then seq (log position) ascending. */
export function rankBids(bids: readonly Order[]): Order[] {
  return [...bids].sort(byPriceDescSeqAsc);
}

export function rankAsks(asks: readonly Order[]): Order[] {
  return [...asks].sort(byPriceAscSeqAsc);
}

export const isValid = (o: Order, reserve: bigint) => o.qty >= 1n && o.price >= reserve;

export interface Accepted {
  readonly order: Order;
  readonly take: bigint;
}

/** The winning orders of a one-sided rule: the top `units` valid units, in rank order. */
export function acceptedOrders(bids: readonly Order[], units: bigint, reserve: bigint): Accepted[] {
  const out: Accepted[] = [];
  let left = units;
  for (const o of rankBids(bids)) {
    if (!isValid(o, reserve) || left === 0n) continue;
    const take = o.qty < left ? o.qty : left;
    out.push({ order: o, take });
    left -= take;
  }
  return out;
}

/** Every unit of the orders, one price per unit, in the order given. */
export function unitPrices(orders: readonly Order[]): bigint[] {
  return orders.flatMap((o) => Array.from({ length: Number(o.qty) }, () => o.price));
}

/** The valid units in rank order: b(1) >= b(2) >= … of mosaik.md §8.3. */
export function rankedValidUnits(bids: readonly Order[], reserve: bigint): bigint[] {
  return unitPrices(rankBids(bids).filter((o) => isValid(o, reserve)));
}

export const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);

/** Total quantity per agent over some fills. */
export function qtyByAgent(fills: readonly Fill[]): Map<number, bigint> {
  const m = new Map<number, bigint>();
  for (const f of fills) m.set(f.agent, (m.get(f.agent) ?? 0n) + f.qty);
  return m;
}

/** An agent's value for x units under marginal blocks: its first x units in log (seq) order. */
export function blockValue(blocks: readonly Order[], x: bigint): bigint {
  const units = unitPrices([...blocks].sort((a, b) => (a.seq < b.seq ? -1 : 1)));
  return sum(units.slice(0, Number(x)));
}

/** Each agent's valid orders: the demand VCG sees (invalid orders cannot win). */
export function demandByAgent(bids: readonly Order[], reserve: bigint): Map<number, Order[]> {
  const m = new Map<number, Order[]>();
  for (const o of bids) if (isValid(o, reserve)) m.set(o.agent, [...(m.get(o.agent) ?? []), o]);
  return m;
}

/**
 * The welfare of an allocation giving `x[a]` units to agent a: the agents' values plus the
 * seller's, who values each unit it keeps at the reserve.
 */
export function welfare(demand: ReadonlyMap<number, readonly Order[]>, x: ReadonlyMap<number, bigint>, units: bigint, reserve: bigint, without?: number): bigint {
  let w = 0n;
  let sold = 0n;
  for (const [a, q] of x) {
    sold += q;
    if (a !== without) w += blockValue(demand.get(a) ?? [], q);
  }
  return w + (units - sold) * reserve;
}

/** The best welfare over every feasible allocation to the agents other than `without` (exhaustive). */
export function bestWelfare(demand: ReadonlyMap<number, readonly Order[]>, units: bigint, reserve: bigint, without?: number): bigint {
  const agents = [...demand.keys()].filter((a) => a !== without);
  const x = new Map<number, bigint>();
  const go = (i: number, left: bigint): bigint => {
    if (i === agents.length) return welfare(demand, x, units, reserve);
    const cap = sum((demand.get(agents[i]) ?? []).map((o) => o.qty));
    let best = -1n;
    for (let q = 0n; q <= cap && q <= left; q++) {
      x.set(agents[i], q);
      const w = go(i + 1, left - q);
      if (w > best) best = w;
    }
    x.delete(agents[i]);
    return best;
  };
  return go(0, units);
}

/** VCG payment of agent i by definition: W_-i(opt without i) − W_-i(chosen allocation x). */
export function externality(demand: ReadonlyMap<number, readonly Order[]>, x: ReadonlyMap<number, bigint>, units: bigint, reserve: bigint, i: number): bigint {
  return bestWelfare(demand, units, reserve, i) - welfare(demand, x, units, reserve, i);
}

export interface CallMarketReference {
  /** q*: the largest q with bid_q >= ask_q (units in rank order). */
  readonly volume: bigint;
  readonly bidUnits: bigint[];
  readonly askUnits: bigint[];
}

export function callMarketVolume(bids: readonly Order[], asks: readonly Order[]): CallMarketReference {
  const bidUnits = unitPrices(rankBids(bids));
  const askUnits = unitPrices(rankAsks(asks));
  let q = 0;
  for (let i = 0; i < Math.min(bidUnits.length, askUnits.length); i++) if (bidUnits[i] >= askUnits[i]) q = i + 1;
  return { volume: BigInt(q), bidUnits, askUnits };
}
