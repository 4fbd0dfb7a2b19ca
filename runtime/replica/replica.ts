// One committee member: applies committed log entries in index order to its own copy of
// an organism's state, records the receipt and the state after each index, signs the
// root at the indexes it is asked to vote on, and snapshots / restores its state. State
// roots are computed where they are asked for (a vote, a comparison), not after every
// entry. It decides nothing about quorums or faults; the committee does (runtime/committee/).
import type { LogEntry, OrderingBackend } from "../ordering/ordering.js";
import { decodePayload, type DecodedPayload } from "./command-codec.js";
import type { ReplicaKey } from "./replica-key.js";
import { RecentByIndex } from "./recent-by-index.js";
import { ReplicaStep } from "./replica-step.js";
import { signRoot, type RootVote } from "./signed-root.js";
import { SnapshotError, type Snapshot } from "./snapshot.js";
import { isHex32, type StateMachine, type StateRoots, type StepReceipt } from "./state-machine.js";

export { ReplicaStep };

export interface ReplicaOptions<S, R> {
  readonly machine: StateMachine<S, R>;
  readonly key: ReplicaKey;
  /** How many recent steps to keep for `step(index)` and divergence localization (default 4096). */
  readonly retainSteps?: number;
}

export class ReplicaOrderError extends Error {
  override readonly name = "ReplicaOrderError";
}

const READ_BATCH = 1024;

export class Replica<S, R = unknown> {
  readonly machine: StateMachine<S, R>;
  readonly organism: string;
  private readonly key: ReplicaKey;
  private current: S;
  private applied = 0;
  // Roots of `current` once computed; null until asked for.
  private roots: StateRoots | null = null;
  // Steps at or below this index were settled (see `settle`).
  private settled = 0;
  // The last `retainSteps` steps, by index.
  private readonly steps: RecentByIndex<ReplicaStep<R, S>>;

  constructor(options: ReplicaOptions<S, R>) {
    if (!isHex32(options.machine.contentHash)) throw new RangeError("the machine's contentHash must be 64 lower-case hex digits");
    this.machine = options.machine;
    this.organism = options.machine.contentHash;
    this.key = options.key;
    this.steps = new RecentByIndex(Math.max(1, options.retainSteps ?? 4096));
    this.current = this.machine.initialState();
  }

  get publicKey(): string {
    return this.key.publicKey;
  }

  /** The index of the last applied entry (0 before the first, or the snapshot's index after a restore). */
  get appliedIndex(): number {
    return this.applied;
  }

  get state(): S {
    return this.current;
  }

  /** Roots of the current state (computed on first use after each change). */
  get stateRoots(): StateRoots {
    const last = this.steps.get(this.applied)?.roots;
    if (last) return last;
    this.roots ??= this.machine.stateRoot(this.current);
    return this.roots;
  }

  /** The step at `index`, while it is retained; its roots are computed when read. */
  step(index: number): ReplicaStep<R, S> | undefined {
    return this.steps.get(index);
  }

  /**
   * Applies the next entry; it must be exactly `appliedIndex + 1`. `decoded` is the entry's
   * payload already decoded (a committee decodes each entry once for all its members); by
   * default the replica decodes it. A throw from the machine propagates (a bug: the replica
   * is unusable).
   */
  apply(entry: LogEntry, decoded: DecodedPayload = decodePayload(entry.payload)): ReplicaStep<R, S> {
    if (entry.index !== this.applied + 1) {
      throw new ReplicaOrderError(`replica at index ${this.applied} was given entry ${entry.index}; entries apply in order`);
    }
    let receipt: StepReceipt<R>;
    if (decoded.ok) {
      const { sender, command } = decoded.envelope;
      const out = this.machine.apply(this.current, command, { sender, index: entry.index });
      this.current = out.state;
      receipt = { status: "applied", receipt: out.receipt };
    } else {
      receipt = { status: "malformed", reason: decoded.reason };
    }
    this.roots = null;
    this.applied = entry.index;
    const step = new ReplicaStep<R, S>(entry.index, decoded.ok ? decoded.envelope : null, receipt, this.current, this.machine);
    this.steps.set(entry.index, step);
    return step;
  }

  /**
   * The member's root at checkpoint `through` was certified: the states of the retained
   * steps before it (back to the previous settled point) are no longer needed to localize
   * a divergence on this member's side, and are let go; with `keepRootedStates`, those
   * whose roots were computed (a batch's checkpoints) are kept as agreed starting points.
   */
  settle(through: number, keepRootedStates: boolean): void {
    const to = Math.min(through, this.applied);
    for (let i = to; i > this.settled; i--) {
      const step = this.steps.get(i);
      if (step === undefined) break;
      step.settle(keepRootedStates);
    }
    this.settled = Math.max(this.settled, to);
  }

  /** Signs the root after `index` (the current index, or a retained earlier one); the root is computed here if it was not yet. */
  vote(index: number = this.applied): RootVote {
    const root = index === this.applied ? this.stateRoots.root : this.steps.get(index)?.roots?.root;
    if (root === undefined) throw new RangeError(`replica has no root for index ${index} (applied ${this.applied})`);
    return signRoot(this.key, this.organism, index, root);
  }

  /** Applies every entry of `log` after the current index, up to `toIndex` (default: the log's end). */
  async replay(log: OrderingBackend, toIndex: number = log.lastIndex()): Promise<number> {
    let count = 0;
    while (this.applied < toIndex) {
      const entries = await log.read(this.applied + 1, Math.min(READ_BATCH, toIndex - this.applied));
      if (entries.length === 0) throw new ReplicaOrderError(`log ends at ${this.applied}, before index ${toIndex}`);
      for (const e of entries) this.apply(e);
      count += entries.length;
    }
    return count;
  }

  /** The current state as a snapshot. */
  snapshot(): Snapshot {
    return { organism: this.organism, index: this.applied, root: this.stateRoots.root, state: this.machine.encodeState(this.current) };
  }

  /**
   * Replaces the state by a snapshot's, after checking it is this organism's and that the
   * decoded state reproduces the snapshot's root. Retained steps are dropped.
   */
  restore(snapshot: Snapshot): void {
    if (snapshot.organism !== this.organism) {
      throw new SnapshotError(`snapshot is of organism ${snapshot.organism}, not ${this.organism}`);
    }
    let state: S;
    try {
      state = this.machine.decodeState(snapshot.state);
    } catch (e) {
      throw new SnapshotError(`snapshot state does not decode: ${(e as Error).message}`);
    }
    const roots = this.machine.stateRoot(state);
    if (roots.root !== snapshot.root) {
      throw new SnapshotError(`snapshot at index ${snapshot.index} decodes to root ${roots.root}, not ${snapshot.root}`);
    }
    this.current = state;
    this.roots = roots;
    this.applied = snapshot.index;
    this.settled = snapshot.index;
    this.steps.clear();
  }

  /** Back to the initial state at index 0 (the start of a rebuild from the log). */
  reset(): void {
    this.current = this.machine.initialState();
    this.roots = null;
    this.applied = 0;
    this.settled = 0;
    this.steps.clear();
  }
}
