// What applying one log entry produced, with the state roots computed only when asked.
// A replica that votes once per batch needs the root at the batch's last index alone; the
// step keeps the (immutable, structurally shared) state it produced until its batch is
// settled, so the root of any index of an unsettled batch can still be computed — from
// the state this member actually held, which is what localizing a divergence inside a
// batch needs. Once the member's root at the batch's end is certified, the states inside
// the batch are let go (holding thousands of old states costs the garbage collector dearly).
import type { CommandEnvelope } from "./command-codec.js";
import type { StateMachine, StateRoots, StepReceipt } from "./state-machine.js";

export class ReplicaStep<R, S = unknown> {
  private computed: StateRoots | null = null;
  private kept: S | undefined;

  constructor(
    readonly index: number,
    /** The decoded command; null when the payload was malformed. */
    readonly command: CommandEnvelope | null,
    readonly receipt: StepReceipt<R>,
    state: S,
    private readonly machine: Pick<StateMachine<S, R>, "stateRoot">,
  ) {
    this.kept = state;
  }

  /**
   * The roots of the state after this index: computed on first read while the state is
   * kept, then remembered. Null for an index inside a settled batch whose root nobody read.
   */
  get roots(): StateRoots | null {
    if (this.computed === null && this.kept !== undefined) this.computed = this.machine.stateRoot(this.kept);
    return this.computed;
  }

  /** The state after this index, while it is kept. */
  get state(): S | undefined {
    return this.kept;
  }

  /**
   * Lets the state go, unless `keepIfRooted` and its roots were computed: in batch mode a
   * checkpoint's state is an agreed state a later re-derivation may start from.
   */
  settle(keepIfRooted: boolean): void {
    if (this.computed === null || !keepIfRooted) this.kept = undefined;
  }
}
