// A committee running one emitted organism, as `smalt run` drives it: the log (embedded
// and durable in a data directory, or in memory), certified snapshots, and the records a
// data directory keeps — one receipt line per committed index (with the state root where
// a certificate was signed) and every certificate — written as commits arrive. Fault
// drills (faults.ts) are applied at their log indexes.
import { Committee } from "../committee/committee.js";
import type { CommitCertificate } from "../committee/certificate.js";
import type { Commit } from "../committee/commit-history.js";
import type { DivergenceReport } from "../committee/divergence.js";
import { FileSnapshotStore } from "../committee/snapshot-store.js";
import { CERTIFICATES_FILE, dataPath, RECEIPTS_FILE, SNAPSHOTS_DIR, type OpenedDataDir } from "../data-dir/data-dir.js";
import { JsonlWriter, readJsonl } from "../data-dir/jsonl-file.js";
import { EmbeddedLog, type Recovery } from "../ordering/embedded-log.js";
import { MemoryLog } from "../ordering/memory-log.js";
import type { OrderingBackend } from "../ordering/ordering.js";
import type { CommandEnvelope } from "../replica/command-codec.js";
import type { ReplicaKey } from "../replica/replica-key.js";
import type { StateMachine, StepReceipt } from "../replica/state-machine.js";
import type { OrganismReceipt } from "../organism/emitted-machine.js";
import type { AttestedMembers } from "./attested-members.js";
import { corruptOnce, type Fault } from "./faults.js";

/**
 * One line of receipts.jsonl: what the quorum derived at one index. `root` is the state
 * root after the index where a certificate was signed (every index without batching; the
 * last index of each batch with it), and null at the other indexes of a batch, whose
 * roots nobody computed (their receipts are still checked by `smalt replay`, and the
 * batch's certified root covers the state they lead to).
 */
export interface ReceiptRecord {
  readonly index: number;
  readonly command: CommandEnvelope | null;
  readonly receipt: StepReceipt<OrganismReceipt>;
  readonly root: string | null;
}

export interface CommitteeRunOptions<S> {
  readonly createMachine: () => StateMachine<S, OrganismReceipt>;
  readonly keys: readonly ReplicaKey[];
  readonly quorum: number;
  /** Durable data directory; without one the log lives in memory. */
  readonly data?: OpenedDataDir;
  /** Commands per append; above 1, members vote once per batch (at its last index). */
  readonly batch: number;
  readonly faults: readonly Fault[];
  readonly snapshotEvery?: number;
  /** An attested committee: `keys` are the admitted members, in the order of these records. */
  readonly attested?: AttestedMembers;
  readonly onCommit?: (commit: Commit<OrganismReceipt>) => void;
  readonly onDivergence?: (report: DivergenceReport) => void;
  readonly onFault?: (fault: Fault, outcome: string) => void;
}

export class CommitteeRun<S> {
  private readonly pending: Fault[];
  private lastReceipt: number;
  private lastCertificate: number;

  private constructor(
    readonly committee: Committee<S, OrganismReceipt>,
    readonly log: OrderingBackend,
    readonly recovery: Recovery,
    private readonly options: CommitteeRunOptions<S>,
    private readonly writers: { receipts: JsonlWriter; certificates: JsonlWriter } | null,
    recorded: { receipt: number; certificate: number },
  ) {
    this.pending = options.faults.filter((f) => f.kind !== "corrupt").sort((a, b) => a.index - b.index);
    this.lastReceipt = recorded.receipt;
    this.lastCertificate = recorded.certificate;
  }

  static async open<S>(options: CommitteeRunOptions<S>): Promise<CommitteeRun<S>> {
    const dir = options.data?.dir;
    const log = dir ? EmbeddedLog.open(dir) : new MemoryLog();
    const recovery: Recovery = log instanceof EmbeddedLog ? log.recovery : { kind: "clean" };
    const recorded = { receipt: 0, certificate: 0 };
    let writers: { receipts: JsonlWriter; certificates: JsonlWriter } | null = null;
    if (dir) {
      recorded.receipt = lastIndexOf(readJsonl<ReceiptRecord>(dataPath(dir, RECEIPTS_FILE)).records);
      recorded.certificate = lastIndexOf(readJsonl<CommitCertificate>(dataPath(dir, CERTIFICATES_FILE)).records);
      writers = { receipts: new JsonlWriter(dataPath(dir, RECEIPTS_FILE)), certificates: new JsonlWriter(dataPath(dir, CERTIFICATES_FILE)) };
    }
    const corruptions = options.faults.filter((f): f is Fault & { kind: "corrupt" } => f.kind === "corrupt");
    const fired = corruptions.map(() => ({ done: false }));
    const createMachine = (member: number) =>
      corruptions.reduce((m, f, i) => (f.member === member ? corruptOnce(m, f, fired[i]) : m), options.createMachine());
    const committee = await Committee.open<S, OrganismReceipt>({
      keys: options.keys,
      quorum: options.quorum,
      createMachine,
      log,
      checkpoints: options.batch > 1 ? "log-head" : "every-entry",
      ...(dir ? { snapshots: new FileSnapshotStore(dataPath(dir, SNAPSHOTS_DIR)), snapshotEvery: options.snapshotEvery ?? 1000, start: "snapshot" as const } : {}),
    });
    const run = new CommitteeRun(committee, log, recovery, options, writers, recorded);
    // What was committed while opening (catching up on an existing log) is recorded first.
    run.recordCaughtUp();
    for (const r of committee.divergences()) options.onDivergence?.(r);
    committee.onCommit((c) => run.recordCommit(c));
    committee.onDivergence((r) => options.onDivergence?.(r));
    return run;
  }

