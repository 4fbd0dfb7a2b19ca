// Semantic diff of clearing rules: a property-based search (fast-check, fixed seed) for an
// order book on which the old and new rule allocate or price differently, shrunk to a small
// witness. Both rules run on the reference evaluator (compiler/eval), each in its own
// program, with the arguments its organism actually passes (config values, literals).
import fc from "fast-check";
import { callFunction, Frame, Meter } from "../eval/frame.js";
import { Abort } from "../eval/value-ops.js";
import type { FnDef, OrganismDef } from "../ir/declarations.js";
import type { Expr } from "../ir/expressions.js";
import { walkStmts } from "../ir/walk.js";
import type { DeclRef, Type } from "../ir/types.js";
import { valueEquals, type Value } from "../ir/values.js";
import { constantValue } from "./admission-eval.js";
import type { ClearingDiff } from "./diff-report.js";
import type { DiffSide } from "./diff-side.js";
import { showBook, showAllocation, AGENTS } from "./clearing-text.js";
import { showRef, showValue } from "./show-ir.js";
import { bytesEqual } from "../fingerprint/bytes.js";

export const CLEARING_SEED = 42;
export const CLEARING_RUNS = 500;

/** Where an organism uses a clearing rule: a `clearing` config field, or a direct call by name. */
export interface ClearingSlot {
  readonly slot: string;
  readonly rule: DeclRef;
  readonly call?: Extract<Expr, { kind: "Call" }>;
}

export function clearingSlots(o: OrganismDef): Map<string, ClearingSlot> {
  const calls: Extract<Expr, { kind: "Call" }>[] = [];
  for (const body of [...o.handlers.map((h) => h.body), ...o.queries.map((q) => q.body)]) {
    walkStmts(body, { expr: (e) => void (e.kind === "Call" && e.callee.kind === "Clearing" && calls.push(e)) });
  }
  const slots = new Map<string, ClearingSlot>();
  for (const c of o.config) {
    if (c.value.kind !== "Rule") continue;
    const call = calls.find((e) => e.callee.kind === "Clearing" && e.callee.viaConfig === c.name);
    slots.set(`config.${c.name}`, { slot: `config.${c.name}`, rule: c.value.rule, ...(call ? { call } : {}) });
  }
  for (const call of calls) {
    if (call.callee.kind !== "Clearing" || call.callee.viaConfig !== undefined) continue;
    const name = showRef(call.callee.ref);
    if (!slots.has(name)) slots.set(name, { slot: name, rule: call.callee.ref, call });
  }
  return slots;
}

const isOrderList = (t: Type) => t.kind === "List" && t.element.kind === "Record" && t.element.ref.name === "Order" && t.element.ref.module === "builtin";

type Run = { readonly value?: Value; readonly abort?: string };

function run(side: DiffSide, rule: DeclRef, args: readonly Value[]): Run {
  try {
    const frame = new Frame(side.index, new Meter(undefined), undefined, undefined, undefined);
    return { value: callFunction(frame, { kind: "Clearing", ref: rule }, args) };
  } catch (e) {
    if (e instanceof Abort) return { abort: e.reason };
    throw e;
  }
}

const sameRun = (a: Run, b: Run) => (a.value && b.value ? valueEquals(a.value, b.value) : a.abort !== undefined && a.abort === b.abort);
const showRun = (r: Run) => (r.value ? showAllocation(r.value) : `aborts: ${r.abort}`);

