// Runs the population against the reputation-gated slot auction on a committee, slot by
// slot: relay changed reputation scores, every bidder bids, close, clear; then the
// winner delivers (or not) and reputations move. Records what the committee committed —
// each slot's accepted and refused bids, the allocation and clearing price from the
// certified state, the certificate — for the report.
import { namedPeer, stableIdsIn } from "../../compiler/scenario/test-peers.js";
import type { CommandEnvelope } from "../../runtime/replica/command-codec.js";
import { envelope } from "../demo-market-scenario.js";
import type { EmittedMachine } from "../../runtime/organism/emitted-machine.js";
import type { CommitteeRun } from "../../runtime/run/committee-run.js";
import { drawValue, driftedScore, population, Rng, updatedScore, type Bidder } from "./population.js";

export interface SlotRecord {
  readonly slot: number;
  readonly values: Readonly<Record<string, number>>;
  readonly bids: Readonly<Record<string, number>>;
  /** Bidders whose bid the policy refused, with its reason. */
  readonly refused: Readonly<Record<string, string>>;
  readonly winner: string | null;
  readonly pay: number;
  readonly price: number | null;
  readonly delivered: boolean | null;
  /** Scores at the time of bidding, bps. */
  readonly scores: Readonly<Record<string, number>>;
  readonly certificate: { readonly index: number; readonly root: string; readonly signers: number };
}

const LEADER = "leader";
const ROOT = "01".repeat(32);

export async function simulateMarket(run: CommitteeRun<unknown>, machine: EmittedMachine, slots: number, seed: number): Promise<SlotRecord[]> {
  const rng = new Rng(seed);
  const bidders = population();
  const byPeer = new Map(bidders.map((b) => [namedPeer(b.name), b]));
  const reputation = stableIdsIn("universe")("searcher-α.reputation");
  const relayed = new Map<string, number>();
  const records: SlotRecord[] = [];
  for (let slot = 1; slot <= slots; slot++) {
    const commands: CommandEnvelope[] = [];
    bidders.forEach((b, i) => {
      if (relayed.get(b.name) === b.score) return;
      relayed.set(b.name, b.score);
      const ev = { organism: reputation, index: String(slot * 100 + i), root: ROOT, commit: ROOT };
      commands.push(envelope(LEADER, "eligibility_snapshot", { agent: namedPeer(b.name), score: String(b.score), ev }));
    });
    const values: Record<string, number> = {};
    const bids: Record<string, number> = {};
    for (const b of bidders) {
      values[b.name] = drawValue(rng);
      bids[b.name] = b.strategy.bid(values[b.name], rng);
      commands.push(envelope(b.name, "bid", { qty: "1", price: String(bids[b.name]) }));
    }
    commands.push(envelope(LEADER, "close_bids", { s: String(slot) }), envelope(LEADER, "clear_slot", { s: String(slot) }));
    const firstIndex = run.nextIndex;
    await run.submit(commands);
    const refused: Record<string, string> = {};
    for (let index = firstIndex; index < run.nextIndex; index++) {
      const step = run.committee.committedStep(index);
      if (!step?.command || step.receipt.status !== "applied" || step.receipt.receipt.outcome !== "rejected") continue;
      const who = byPeer.get(step.command.sender);
      if (who) refused[who.name] = step.receipt.receipt.reason;
    }
    const certificate = run.committee.certificateFor(run.nextIndex - 1);
    if (!certificate) throw new Error(`slot ${slot} was not certified`);
    const state = machine.api.stateToJson(run.committee.replica(firstLive(run))!.state as never) as { last_cleared: { fills: { agent: string; pay: string }[]; price: string | null } };
    const fill = state.last_cleared.fills[0];
    const winner = fill ? (byPeer.get(fill.agent) ?? null) : null;
    const delivered = winner ? rng.next() < winner.strategy.reliability : null;
    const scores = Object.fromEntries(bidders.map((b) => [b.name, b.score]));
    moveReputations(bidders, winner, delivered);
    records.push({
      slot,
      values,
      bids,
      refused,
      winner: winner?.name ?? null,
      pay: fill ? Number(fill.pay) : 0,
      price: state.last_cleared.price === null ? null : Number(state.last_cleared.price),
      delivered,
      scores,
      certificate: { index: certificate.index, root: certificate.root, signers: certificate.signatures.length },
    });
  }
  return records;
}

function moveReputations(bidders: Bidder[], winner: Bidder | null, delivered: boolean | null): void {
  for (const b of bidders) b.score = b === winner ? updatedScore(b.score, delivered === true) : driftedScore(b.score);
}

function firstLive(run: CommitteeRun<unknown>): number {
  const live = run.committee.membership.members.findIndex((_, m) => run.committee.member(m).status === "live");
  if (live < 0) throw new Error("no live committee member to read the allocation from");
  return live;
}
