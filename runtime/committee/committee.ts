// A committee: N replicas of one organism over one ordering backend, quorum q of n. It
// appends submitted commands to the log, lets every live member apply each delivered
// entry, tallies the members' signed roots at checkpoints into commit certificates, and
// quarantines a member whose root differs from the quorum's (with a localized report).
// Members can crash (stop) and restart; a restart rebuilds the member's state from the
// newest certified snapshot or from the log, and it catches up before it votes live.
import { decodePayload, encodeCommand, type CommandEnvelope, type DecodedPayload } from "../replica/command-codec.js";
import type { LogEntry, OrderingBackend } from "../ordering/ordering.js";
import { Replica, ReplicaOrderError } from "../replica/replica.js";
import type { ReplicaKey } from "../replica/replica-key.js";
import type { RootVote } from "../replica/signed-root.js";
import type { StateMachine, StateRoots } from "../replica/state-machine.js";
import { checkMembership, type CommitCertificate, type CommitteeMembership } from "./certificate.js";
import { applyFailure, localizeMismatch, type CommittedStep, type DivergenceReport } from "./divergence.js";
import { CommitHistory, type Commit } from "./commit-history.js";
import { rederiveRoots } from "./rederive-roots.js";
import { MemorySnapshotStore, restoreCertified, type CertifiedSnapshot, type RestoreOutcome, type SnapshotStore } from "./snapshot-store.js";
import { CheckpointSchedule, VoteTally, type Ballot, type CheckpointMode } from "./vote-tally.js";

export interface CommitteeOptions<S, R> {
  /** One key per member; n is their number. */
  readonly keys: readonly ReplicaKey[];
  /** q of `committee q of n`: a strict majority of n. */
  readonly quorum: number;
  /** A fresh machine for a member: once per member at open, and again whenever the member is rebuilt. */
  readonly createMachine: (member: number) => StateMachine<S, R>;
  readonly log: OrderingBackend;
  /** Where certified snapshots go (default: in memory). */
  readonly snapshots?: SnapshotStore;
  /** Take a certified snapshot whenever this many indexes were committed since the last (default 0: only on request). */
  readonly snapshotEvery?: number;
  /** Vote on every entry (default) or once per delivered batch, at the log's head. */
  readonly checkpoints?: CheckpointMode;
  /** Per-index steps kept by each replica and by the commit history (default 4096). */
  readonly retainSteps?: number;
  /** How members build their state when the committee opens on an existing log (default "log"). */
  readonly start?: "log" | "snapshot";
}

export type MemberStatus = "live" | "catching-up" | "stopped" | "quarantined";

export interface MemberInfo {
  readonly member: number;
  readonly publicKey: string;
  readonly status: MemberStatus;
  readonly appliedIndex: number | null;
  readonly roots: StateRoots | null;
}

export interface SubmitOutcome<R> {
  readonly index: number;
  /** The quorum's step at this index, once committed. */
  readonly step?: CommittedStep<R>;
  /** The certificate of the checkpoint covering this index, once committed. */
  readonly certificate?: CommitCertificate;
}

export interface RestartOutcome extends RestoreOutcome {
  readonly member: number;
  readonly appliedIndex: number;
  readonly root: string;
}

interface Member<S, R> {
  readonly id: number;
  readonly key: ReplicaKey;
  status: MemberStatus;
  replica: Replica<S, R> | null;
}

const READ_BATCH = 1024;

export class Committee<S, R = unknown> {
  readonly membership: CommitteeMembership;
  private readonly members: Member<S, R>[];
  private readonly tally: VoteTally;
  private readonly schedule: CheckpointSchedule;
  private readonly history: CommitHistory<R>;
  private readonly store: SnapshotStore;
  private readonly reports: DivergenceReport[] = [];
  private readonly commitListeners = new Set<(c: Commit<R>) => void>();
  private readonly divergenceListeners = new Set<(r: DivergenceReport) => void>();
  private readonly waiters: { index: number; resolve: () => void }[] = [];
  private delivered = 0;
  private lastSnapshot = 0;
  private saving: Promise<void> = Promise.resolve();
  private unwatch: () => void = () => {};

