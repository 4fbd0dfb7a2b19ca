// The contract between the runtime and a compiled organism: the small interface a
// replica drives. An emitted module is adapted to it by a thin wrapper; tests use a
// hand-written machine. Everything here must be deterministic (mosaik.md §5.7): the same
// commands from the same initial state give the same receipts, roots and state bytes on
// every replica, in every process.

/** A command as it travels in the log: plain JSON (the organism's adapter maps it to typed values). */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Deterministic facts about the entry being applied; nothing else reaches `apply`. */
export interface ApplyContext {
  /** The verified peer id of the command's author, 64 lower-case hex digits. */
  readonly sender: string;
  /** The command's log index (1-based). */
  readonly index: number;
}

/**
 * A state's root and the sub-root of each state field, as lower-case hex. The root is a
 * function of the sub-roots, so two states with equal roots have equal sub-roots, and a
 * divergence can be narrowed to the fields whose sub-roots differ.
 */
export interface StateRoots {
  readonly root: string;
  readonly subRoots: Readonly<Record<string, string>>;
}

/**
 * A compiled organism as the runtime sees it. `S` is its state (treated as an opaque,
 * immutable value: `apply` returns a new state and never mutates the old one, which is
 * what lets a replica keep the state after each index cheaply); `R` its receipt.
 */
export interface StateMachine<S, R = unknown> {
  /** The organism's content hash, 64 lower-case hex digits; every signed root names it. */
  readonly contentHash: string;
  initialState(): S;
  /** Applies one committed command. A rejected command is a receipt, not an exception; a throw is a bug (fatal for that replica). */
  apply(state: S, command: Json, ctx: ApplyContext): { readonly state: S; readonly receipt: R };
  stateRoot(state: S): StateRoots;
  /** Canonical snapshot bytes: byte-identical on every replica for the same state. */
  encodeState(state: S): Uint8Array;
  /** The inverse of encodeState; throws on bytes it did not produce. */
  decodeState(bytes: Uint8Array): S;
}

/**
 * What applying one log entry produced. A payload that is not a well-formed command
 * envelope cannot reach the machine; every replica records the same "malformed" receipt
 * and leaves the state as it was, so a bad entry in the log is not a divergence.
 */
export type StepReceipt<R> =
  | { readonly status: "applied"; readonly receipt: R }
  | { readonly status: "malformed"; readonly reason: string };

const HEX64 = /^[0-9a-f]{64}$/;

/** True for 64 lower-case hex digits (a 32-byte digest, key or peer id). */
export function isHex32(s: unknown): s is string {
  return typeof s === "string" && HEX64.test(s);
}

/** The names of the fields whose sub-roots differ, or exist on one side only, sorted. */
export function differingFields(a: StateRoots["subRoots"], b: StateRoots["subRoots"]): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => a[n] !== b[n]).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}
