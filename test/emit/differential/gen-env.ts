// What a generated Smalt expression may use at one point of a generated organism: the scalar
// types the generator works with, the variables in scope (parameters, locals, state fields,
// config constants, loop variables, `sender`, `self`), the maps and sets of the state, and
// how literals of each type are written so the real checker accepts them.
import fc from "fast-check";
import { INT_RANGES } from "../../../compiler/ir/types.js";
import { peer } from "../support/replica.js";

export const INT_NAMES = ["u8", "u16", "u32", "u64", "u128", "i64"] as const;
export type IntName = (typeof INT_NAMES)[number];
export type Scalar = IntName | "bool" | "peer";
export const SCALARS: readonly Scalar[] = [...INT_NAMES, "bool", "peer"];

export const isInt = (t: Scalar): t is IntName => t !== "bool" && t !== "peer";
export const range = (t: IntName): readonly [bigint, bigint] => INT_RANGES[t];

export interface Var {
  /** As written in the source: `p0`, `l3`, `s1`, `config.c0`, `sender`, `self`. */
  readonly name: string;
  readonly type: Scalar;
  /** Assignable: state fields and `var` locals. */
  readonly mutable: boolean;
}

export interface MapField {
  readonly name: string;
  readonly key: Scalar;
  readonly value: Scalar;
  readonly cap: number;
}

export interface SetField {
  readonly name: string;
  readonly element: Scalar;
  readonly cap: number;
}

export interface ListField {
  readonly name: string;
  readonly element: Scalar;
  readonly cap: number;
}

export interface EventDef {
  readonly name: string;
  readonly fields: readonly { readonly name: string; readonly type: Scalar }[];
}

export interface Env {
  readonly vars: readonly Var[];
  readonly maps: readonly MapField[];
  readonly sets: readonly SetField[];
  readonly lists: readonly ListField[];
  /** Assets of the organism (built-in ledgers: mint, transfer, burn, balance, total, supply). */
  readonly assets: readonly string[];
  readonly events: readonly EventDef[];
  /** In a handler: expressions may write state (`xs.pop()`). */
  readonly writes: boolean;
  /** Index of the next local's name (`l<n>`, `k<n>`, `v<n>`, `x<n>`): names are never reused in one scope. */
  readonly fresh: number;
  /** How many `for` loops enclose this point (the generator nests at most one). */
  readonly loops: number;
}

export const withVars = (env: Env, ...vars: Var[]): Env => ({ ...env, vars: [...env.vars, ...vars], fresh: env.fresh + 1 });
export const varsOf = (env: Env, t: Scalar): string[] => env.vars.filter((v) => v.type === t).map((v) => v.name);

/** The peers the generated programs and commands talk about (literals, senders, arguments). */
export const PEERS: readonly string[] = [1, 2, 3, 4].map(peer);

/** Integer literals within the type's range, biased to small values and to the edges (where arithmetic overflows). */
export function intValue(t: IntName): fc.Arbitrary<bigint> {
  const [lo, hi] = range(t);
  const edges = fc.constantFrom(hi, hi - 1n, lo, lo === 0n ? 1n : lo + 1n);
  const negatives = t === "i64" ? [{ weight: 2, arbitrary: fc.bigInt({ min: -12n, max: -1n }) }] : [];
  return fc.oneof({ weight: 6, arbitrary: fc.bigInt({ min: 0n, max: 12n }) }, { weight: 2, arbitrary: edges }, { weight: 1, arbitrary: fc.bigInt({ min: lo, max: hi }) }, ...negatives);
}

/** A literal as source text; negative ones parenthesised so they can follow any operator. */
export const intText = (v: bigint): string => (v < 0n ? `(${v})` : String(v));
export const peerText = (hex: string): string => `0x${hex}`;

/** A literal of any scalar type, written to take its type from the context it appears in. */
export function literalText(t: Scalar): fc.Arbitrary<string> {
  if (t === "bool") return fc.boolean().map(String);
  if (t === "peer") return fc.constantFrom(...PEERS.slice(0, 3)).map(peerText);
  return intValue(t).map(intText);
}