  private constructor(private readonly options: CommitteeOptions<S, R>) {
    const machines = options.keys.map((_, id) => options.createMachine(id));
    const organism = machines[0]?.contentHash ?? "";
    this.membership = { organism, quorum: options.quorum, members: options.keys.map((k) => k.publicKey) };
    const ok = checkMembership(this.membership);
    if (!ok.ok) throw new RangeError(`invalid committee: ${ok.reason}`);
    this.members = options.keys.map((key, id) => ({ id, key, status: "catching-up", replica: null }));
    for (const m of this.members) m.replica = this.replicaOf(m, machines[m.id]);
    this.tally = new VoteTally(this.membership);
    this.schedule = new CheckpointSchedule(options.checkpoints ?? "every-entry");
    this.history = new CommitHistory(this.schedule, options.retainSteps ?? 4096);
    this.store = options.snapshots ?? new MemorySnapshotStore();
  }

  /** Starts every member, catching up on whatever the log already holds, then follows the log. */
  static async open<S, R>(options: CommitteeOptions<S, R>): Promise<Committee<S, R>> {
    const c = new Committee(options);
    c.delivered = options.log.lastIndex();
    // An existing log is voted on in stretches of READ_BATCH entries, so a divergence in it
    // is still localized within a stretch a replica retains.
    for (let i = READ_BATCH; i < c.delivered; i += READ_BATCH) c.schedule.add(i);
    if (c.delivered > 0) c.schedule.add(c.delivered);
    c.unwatch = options.log.watch(c.delivered + 1, (e) => c.deliver(e));
    for (const m of c.members) await c.prepare(m, m.replica!, options.start ?? "log");
    await c.catchUp(c.members.map((m) => m.id));
    return c;
  }

  /** Appends commands (checked first: a bad one leaves the log untouched) and waits until every live member applied them. */
  async submit(commands: readonly CommandEnvelope[]): Promise<SubmitOutcome<R>[]> {
    const payloads = commands.map(encodeCommand);
    if (payloads.length === 0) return [];
    const indexes = await this.options.log.append(payloads);
    await this.deliveredThrough(indexes[indexes.length - 1]);
    await this.flushSnapshots();
    return indexes.map((index) => ({ index, step: this.history.step(index), certificate: this.certificateFor(index) }));
  }

  /** The certificate of the checkpoint covering `index`, if it is committed. */
  certificateFor(index: number): CommitCertificate | undefined {
    const checkpoint = this.schedule.next(index);
    return checkpoint === undefined ? undefined : this.tally.certificate(checkpoint);
  }

  /** The quorum's step at `index`, while retained. */
  committedStep(index: number): CommittedStep<R> | undefined {
    return this.history.step(index);
  }

  /** Every index up to this one is committed. */
  get committedIndex(): number {
    return this.history.committedIndex;
  }

  /** Checkpoints that have votes but no quorum. */
  pendingCheckpoints(): number[] {
    return this.tally.pendingIndexes();
  }

  divergences(): readonly DivergenceReport[] {
    return this.reports;
  }