  /** The index the next appended command will get. */
  get nextIndex(): number {
    return this.log.lastIndex() + 1;
  }

  /** Appends the commands in batches, applying each fault drill just before its index. */
  async submit(commands: readonly CommandEnvelope[]): Promise<void> {
    let at = 0;
    while (at < commands.length) {
      await this.fireFaults();
      const nextFault = this.pending[0]?.index ?? Infinity;
      const room = Math.max(1, Math.min(this.options.batch, nextFault - this.nextIndex));
      const chunk = commands.slice(at, at + room);
      await this.committee.submit(chunk);
      at += chunk.length;
    }
    await this.fireFaults();
  }

  /** Moves the admission clock of an attested committee: a member whose admission ended stops signing. */
  advanceClock(now: bigint): string[] {
    return (this.options.attested?.advance(now) ?? []).map(({ member, attestation }) => {
      this.committee.stop(member);
      return `member ${member} stopped: its committee admission ended at ${attestation.expiresAt} (the clock is ${now})`;
    });
  }

  async close(): Promise<void> {
    await this.committee.close();
    await this.log.close();
    this.writers?.receipts.close();
    this.writers?.certificates.close();
  }

  private async fireFaults(): Promise<void> {
    while (this.pending.length > 0 && this.pending[0].index <= this.nextIndex) {
      const f = this.pending.shift()!;
      if (f.kind === "stop") {
        this.committee.stop(f.member);
        this.options.onFault?.(f, `member ${f.member} stopped before index ${this.nextIndex}`);
      } else if (this.options.attested?.hasEnded(f.member)) {
        this.options.onFault?.(f, `member ${f.member} not restarted: its committee admission has ended`);
      } else {
        const out = await this.committee.restart(f.member, { from: this.options.data ? "snapshot" : "log" });
        const from = out.source === "snapshot" ? `snapshot at ${out.snapshotIndex}` : "the log";
        this.options.onFault?.(f, `member ${f.member} restarted from ${from}, caught up to index ${out.appliedIndex}, root ${out.root.slice(0, 16)}…`);
      }
    }
  }

  private recordCaughtUp(): void {
    for (let i = this.lastReceipt + 1; i <= this.committee.committedIndex; i++) {
      const step = this.committee.committedStep(i);
      const certificate = this.committee.certificateFor(i);
      if (step === undefined || certificate === undefined) continue;
      if (certificate.index !== i) {
        this.recordSteps([step], certificate.index);
        continue;
      }
      this.recordCommit({ index: i, certificate, steps: [step] });
    }
  }

  /** Receipt lines for steps covered by the certificate of `certified`; only that index's root is computed and recorded. */
  private recordSteps(steps: Commit<OrganismReceipt>["steps"], certified: number): void {
    const receipts = steps
      .filter((s) => s.index > this.lastReceipt)
      .map((s): ReceiptRecord => ({ index: s.index, command: s.command, receipt: s.receipt, root: s.index === certified ? (s.roots?.root ?? null) : null }));
    this.writers?.receipts.append(receipts);
    if (receipts.length > 0) this.lastReceipt = receipts[receipts.length - 1].index;
  }

  private recordCommit(commit: Commit<OrganismReceipt>): void {
    const c = this.options.attested?.certify(commit) ?? commit;
    this.recordSteps(c.steps, c.index);
    if (this.writers) {
      if (c.certificate.index > this.lastCertificate) {
        this.writers.certificates.append([c.certificate]);
        this.lastCertificate = c.certificate.index;
      }
    }
    this.options.onCommit?.(c);
  }
}

function lastIndexOf(records: readonly { readonly index: number }[]): number {
  return records.reduce((m, r) => Math.max(m, r.index), 0);
}
