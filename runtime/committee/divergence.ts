// Divergence reports: which member, from which log index on, after which command, and in
// which state fields its state differs from the committed one. A vote only shows that a
// checkpoint's root differs; the member's own per-index roots and the committed ones are
// then compared index by index since the previous checkpoint to find the first that does.
// In batch mode those per-index roots were not computed when the entries were applied:
// they are computed here, from the states each side retained after each index, which is
// the same as re-running the batch with a root per entry from the last agreed checkpoint
// — except that the divergent member's side is what it actually held, so a fault that
// would not recur on a re-run (a flipped bit, a one-off corruption) is still found.
import type { CommandEnvelope } from "../replica/command-codec.js";
import { differingFields, type StateRoots, type StepReceipt } from "../replica/state-machine.js";

/**
 * One committed log index as the quorum computed it. `roots` is computed when first read
 * while the signer still holds the state; it is null inside a settled batch where nobody
 * read it (in batch mode only a checkpoint's root is always known).
 */
export interface CommittedStep<R> {
  readonly index: number;
  readonly command: CommandEnvelope | null;
  readonly receipt: StepReceipt<R>;
  readonly roots: StateRoots | null;
  /** The state after the index, while the signer keeps it (a checkpoint's is kept). */
  readonly state?: unknown;
}

export interface DivergenceReport {
  readonly member: number;
  readonly publicKey: string;
  /** "root-mismatch": its root differs from the quorum's; "apply-failed": the machine threw while applying. */
  readonly kind: "root-mismatch" | "apply-failed";
  /** The first log index at which the member's state differs (or at which applying failed). */
  readonly index: number;
  /** The checkpoint whose vote revealed it (equal to `index` when members vote on every entry). */
  readonly checkpoint: number;
  /** The command at `index`; null for a malformed payload. */
  readonly command: CommandEnvelope | null;
  readonly expectedRoot: string | null;
  readonly actualRoot: string | null;
  /** State fields whose sub-roots differ at `index`, sorted; empty when unknown. */
  readonly fields: readonly string[];
  /** One line for people. */
  readonly message: string;
}

export interface MismatchEvidence {
  readonly member: number;
  readonly publicKey: string;
  readonly checkpoint: number;
  /** The previous checkpoint; every index after it up to `checkpoint` is compared. */
  readonly since: number;
  readonly actualRoot: string;
  readonly expectedRoot: string;
  /** The member's roots after an index, from the state it held there; null when no longer known. */
  readonly mine: (index: number) => StateRoots | null;
  /** The committed roots after an index; null when no longer known. */
  readonly committed: (index: number) => StateRoots | null;
  /** The command at an index, if still retained. */
  readonly command: (index: number) => CommandEnvelope | null;
}

/** The report for a member whose signed root at a checkpoint is not the certified one. */
export function localizeMismatch(e: MismatchEvidence): DivergenceReport {
  for (let i = e.since + 1; i < e.checkpoint; i++) {
    const mine = e.mine(i);
    const ref = mine === null ? null : e.committed(i);
    if (mine === null || ref === null || mine.root === ref.root) continue;
    return report(e, i, e.command(i), ref.root, mine.root, differingFields(mine.subRoots, ref.subRoots));
  }
  // At the checkpoint itself, or when the per-index roots are no longer known: the checkpoint is as close as it gets.
  const mine = e.mine(e.checkpoint);
  const ref = e.committed(e.checkpoint);
  const fields = mine && ref ? differingFields(mine.subRoots, ref.subRoots) : [];
  return report(e, e.checkpoint, e.command(e.checkpoint), e.expectedRoot, e.actualRoot, fields);
}

function report(
  e: MismatchEvidence,
  index: number,
  command: CommandEnvelope | null,
  expectedRoot: string,
  actualRoot: string,
  fields: readonly string[],
): DivergenceReport {
  const where = fields.length > 0 ? `state field${fields.length > 1 ? "s" : ""} ${fields.join(", ")} differ${fields.length > 1 ? "" : "s"}` : "state differs";
  const message =
    `replica ${e.member} (${short(e.publicKey)}) diverged at log index ${index}${describeCommand(command)}: ${where}` +
    ` (root ${short(actualRoot)}, committed ${short(expectedRoot)}); quarantined`;
  return { member: e.member, publicKey: e.publicKey, kind: "root-mismatch", index, checkpoint: e.checkpoint, command, expectedRoot, actualRoot, fields, message };
}

/** The report for a member whose machine threw while applying an entry (mosaik: a panic in apply is fatal divergence). */
export function applyFailure(member: number, publicKey: string, index: number, command: CommandEnvelope | null, error: unknown): DivergenceReport {
  const why = error instanceof Error ? error.message : String(error);
  return {
    member,
    publicKey,
    kind: "apply-failed",
    index,
    checkpoint: index,
    command,
    expectedRoot: null,
    actualRoot: null,
    fields: [],
    message: `replica ${member} (${short(publicKey)}) failed applying log index ${index}${describeCommand(command)}: ${why}; quarantined`,
  };
}

function describeCommand(command: CommandEnvelope | null): string {
  if (command === null) return " (a malformed entry)";
  const text = JSON.stringify(command.command);
  return ` (command ${text.length > 80 ? `${text.slice(0, 77)}...` : text} from ${short(command.sender)})`;
}

function short(hex: string): string {
  return `${hex.slice(0, 12)}…`;
}
