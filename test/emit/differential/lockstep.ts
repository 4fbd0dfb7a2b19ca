// Runs one command sequence on an emitted organism and, in lockstep, on the reference
// evaluator; after every step (and initially) both sides' receipt, state root and query
// results are compared by compare-step.ts. Returns the first disagreement instead of
// throwing, so a property can shrink on it and a failure can be saved as a regression case.
import type { Json, State } from "../../../compiler/emit/emitted-api.js";
import { OrganismEvaluator, type EvalState } from "../../../compiler/eval/eval-organism.js";
import { Abort } from "../../../compiler/eval/value-ops.js";
import { jsonToValue, valueToJson } from "../../../compiler/scenario/json-values.js";
import { stableIdsIn, TEST_SELF } from "../../../compiler/scenario/test-peers.js";
import { toHex } from "../../../stdlib/prelude/index.js";
import type { LoadedOrganism } from "../support/cases.js";
import { referenceReceiptJson } from "../support/reference-receipt.js";
import { stepMismatch, type Mismatch, type StepResults } from "./compare-step.js";
import type { Command } from "./gen-commands.js";

export interface Disagreement extends Mismatch {
  /** 1-based index of the command after which the sides differ; 0 = the initial state. */
  readonly step: number;
}

export interface LockstepResult {
  readonly steps: number;
  readonly rejected: number;
  readonly disagreement?: Disagreement;
}

export function runLockstep(loaded: LoadedOrganism, commands: readonly Command[]): LockstepResult {
  const { api, organism } = loaded;
  const network = loaded.source.program.modules.find((m) => m.key === organism.ref.module)?.network ?? "universe";
  const evaluator = new OrganismEvaluator(loaded.source.program.modules, organism.ref.name, { self: TEST_SELF, stableIds: stableIdsIn(network) });
  const tables = evaluator.index;
  let state: State = api.initialState();
  let evalState: EvalState = evaluator.initialState();
  const queryable = organism.queries.filter((q) => q.params.length === 0);

  const emittedQueries = (): Record<string, Json> =>
    Object.fromEntries(queryable.map((q) => [q.name, api.runQuery(state, { self: TEST_SELF }, { query: q.name, args: {} })]));
  const referenceQueries = (): Record<string, Json> =>
    Object.fromEntries(
      queryable.map((q) => {
        try {
          return [q.name, { outcome: "ok", value: valueToJson(evaluator.query(evalState, q.name, []), q.returnType, tables) }];
        } catch (e) {
          if (e instanceof Abort) return [q.name, { outcome: "rejected", code: e.code, reason: e.reason }];
          throw e;
        }
      }),
    );
  const compare = (step: number, emittedReceipt: Json, referenceReceipt: Json): Disagreement | undefined => {
    const emitted: StepResults = { receipt: emittedReceipt, root: toHex(api.stateRoot(state)), queries: emittedQueries() };
    const reference: StepResults = { receipt: referenceReceipt, root: evaluator.stateRoot(evalState).root, queries: referenceQueries() };
    const m = stepMismatch(emitted, reference);
    return m && { step, ...m };
  };

  const initial = compare(0, null, null);
  if (initial) return { steps: 0, rejected: 0, disagreement: initial };
  let rejected = 0;
  for (const [i, c] of commands.entries()) {
    const handler = organism.handlers.find((h) => h.name === c.command.handler);
    if (!handler) throw new Error(`no handler ${c.command.handler} in ${organism.ref.name}`);
    const index = BigInt(i);
    const before = state;
    const r = api.apply(state, api.decodeCommand(c.command), { sender: c.sender, self: TEST_SELF, index });
    const args = handler.params.map((p) => jsonToValue(c.command.args[p.name], p.type, tables));
    const e = evaluator.apply(evalState, { handler: handler.name, args }, { sender: c.sender, index });
    state = r.state;
    evalState = e.state;
    if (r.receipt.outcome === "rejected") {
      rejected += 1;
      if (state !== before) return { steps: i + 1, rejected, disagreement: { step: i + 1, what: "atomicity: a rejected command changed the emitted state", emitted: "a new state", reference: "the state it was given" } };
    }
    const d = compare(i + 1, api.receiptToJson(r.receipt), referenceReceiptJson(e.receipt, organism, tables));
    if (d) return { steps: i + 1, rejected, disagreement: d };
  }
  return { steps: commands.length, rejected };
}
