// The committed roots of a batch's indexes, re-derived when the committee no longer holds
// them: from the agreed state at the previous checkpoint, the batch's committed commands
// are applied again, with a root after each. Application is deterministic, so this is the
// root every honest member had at each index; a divergent member's own roots come from
// the states it retained, never from a re-run (a one-off fault would not recur).
import type { StateMachine, StateRoots } from "../replica/state-machine.js";
import type { CommittedStep } from "./divergence.js";

/**
 * Roots after each index of (since, through], or null when a committed step of that range
 * is no longer retained. `start` is the agreed state after `since`.
 */
export function rederiveRoots<S, R>(
  machine: StateMachine<S, R>,
  start: S,
  since: number,
  through: number,
  committed: (index: number) => CommittedStep<R> | undefined,
): Map<number, StateRoots> | null {
  const roots = new Map<number, StateRoots>();
  let state = start;
  for (let i = since + 1; i <= through; i++) {
    const step = committed(i);
    if (step === undefined) return null;
    // A malformed entry left the state as it was, on every member.
    if (step.command !== null) state = machine.apply(state, step.command.command, { sender: step.command.sender, index: i }).state;
    roots.set(i, machine.stateRoot(state));
  }
  return roots;
}
