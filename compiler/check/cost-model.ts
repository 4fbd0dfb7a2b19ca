// The cost model: abstract units for the static worst-case cost of every body. The emitted
// code meters exactly these units, so this file is the single definition of both.
//
//   node          every IR expression, statement and place costs 1, plus its children
//   branches      `if` / `match` / if-expressions cost their condition plus the dearest branch
//   iteration     `for` and quantifiers cost 1 + source + N × body, N = the source's capacity
//   sort          1 + source + N·⌈log2 N⌉ + N
//   calls         1 + arguments + the callee's own worst-case cost (fns and clearing rules)
//   map/set ops   ⌈log2 N⌉ + 1 instead of 1: `m[k]` (read or write), get, contains, insert, remove
//   list ops      contains: 1 + N (a scan); keys(): 1 + N; push, pop, xs[i]: 1
//   assets        mint, burn, balance: one ledger lookup = a map op on 2^32 accounts (33);
//                 transfer: two lookups (66); total, supply: 1 (kept as running sums)
//   hash, ==, !=  1 + the worst-case size of the operand type when it is not a scalar
//                 (size: scalar 1; option 1 + inner; list/set 1 + N × element; map
//                 1 + N × (key + value); record 1 + Σ fields; enum 1 + largest payload)
//   handlers      their body plus every invariant of the organism (checked after each command);
//                 an invariant checked incrementally costs only the keys the handler can
//                 write (invariant-costs.ts)
//
// A handler or query whose cost exceeds COST_BUDGET is E3010.
import { refKey, type Type } from "../ir/types.js";
import type { TypeTables } from "../ir/values.js";

export const COST_BUDGET = 10_000_000n;

export const NODE_COST = 1n;

/** How many accounts a ledger is priced for: an asset op is a map op of this capacity. */
export const ASSET_LEDGER_CAPACITY = 2n ** 32n;

/** The capacity N of a list, set or map type (0 for anything else): what iteration is priced by. */
export function capacityOf(t: Type): bigint {
  return t.kind === "List" || t.kind === "Set" || t.kind === "Map" ? t.capacity : 0n;
}

/** ⌈log2 n⌉ for n ≥ 1 (0 for n ≤ 1). */
export function log2Ceil(n: bigint): bigint {
  let bits = 0n;
  let reach = 1n;
  while (reach < n) {
    reach *= 2n;
    bits += 1n;
  }
  return bits;
}

/** A lookup, insert or remove in a map or set of capacity N. */
export function mapOpCost(capacity: bigint): bigint {
  return log2Ceil(capacity) + 1n;
}

/** A stable comparison sort of at most N elements. */
export function sortCost(capacity: bigint): bigint {
  return capacity * log2Ceil(capacity) + capacity;
}

export const ASSET_LOOKUP_COST = mapOpCost(ASSET_LEDGER_CAPACITY);

/**
 * The worst-case number of scalars in a value of type `t` (what hashing or comparing it
 * touches). `seen` stops at recursive types, which are refused separately (E3006).
 */
export function typeSize(t: Type, tables: TypeTables, seen: ReadonlySet<string> = new Set()): bigint {
  const sum = (fields: readonly { readonly type: Type }[], s: ReadonlySet<string>) => fields.reduce((acc, f) => acc + typeSize(f.type, tables, s), 0n);
  switch (t.kind) {
    case "Option":
      return 1n + typeSize(t.inner, tables, seen);
    case "List":
    case "Set":
      return 1n + t.capacity * typeSize(t.element, tables, seen);
    case "Map":
      return 1n + t.capacity * (typeSize(t.key, tables, seen) + typeSize(t.value, tables, seen));
    case "Record":
    case "Enum":
    case "Payload": {
      const key = refKey(t.ref);
      if (seen.has(key)) return 1n;
      const inner = new Set([...seen, key]);
      if (t.kind === "Record") return 1n + sum(tables.recordFields(t.ref), inner);
      const variants = tables.enumVariants(t.ref);
      if (t.kind === "Payload") return 1n + sum(variants.find((v) => v.name === t.variant)?.fields ?? [], inner);
      return (
        1n +
        variants.reduce((max, v) => {
          const s = sum(v.fields, inner);
          return s > max ? s : max;
        }, 0n)
      );
    }
    default:
      return 1n;
  }
}

/** Scalars compare and hash in one unit; composite values cost their size. */
export function isScalar(t: Type): boolean {
  return t.kind === "Prim" || t.kind === "Unit" || t.kind === "Error" || t.kind === "Clearing" || t.kind === "Claim";
}
