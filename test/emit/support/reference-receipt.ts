// The reference evaluator's receipt in the emitted modules' JSON form (events with their
// fields, cites as digests or evidence), so the two receipts of one command can be compared.
import type { EvalReceipt } from "../../../compiler/eval/eval-organism.js";
import type { ProgramIndex } from "../../../compiler/eval/program-index.js";
import { EVIDENCE_TYPE } from "../../../compiler/ir/builtin-records.js";
import type { OrganismDef } from "../../../compiler/ir/declarations.js";
import type { Json } from "../../../compiler/emit/emitted-api.js";
import { valueToJson } from "../../../compiler/scenario/json-values.js";

/** Codes whose reason text the evaluator words differently from the prelude (compared by code only). */
export const REWORDED = new Set(["invariant", "division_by_zero", "narrowing"]);

export function referenceReceiptJson(r: EvalReceipt, organism: OrganismDef, tables: ProgramIndex): Json {
  if (r.outcome === "rejected") return { outcome: r.outcome, code: r.code, reason: r.reason };
  const events = r.events.map((e) => {
    const def = organism.events.find((x) => x.name === e.name);
    if (!def) throw new Error(`no event ${e.name} in ${organism.ref.name}`);
    return { name: e.name, fields: Object.fromEntries(e.fields.map((f, i) => [f.name, valueToJson(f.value, def.fields[i].type, tables)])) };
  });
  const cites = r.cites.map((c) => (c.kind === "Bytes" ? { kind: "digest", value: c.hex } : { kind: "evidence", value: valueToJson(c, EVIDENCE_TYPE, tables) }));
  return { outcome: r.outcome, events, cites };
}
