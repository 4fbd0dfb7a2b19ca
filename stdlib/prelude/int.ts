// Prelude: checked integer arithmetic on bigint for Smalt's integer types. Every
// operation range-checks its result against the declared type and aborts the command
// (SmaltAbort "overflow" / "division_by_zero" / "narrowing") with a precise reason.
// Operands are trusted to be in range already: the type checker and `toInt` see to it.
import { SmaltAbort } from "./abort.js";

/** Integer-valued Smalt types. `duration` and `timestamp` are u64 counts of seconds. */
export type IntType = "u8" | "u16" | "u32" | "u64" | "u128" | "i64" | "bps" | "duration" | "timestamp";

export const INT_TYPES: readonly IntType[] = ["u8", "u16", "u32", "u64", "u128", "i64", "bps", "duration", "timestamp"];

const U64_MAX = (1n << 64n) - 1n;

/** Inclusive [min, max] of each integer type. */
export const INT_RANGE: { readonly [T in IntType]: readonly [bigint, bigint] } = {
  u8: [0n, 255n],
  u16: [0n, 65535n],
  u32: [0n, 4294967295n],
  u64: [0n, U64_MAX],
  u128: [0n, (1n << 128n) - 1n],
  i64: [-(1n << 63n), (1n << 63n) - 1n],
  bps: [0n, 10000n],
  duration: [0n, U64_MAX],
  timestamp: [0n, U64_MAX],
};

/** The denominator of basis points: 10000 bps = 100 %. */
export const BPS_ONE = 10000n;

export function inRange(t: IntType, v: bigint): boolean {
  const [lo, hi] = INT_RANGE[t];
  return v >= lo && v <= hi;
}

/** The result of `op` must fit `t`; otherwise abort with "<t> overflow in <op>" (or underflow). */
export function fit(t: IntType, v: bigint, op: string): bigint {
  const [lo, hi] = INT_RANGE[t];
  if (v > hi) throw new SmaltAbort("overflow", `${t} overflow in ${op}`);
  if (v < lo) throw new SmaltAbort("overflow", `${t} underflow in ${op}`);
  return v;
}

function nonZero(t: IntType, d: bigint, op: string): void {
  if (d === 0n) throw new SmaltAbort("division_by_zero", `${t} division by zero in ${op}`);
}

export function add(t: IntType, a: bigint, b: bigint): bigint {
  return fit(t, a + b, "+");
}

export function sub(t: IntType, a: bigint, b: bigint): bigint {
  return fit(t, a - b, "-");
}

export function mul(t: IntType, a: bigint, b: bigint): bigint {
  return fit(t, a * b, "*");
}

/** Unary minus (meaningful for i64; on unsigned types only -0 fits). */
export function neg(t: IntType, a: bigint): bigint {
  return fit(t, -a, "unary -");
}

/** `a / b`, rounding toward zero (bigint division already truncates). i64 MIN / -1 overflows. */
export function div(t: IntType, a: bigint, b: bigint): bigint {
  nonZero(t, b, "/");
  return fit(t, a / b, "/");
}

/** `a % b`: the remainder of truncating division; it has the sign of `a`, like Rust's `%`. */
export function mod(t: IntType, a: bigint, b: bigint): bigint {
  nonZero(t, b, "%");
  return a % b;
}

function floorQuotient(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function ceilQuotient(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n === b < 0n ? q + 1n : q;
}

/** `div_floor(a, b)`: the quotient rounded toward negative infinity. */
export function divFloor(t: IntType, a: bigint, b: bigint): bigint {
  nonZero(t, b, "div_floor");
  return fit(t, floorQuotient(a, b), "div_floor");
}

/** `div_ceil(a, b)`: the quotient rounded toward positive infinity. */
export function divCeil(t: IntType, a: bigint, b: bigint): bigint {
  nonZero(t, b, "div_ceil");
  return fit(t, ceilQuotient(a, b), "div_ceil");
}

/**
 * `mul_div(a, b, c)` = floor(a·b / c) with an exact (unbounded) intermediate, so only
 * the final result is range-checked: mul_div(u64 max, 2, 4) is fine.
 */
export function mulDiv(t: IntType, a: bigint, b: bigint, c: bigint): bigint {
  nonZero(t, c, "mul_div");
  return fit(t, floorQuotient(a * b, c), "mul_div");
}

/** `apply_bps(amount, b)` = mul_div(amount, b, 10000): the share `b` basis points of `amount`. */
export function applyBps(t: IntType, amount: bigint, b: bigint): bigint {
  return fit(t, floorQuotient(amount * b, BPS_ONE), "apply_bps");
}

/**
 * A checked conversion `to(x)` from a value of type `from` (`u64(x)`, `bps(x)`, `i64(x)`):
 * widening always succeeds, narrowing aborts with "narrowing" if the value does not fit.
 */
export function convert(from: IntType, to: IntType, v: bigint): bigint {
  if (!inRange(to, v)) throw new SmaltAbort("narrowing", `${from} value ${v} does not fit in ${to}`);
  return v;
}

export function min(a: bigint, b: bigint): bigint {
  return a <= b ? a : b;
}

export function max(a: bigint, b: bigint): bigint {
  return a >= b ? a : b;
}

/**
 * An integer of type `t` from outside the transaction (a decoded command, a JSON number
 * or decimal string): anything that is not an integer in range aborts with "invalid_value",
 * naming `what` (a field path) so malformed input is reported, never a crash.
 */
export function toInt(t: IntType, x: unknown, what: string): bigint {
  let v: bigint | undefined;
  if (typeof x === "bigint") v = x;
  else if (typeof x === "number" && Number.isSafeInteger(x)) v = BigInt(x);
  else if (typeof x === "string" && /^-?(0|[1-9][0-9]*)$/.test(x)) v = BigInt(x);
  if (v === undefined) throw new SmaltAbort("invalid_value", `${what}: expected an integer (${t})`);
  if (!inRange(t, v)) {
    const [lo, hi] = INT_RANGE[t];
    throw new SmaltAbort("invalid_value", `${what}: ${v} is out of range for ${t} (${lo}..=${hi})`);
  }
  return v;
}
