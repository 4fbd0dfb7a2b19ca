// Prelude: the one exception a Smalt transaction may raise. Emitted `apply` catches
// SmaltAbort (and nothing else) to turn an aborted command into a rejected receipt;
// any other exception is a bug in Smalt or in the runtime and must propagate.

/** Why a command was aborted. Stable strings: they appear in receipts and scenarios. */
export type AbortCode =
  | "require" // a `require … else "reason"` failed
  | "overflow" // checked arithmetic left the range of its type (over- or underflow)
  | "division_by_zero"
  | "narrowing" // a checked conversion (`u64(x)`, `bps(x)`) did not fit
  | "capacity" // a push/insert into a full collection
  | "index" // a list index out of range
  | "missing_key" // a key required to be present was absent
  | "cost" // the command exhausted its cost budget
  | "invariant" // an invariant failed after the command
  | "asset" // an asset operation would make a balance negative or break conservation
  | "contract" // a clearing rule broke its checked contract
  | "invalid_value"; // a value does not fit its declared type (malformed input)

export const ABORT_CODES: readonly AbortCode[] = [
  "require",
  "overflow",
  "division_by_zero",
  "narrowing",
  "capacity",
  "index",
  "missing_key",
  "cost",
  "invariant",
  "asset",
  "contract",
  "invalid_value",
];

/**
 * A deterministic abort of the current command. `code` classifies it, `reason` is the
 * human-readable text recorded in the receipt. Both are pure functions of the command
 * and the state, so every replica produces the same rejected receipt. It carries no
 * stack trace: an abort is a verdict on the command, not a fault in the code, and
 * capturing the stack made a rejected command cost about three accepted ones.
 */
export class SmaltAbort extends Error {
  readonly code: AbortCode;
  readonly reason: string;

  constructor(code: AbortCode, reason: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(`${code}: ${reason}`);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = "SmaltAbort";
    this.code = code;
    this.reason = reason;
  }
}

/** Abort the current command. Typed `never` so it can end an expression branch. */
export function abort(code: AbortCode, reason: string): never {
  throw new SmaltAbort(code, reason);
}

/** `require cond else "reason"`. */
export function requireThat(cond: boolean, reason: string): asserts cond {
  if (!cond) throw new SmaltAbort("require", reason);
}

/** `invariant name { cond }`, checked after every command. */
export function checkInvariant(name: string, holds: boolean): void {
  if (!holds) throw new SmaltAbort("invariant", `invariant ${name} violated`);
}

export function isSmaltAbort(e: unknown): e is SmaltAbort {
  return e instanceof SmaltAbort;
}

export type Attempt<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: AbortCode; readonly reason: string };

/**
 * Run `body` as a transaction body: a SmaltAbort becomes `{ ok: false, … }`, any other
 * exception propagates unchanged. Because state values are persistent, "rolling back"
 * is simply not using the versions `body` built.
 */
export function attempt<T>(body: () => T): Attempt<T> {
  try {
    return { ok: true, value: body() };
  } catch (e) {
    if (e instanceof SmaltAbort) return { ok: false, code: e.code, reason: e.reason };
    throw e;
  }
}
