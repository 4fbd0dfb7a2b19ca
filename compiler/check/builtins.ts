// Check stage: the tables of built-in functions, conversions, collection/option methods and
// asset operations (docs/language.md §4, §7). Typing rules live in check-calls.ts.
import type { AssetOpName, BuiltinFn, MutatingMethod, QueryMethod } from "../ir/expressions.js";
import type { PrimName } from "../ir/types.js";

export const BUILTIN_FUNCTIONS: readonly BuiltinFn[] = ["len", "min", "max", "div_floor", "div_ceil", "mul_div", "apply_bps", "hash"];

/** Conversion functions, named after the type they produce. */
export const CONVERSIONS: readonly PrimName[] = ["u8", "u16", "u32", "u64", "u128", "i64", "bps"];

export type MethodName = QueryMethod | MutatingMethod;

/** The methods of each receiver shape. */
export const METHODS: Readonly<Record<"list" | "map" | "set" | "option", readonly MethodName[]>> = {
  list: ["push", "pop", "contains"],
  map: ["get", "contains", "remove", "keys"],
  set: ["insert", "remove", "contains"],
  option: ["is_some", "is_none", "unwrap_or"],
};

export const MUTATING_METHODS: readonly MutatingMethod[] = ["push", "pop", "insert", "remove"];

export function isMutatingMethod(name: string): name is MutatingMethod {
  return (MUTATING_METHODS as readonly string[]).includes(name);
}

/**
 * Asset operations: the parameters are peers (`p`) or amounts (`n`, always u64). `burn` and
 * `transfer` debit their first argument, which must be `sender` or `self` (E3009).
 */
export const ASSET_OPS: Readonly<Record<AssetOpName, { readonly params: readonly ("p" | "n")[]; readonly returnsAmount: boolean; readonly writes: boolean }>> =
  {
    mint: { params: ["p", "n"], returnsAmount: false, writes: true },
    burn: { params: ["p", "n"], returnsAmount: false, writes: true },
    transfer: { params: ["p", "p", "n"], returnsAmount: false, writes: true },
    balance: { params: ["p"], returnsAmount: true, writes: false },
    total: { params: [], returnsAmount: true, writes: false },
    supply: { params: [], returnsAmount: true, writes: false },
  };

export const ASSET_OP_NAMES = Object.keys(ASSET_OPS) as AssetOpName[];

/** Operations whose first argument is the account debited. */
export const DEBITING_OPS: readonly AssetOpName[] = ["burn", "transfer"];

/** Type names that would mean floating point: refused with E3001, not "unknown type". */
export const FLOAT_TYPE_NAMES: readonly string[] = ["f16", "f32", "f64", "f128", "float", "double"];

/** `uses` references expose only their pin, read-only. */
export const USES_FIELDS = ["stable_id", "content_hash"] as const;

/** What a validator may read from the ticket besides `ticket.claims.<name>`. */
export const TICKET_FIELDS = ["peer", "issuer", "subject"] as const;