/** Searches for an order book on which the two rules differ; the slot's rule names are reported either way. */
export function diffClearing(oldSide: DiffSide, old: ClearingSlot, newSide: DiffSide, now: ClearingSlot): ClearingDiff {
  const base = { slot: old.slot, old: showRef(old.rule), new: showRef(now.rule), runs: CLEARING_RUNS, seed: CLEARING_SEED };
  const fOld = oldSide.index.fn(old.rule);
  const fNew = newSide.index.fn(now.rule);
  if (fOld.params.length !== fNew.params.length) return base;
  const fixedOld = fixedArgs(oldSide, fOld, old.call);
  const fixedNew = fixedArgs(newSide, fNew, now.call);
  const numbers = [...fixedOld, ...fixedNew].flatMap((v) => (v?.kind === "Int" ? [v.value] : []));
  const order = orderArbitrary(numbers);
  const argArbs = fOld.params.map((p) =>
    isOrderList(p.type) ? fc.array(order, { maxLength: 6 }).map(withSeq) : fc.bigInt({ min: 0n, max: 8n }).map((n): Value => ({ kind: "Int", value: n })),
  );
  const argsFor = (fixed: readonly (Value | undefined)[], generated: readonly Value[]) => generated.map((g, i) => (isOrderList(fOld.params[i].type) ? g : (fixed[i] ?? g)));
  const result = fc.check(
    fc.property(fc.tuple(...argArbs), (generated) => sameRun(run(oldSide, old.rule, argsFor(fixedOld, generated)), run(newSide, now.rule, argsFor(fixedNew, generated)))),
    { seed: CLEARING_SEED, numRuns: CLEARING_RUNS },
  );
  if (!result.failed || !result.counterexample) return base;
  const [generated] = result.counterexample as [Value[]];
  const oldArgs = argsFor(fixedOld, generated);
  const newArgs = argsFor(fixedNew, generated);
  const args: Record<string, string> = {};
  fOld.params.forEach((p, i) => {
    const o = isOrderList(p.type) ? showBook(oldArgs[i]) : showValue(oldArgs[i], p.type);
    const n = isOrderList(p.type) ? o : showValue(newArgs[i], p.type);
    args[p.name] = o === n ? o : `${o} (old) / ${n} (new)`;
  });
  args.agents = AGENTS.map((a) => `${a.name} = 0x${a.hex}`).join(", ");
  return { ...base, witness: { args, old: showRun(run(oldSide, old.rule, oldArgs)), new: showRun(run(newSide, now.rule, newArgs)) } };
}

/** True when the two slots run different rules, or the same rule with different fixed arguments (a new reserve…). */
export function clearingMoved(oldSide: DiffSide, old: ClearingSlot, newSide: DiffSide, now: ClearingSlot): boolean {
  if (!bytesEqual(oldSide.canon.declDigest(old.rule), newSide.canon.declDigest(now.rule))) return true;
  const [a, b] = [fixedArgs(oldSide, oldSide.index.fn(old.rule), old.call), fixedArgs(newSide, newSide.index.fn(now.rule), now.call)];
  return a.some((x, i) => (x === undefined) !== (b[i] === undefined) || (x !== undefined && !valueEquals(x, b[i] as Value)));
}

/** Arguments the call site fixes (config values, literals, constants); undefined where it passes data. */
function fixedArgs(side: DiffSide, f: FnDef, call: ClearingSlot["call"]): (Value | undefined)[] {
  return f.params.map((p, i) => {
    const arg = call?.args[i];
    if (!arg || isOrderList(p.type)) return undefined;
    return constantValue(arg, side.index);
  });
}

function orderArbitrary(numbers: readonly bigint[]): fc.Arbitrary<Value> {
  const edges = [...new Set(numbers.flatMap((n) => [n - 1n, n, n + 1n, n + 2n, 2n * n]).filter((n) => n >= 0n && n < 2n ** 32n))];
  const top = numbers.reduce((m, n) => (n > m && n < 2n ** 32n ? n : m), 10n);
  const price = edges.length > 0 ? fc.oneof(fc.constantFrom(...edges), fc.bigInt({ min: 0n, max: 2n * top + 5n })) : fc.bigInt({ min: 0n, max: 2n * top + 5n });
  return fc.record({ agent: fc.constantFrom(...AGENTS.map((a) => a.hex)), qty: fc.bigInt({ min: 0n, max: 5n }), price }).map(
    (o): Value => ({
      kind: "Record",
      fields: [
        { name: "agent", value: { kind: "Bytes", hex: o.agent } },
        { name: "qty", value: { kind: "Int", value: o.qty } },
        { name: "price", value: { kind: "Int", value: o.price } },
        { name: "seq", value: { kind: "Int", value: 0n } },
      ],
    }),
  );
}

/** Orders get their log positions 0, 1, 2… in book order. */
function withSeq(orders: Value[]): Value {
  return {
    kind: "List",
    elements: orders.map((o, i) => (o.kind === "Record" ? { ...o, fields: o.fields.map((f) => (f.name === "seq" ? { name: "seq", value: { kind: "Int", value: BigInt(i) } } : f)) } : o)),
  };
}
