// Counting signed roots. The committee votes at checkpoints — every log index, or only at
// the head of the log each time new entries are delivered (one signature per member per
// batch) — and a checkpoint is committed once a quorum of members signed the same root.
// The tally only counts; the committee decides what a dissenting vote means.
import type { RootVote } from "../replica/signed-root.js";
import { certificateFrom, type CommitCertificate, type CommitteeMembership } from "./certificate.js";

/** When members sign: after every entry, or only at the log's head when entries are delivered. */
export type CheckpointMode = "every-entry" | "log-head";

/** The indexes that are voted on, in increasing order, decided as entries are delivered. */
export class CheckpointSchedule {
  private readonly list: number[] = [];
  private readonly set = new Set<number>();

  constructor(readonly mode: CheckpointMode) {}

  /** Marks `index` (delivered in order) as a checkpoint. */
  add(index: number): void {
    if (this.mode === "every-entry" || this.set.has(index)) return;
    if (this.list.length > 0 && index < this.list[this.list.length - 1]) {
      throw new RangeError(`internal error: checkpoint ${index} added after ${this.list[this.list.length - 1]}`);
    }
    this.list.push(index);
    this.set.add(index);
  }

  has(index: number): boolean {
    return this.mode === "every-entry" ? index >= 1 : this.set.has(index);
  }

  /** The last checkpoint before `index`, 0 if none. */
  previous(index: number): number {
    if (this.mode === "every-entry") return Math.max(0, index - 1);
    const i = this.firstAtOrAfter(index);
    return i > 0 ? this.list[i - 1] : 0;
  }

  /** The first checkpoint at or after `index`, if one was decided. */
  next(index: number): number | undefined {
    if (this.mode === "every-entry") return index;
    return this.list[this.firstAtOrAfter(index)];
  }

  private firstAtOrAfter(index: number): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.list[mid] < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface Ballot {
  readonly member: number;
  readonly vote: RootVote;
}

export interface TallyOutcome {
  /** Set when these ballots made the checkpoint committed. */
  readonly certified?: CommitCertificate;
  /** Ballots that disagree with the checkpoint's certified root. */
  readonly dissenters: readonly Ballot[];
}

export class VoteTally {
  private readonly pending = new Map<number, Map<number, RootVote>>();
  private readonly certified = new Map<number, CommitCertificate>();

  constructor(private readonly membership: CommitteeMembership) {}

  certificate(index: number): CommitCertificate | undefined {
    return this.certified.get(index);
  }

  /** Checkpoints with votes but no quorum yet, in increasing order. */
  pendingIndexes(): number[] {
    return [...this.pending.keys()].sort((a, b) => a - b);
  }

  /**
   * Adds ballots for one checkpoint. A later ballot of a member replaces its earlier one
   * (a restarted member votes again). With a strict-majority quorum at most one root can
   * reach it, so the first root to do so is the checkpoint's root for good.
   */
  record(index: number, ballots: readonly Ballot[]): TallyOutcome {
    const done = this.certified.get(index);
    if (done !== undefined) {
      return { dissenters: ballots.filter((b) => b.vote.root !== done.root) };
    }
    let votes = this.pending.get(index);
    if (votes === undefined) this.pending.set(index, (votes = new Map()));
    for (const b of ballots) votes.set(b.member, b.vote);
    const byRoot = new Map<string, RootVote[]>();
    for (const v of votes.values()) byRoot.set(v.root, [...(byRoot.get(v.root) ?? []), v]);
    for (const [root, agreeing] of byRoot) {
      if (agreeing.length < this.membership.quorum) continue;
      const certificate = certificateFrom(this.membership, agreeing);
      this.certified.set(index, certificate);
      this.pending.delete(index);
      const dissenters = [...votes].filter(([, v]) => v.root !== root).map(([member, vote]) => ({ member, vote }));
      return { certified: certificate, dissenters };
    }
    return { dissenters: [] };
  }

  /** Drops every uncounted vote of a member (it was quarantined: none of its votes may count). */
  forget(member: number): void {
    for (const [index, votes] of this.pending) {
      votes.delete(member);
      if (votes.size === 0) this.pending.delete(index);
    }
  }
}
