// What applying one log entry produced, with the state roots computed only when asked.
// A replica that votes once per batch needs the root at the batch's last index alone;
// the step keeps the (immutable, structurally shared) state it produced, so the root of
// any retained index can still be computed later — from the state this member actually
// held, which is what localizing a divergence inside a batch needs.
import type { CommandEnvelope } from "./command-codec.js";
import type { StateMachine, StateRoots, StepReceipt } from "./state-machine.js";

export class ReplicaStep<R, S = unknown> {
  private computed: StateRoots | null = null;

  constructor(
    readonly index: number,
    /** The decoded command; null when the payload was malformed. */
    readonly command: CommandEnvelope | null,
    readonly receipt: StepReceipt<R>,
    /** The state after this index. */
    readonly state: S,
    private readonly machine: Pick<StateMachine<S, R>, "stateRoot">,
  ) {}

  /** The roots of the state after this index: computed on first use, then kept. */
  get roots(): StateRoots {
    this.computed ??= this.machine.stateRoot(this.state);
    return this.computed;
  }
}