  onCommit(listener: (c: Commit<R>) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  onDivergence(listener: (r: DivergenceReport) => void): () => void {
    this.divergenceListeners.add(listener);
    return () => this.divergenceListeners.delete(listener);
  }

  member(id: number): MemberInfo {
    const m = this.at(id);
    return { member: id, publicKey: m.key.publicKey, status: m.status, appliedIndex: m.replica?.appliedIndex ?? null, roots: m.replica?.stateRoots ?? null };
  }

  /** The member's replica (null while stopped), for queries and inspection. */
  replica(id: number): Replica<S, R> | null {
    return this.at(id).replica;
  }

  /** A crash: the member stops applying and loses its in-memory state. Votes it already signed stay counted. */
  stop(id: number): void {
    const m = this.at(id);
    if (m.status === "stopped") return;
    m.status = "stopped";
    m.replica = null;
  }

  /** Rebuilds a stopped or quarantined member from the newest certified snapshot (`from: "snapshot"`) or the log, and catches it up. */
  async restart(id: number, options: { readonly from: "log" | "snapshot" } = { from: "log" }): Promise<RestartOutcome> {
    const m = this.at(id);
    if (m.status === "live" || m.status === "catching-up") throw new Error(`replica ${id} is running; stop it before restarting it`);
    const prepared = await this.prepare(m, this.replicaOf(m, this.options.createMachine(m.id)), options.from);
    await this.catchUp([id]);
    const replica = m.replica!;
    return { member: id, ...prepared, appliedIndex: replica.appliedIndex, root: replica.stateRoots.root };
  }

  /** Saves a certified snapshot from a live member that sits exactly on a committed checkpoint. */
  async takeSnapshot(): Promise<CertifiedSnapshot | undefined> {
    const record = this.snapshotCandidate(0);
    if (record === undefined) return undefined;
    this.lastSnapshot = record.snapshot.index;
    await this.store.save(record);
    return record;
  }

  async close(): Promise<void> {
    this.unwatch();
    await this.flushSnapshots();
  }

  private at(id: number): Member<S, R> {
    const m = this.members[id];
    if (m === undefined) throw new RangeError(`no replica ${id} (the committee has ${this.members.length})`);
    return m;
  }

  private replicaOf(m: Member<S, R>, machine: StateMachine<S, R>): Replica<S, R> {
    if (machine.contentHash !== this.membership.organism) {
      throw new Error(`replica ${m.id} runs organism ${machine.contentHash}, not the committee's ${this.membership.organism}`);
    }
    return new Replica({ machine, key: m.key, retainSteps: this.options.retainSteps });
  }

  /** Installs a fresh replica for `m`, restored from the newest certified snapshot that checks out when asked for one. */
  private async prepare(m: Member<S, R>, replica: Replica<S, R>, from: "log" | "snapshot"): Promise<RestoreOutcome> {
    m.replica = replica;
    m.status = "catching-up";
    this.tally.forget(m.id);
    return from === "log" ? { source: "log" } : restoreCertified(replica, this.store, this.membership, this.delivered);
  }

  /** The committee's log watcher: every live member applies the entry; at a checkpoint they vote. */
  private deliver(entry: LogEntry): void {
    this.delivered = entry.index;
    if (entry.index === this.options.log.lastIndex()) this.schedule.add(entry.index);
    const live = this.members.filter((m) => m.status === "live" && m.replica!.appliedIndex === entry.index - 1);
    this.applyAndVote(live, entry);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].index <= entry.index) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  /** Replays the log into members that are catching up, in lockstep, until they reach the delivered head. */
  private async catchUp(ids: readonly number[]): Promise<void> {
    const catching = () => ids.map((id) => this.members[id]).filter((m) => m.status === "catching-up");
    for (;;) {
      const lagging = catching().filter((m) => m.replica!.appliedIndex < this.delivered);
      if (lagging.length === 0) break;
      const from = Math.min(...lagging.map((m) => m.replica!.appliedIndex)) + 1;
      const entries = await this.options.log.read(from, Math.min(READ_BATCH, this.delivered - from + 1));
      if (entries.length === 0) throw new Error(`internal error: the log has no entry ${from} although ${this.delivered} were delivered`);
      for (const e of entries) {
        this.applyAndVote(catching().filter((m) => m.replica!.appliedIndex === e.index - 1), e);
      }
    }
    // Synchronously with the check above: no delivery can slip in between.
    for (const m of catching()) m.status = "live";
  }

  /** Every given member applies the entry (decoded once for all of them); at a checkpoint they sign their roots. */
  private applyAndVote(members: readonly Member<S, R>[], entry: LogEntry): void {
    if (members.length === 0) return;
    const decoded = decodePayload(entry.payload);
    const applied: Member<S, R>[] = [];
    for (const m of members) {
      try {
        m.replica!.apply(entry, decoded);
        applied.push(m);
      } catch (e) {
        if (e instanceof ReplicaOrderError) throw e;
        this.quarantine(m, applyFailure(m.id, m.key.publicKey, entry.index, commandOf(decoded), e));
      }
    }
    if (!this.schedule.has(entry.index) || applied.length === 0) return;
    const ballots: Ballot[] = applied.map((m) => ({ member: m.id, vote: m.replica!.vote(entry.index) }));
    const outcome = this.tally.record(entry.index, ballots);
    if (outcome.certified) this.committed(entry.index, outcome.certified);
    for (const b of outcome.dissenters) this.dissent(this.members[b.member], b.vote);
    const certificate = this.tally.certificate(entry.index);
    if (certificate !== undefined) this.settle(entry.index, certificate);
  }

