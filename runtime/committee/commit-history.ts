// What the committee has committed: for each certified checkpoint, its certificate and
// the quorum's steps (command, receipt, roots) for every index it covers. The steps are a
// signer's own, whose roots are computed only where read (in batch mode the checkpoint's
// is; another index's only if a divergence or a caller asks). Recent steps are kept (they
// answer "what happened at index i" and are the reference a divergent member is compared
// with); `committedIndex` is the end of the committed prefix of the log.
import { RecentByIndex } from "../replica/recent-by-index.js";
import type { ReplicaStep } from "../replica/replica.js";
import type { CommitCertificate } from "./certificate.js";
import type { CommittedStep } from "./divergence.js";
import type { CheckpointSchedule } from "./vote-tally.js";

/** One commit: a certified checkpoint and the steps since the previous checkpoint. */
export interface Commit<R> {
  readonly index: number;
  readonly certificate: CommitCertificate;
  /** Steps of indexes (previous checkpoint, index], in order; those a signer no longer retained are missing. */
  readonly steps: readonly CommittedStep<R>[];
}

export class CommitHistory<R> {
  private readonly steps: RecentByIndex<CommittedStep<R>>;
  // Checkpoints certified ahead of an uncertified earlier one (a catch-up can certify out of order).
  private readonly ahead = new Set<number>();
  private committed = 0;

  constructor(
    private readonly schedule: CheckpointSchedule,
    retain: number,
  ) {
    this.steps = new RecentByIndex(Math.max(1, retain));
  }

  get committedIndex(): number {
    return this.committed;
  }

  step(index: number): CommittedStep<R> | undefined {
    return this.steps.get(index);
  }

  /** Records a certified checkpoint, taking its steps from a replica whose root the certificate names. */
  record(index: number, certificate: CommitCertificate, stepOf: (index: number) => ReplicaStep<R> | undefined): Commit<R> {
    const steps: CommittedStep<R>[] = [];
    for (let i = this.schedule.previous(index) + 1; i <= index; i++) {
      // The signer's own step: its roots are computed only if someone reads them.
      const step: CommittedStep<R> | undefined = stepOf(i);
      if (step === undefined) continue;
      steps.push(step);
      this.steps.set(i, step);
    }
    this.ahead.add(index);
    for (let next = this.schedule.next(this.committed + 1); next !== undefined && this.ahead.delete(next); next = this.schedule.next(next + 1)) {
      this.committed = next;
    }
    return { index, certificate, steps };
  }
}
