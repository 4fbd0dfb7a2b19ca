// The population `smalt simulate` runs against the reputation-gated slot auction: bidders
// with a bidding strategy and a delivery reliability, private values drawn per slot, and
// the reputation feed — an exponentially weighted delivery record in basis points that
// the leader relays to the market as eligibility snapshots. All randomness comes from one
// seeded generator, so a seed always gives the same log.

/** mulberry32: a small, well-mixed 32-bit generator; `next()` is uniform in [0, 1). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}

export interface Strategy {
  readonly name: string;
  readonly description: string;
  /** Probability that a won slot is delivered. */
  readonly reliability: number;
  /** The bid for a private value (gwei); may exceed the value. */
  bid(value: number, rng: Rng): number;
}

export const RESERVE = 1_000_000;

export const STRATEGIES: readonly Strategy[] = [
  { name: "truthful", description: "bids its value", reliability: 0.98, bid: (v) => v },
  { name: "shader", description: "bids 85% of its value", reliability: 0.97, bid: (v) => Math.floor(v * 0.85) },
  { name: "overbidder", description: "bids 120% of its value, delivers 60% of wins", reliability: 0.6, bid: (v) => Math.floor(v * 1.2) },
  { name: "sniper", description: "bids the reserve plus 5% of its value", reliability: 0.99, bid: (v) => RESERVE + Math.floor(v * 0.05) },
  { name: "jittery", description: "bids 80–110% of its value at random", reliability: 0.9, bid: (v, rng) => Math.floor(v * (0.8 + 0.3 * rng.next())) },
];

export const REPUTATION_FLOOR = 6_000;
const START_SCORE = 8_000;
/** Weight of the latest delivery in the score, in basis points. */
const UPDATE_WEIGHT = 2_000;

export interface Bidder {
  readonly name: string;
  readonly strategy: Strategy;
  score: number;
}

export function population(): Bidder[] {
  return STRATEGIES.map((strategy) => ({ name: strategy.name, strategy, score: START_SCORE }));
}

/** A private value for one slot, in gwei. */
export function drawValue(rng: Rng): number {
  return rng.between(2_000_000, 4_000_000);
}

/** The winner's score after a delivery (or a failure to deliver). */
export function updatedScore(score: number, delivered: boolean): number {
  return Math.round((score * (10_000 - UPDATE_WEIGHT) + (delivered ? 10_000 : 0) * UPDATE_WEIGHT) / 10_000);
}

/** A bidder that did not win drifts back towards the starting score (5% of the gap per slot), so an excluded bidder is readmitted in time. */
export function driftedScore(score: number): number {
  return score + Math.trunc(((START_SCORE - score) * 500) / 10_000);
}