  /**
   * Members whose root at a certified checkpoint is the certified one let go of the states
   * inside the batch it closes. In batch mode the checkpoints' states are kept (a late
   * dissent re-derives from them); voting on every entry, every root is known and no state
   * is needed.
   */
  private settle(index: number, certificate: CommitCertificate): void {
    const signers = new Set(certificate.signatures.map((s) => s.publicKey));
    const keep = this.schedule.mode === "log-head";
    for (const m of this.members) {
      if (m.status !== "quarantined" && signers.has(m.key.publicKey) && m.replica !== null && m.replica.appliedIndex >= index) m.replica.settle(index, keep);
    }
  }

  private committed(index: number, certificate: CommitCertificate): void {
    // The steps since the previous checkpoint, from a member whose root was certified.
    const signer = this.members.find((m) => m.status !== "quarantined" && m.replica?.step(index)?.roots?.root === certificate.root);
    const commit = this.history.record(index, certificate, (i) => signer?.replica?.step(i));
    for (const l of this.commitListeners) l(commit);
    const every = this.options.snapshotEvery ?? 0;
    if (every > 0 && index - this.lastSnapshot >= every) {
      const record = this.snapshotCandidate(index);
      if (record !== undefined) {
        this.lastSnapshot = index;
        this.saving = this.saving.then(() => this.store.save(record));
      }
    }
  }

  /** A member signed another root than the certified one: localize, report, quarantine (also when it has crashed since). */
  private dissent(m: Member<S, R>, vote: RootVote): void {
    const checkpoint = vote.index;
    const replica = m.replica;
    const certificate = this.tally.certificate(checkpoint);
    if (certificate === undefined || m.status === "quarantined") return;
    const since = this.schedule.previous(checkpoint);
    let rederived: Map<number, StateRoots> | null | undefined;
    const report = localizeMismatch({
      member: m.id,
      publicKey: m.key.publicKey,
      checkpoint,
      since,
      actualRoot: vote.root,
      expectedRoot: certificate.root,
      mine: (i) => replica?.step(i)?.roots ?? null,
      committed: (i) => {
        const known = this.history.step(i)?.roots;
        if (known) return known;
        rederived ??= this.rederive(m, since, checkpoint);
        return rederived?.get(i) ?? null;
      },
      command: (i) => replica?.step(i)?.command ?? this.history.step(i)?.command ?? null,
    });
    this.quarantine(m, report);
  }

  /** The committed roots of (since, checkpoint], re-derived from the agreed state at `since` on another member's machine (see rederive-roots.ts). */
  private rederive(dissenter: Member<S, R>, since: number, checkpoint: number): Map<number, StateRoots> | null {
    const start = since === 0 ? undefined : (this.history.step(since)?.state as S | undefined);
    const signer = this.members.find((m) => m !== dissenter && m.status !== "quarantined" && m.replica !== null);
    if (signer === undefined || (since > 0 && start === undefined)) return null;
    const machine = signer.replica!.machine;
    return rederiveRoots(machine, start ?? machine.initialState(), since, checkpoint, (i) => this.history.step(i));
  }

  private quarantine(m: Member<S, R>, report: DivergenceReport): void {
    m.status = "quarantined";
    this.tally.forget(m.id);
    this.reports.push(report);
    for (const l of this.divergenceListeners) l(report);
  }

  /** A snapshot from a live member whose state is exactly that of a committed checkpoint (`index`, or any when 0). */
  private snapshotCandidate(index: number): CertifiedSnapshot | undefined {
    for (const m of this.members) {
      const r = m.replica;
      if (m.status !== "live" || r === null || (index !== 0 && r.appliedIndex !== index)) continue;
      const certificate = this.tally.certificate(r.appliedIndex);
      if (certificate !== undefined && certificate.root === r.stateRoots.root) return { snapshot: r.snapshot(), certificate };
    }
    return undefined;
  }

  private deliveredThrough(index: number): Promise<void> {
    if (this.delivered >= index) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ index, resolve }));
  }

  private async flushSnapshots(): Promise<void> {
    const saving = this.saving;
    this.saving = Promise.resolve();
    await saving;
  }
}

function commandOf(decoded: DecodedPayload): CommandEnvelope | null {
  return decoded.ok ? decoded.envelope : null;
}
