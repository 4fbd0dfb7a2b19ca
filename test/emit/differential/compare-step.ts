// The lockstep comparison of one step, as data: given what the emitted code and the
// reference evaluator produced, the first way they differ (or nothing). Receipts must agree
// on outcome, abort code, reason (by code only where the evaluator words it differently),
// events and cites; state roots and query results must be identical.
import { isDeepStrictEqual } from "node:util";
import type { Json } from "../../../compiler/emit/emitted-api.js";
import { REWORDED } from "../support/reference-receipt.js";

export interface StepResults {
  readonly receipt: Json;
  readonly root: string;
  /** Each query's JSON result (`{ outcome: "ok", value }` or the rejection), by name. */
  readonly queries: Readonly<Record<string, Json>>;
}

export interface Mismatch {
  readonly what: string;
  readonly emitted: string;
  readonly reference: string;
}

const show = (j: unknown): string => JSON.stringify(j);

/** Two receipts (or query results); `null` on both sides stands for "no command yet". */
export function receiptMismatch(emitted: Json, reference: Json): Mismatch | undefined {
  if (emitted === null || reference === null) return emitted === reference ? undefined : { what: "presence", emitted: show(emitted), reference: show(reference) };
  const e = emitted as { outcome?: string; code?: string; reason?: string; events?: Json; cites?: Json };
  const r = reference as typeof e;
  const differ = (what: string): Mismatch => ({ what, emitted: show(emitted), reference: show(reference) });
  if (e.outcome !== r.outcome) return differ("outcome");
  if (r.outcome === "rejected") {
    if (e.code !== r.code) return differ("abort code");
    if (!REWORDED.has(r.code ?? "") && e.reason !== r.reason) return differ("abort reason");
    return undefined;
  }
  if (!isDeepStrictEqual(e.events, r.events)) return differ("events");
  if (!isDeepStrictEqual(e.cites, r.cites)) return differ("cites");
  return undefined;
}

export function stepMismatch(emitted: StepResults, reference: StepResults): Mismatch | undefined {
  const receipt = receiptMismatch(emitted.receipt, reference.receipt);
  if (receipt) return { ...receipt, what: `receipt ${receipt.what}` };
  if (emitted.root !== reference.root) return { what: "state root", emitted: emitted.root, reference: reference.root };
  for (const name of Object.keys(reference.queries)) {
    const q = receiptMismatch(emitted.queries[name] ?? null, reference.queries[name]);
    if (q) return { what: `query ${name} ${q.what}`, emitted: q.emitted, reference: q.reference };
    const e = emitted.queries[name] as { value?: Json };
    const r = reference.queries[name] as { value?: Json };
    if (r.value === undefined) continue; // both rejected alike
    if (!isDeepStrictEqual(e.value, r.value)) return { what: `query ${name} value`, emitted: show(e), reference: show(r) };
  }
  return undefined;
}
