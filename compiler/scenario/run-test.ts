// `smalt test`, one test block: its command steps are applied to the emitted organism (the
// code the committee runs), and in lockstep to the reference evaluator. After every step
// both must agree on the receipt and the state root; the step's expectation is then checked
// against the emitted receipt, and each `expect` is evaluated over the evaluator's state,
// which at that point has the emitted state's root. The first failing step ends the test.
import type { EmittedApi, State } from "../emit/emitted-api.js";
import { OrganismEvaluator, type EvalReceipt, type EvalState } from "../eval/eval-organism.js";
import type { CheckedModule, OrganismDef, TestDef, TestStepDef } from "../ir/declarations.js";
import type { Expr } from "../ir/expressions.js";
import type { Span } from "../source.js";
import { toHex } from "../../stdlib/prelude/index.js";
import { valueToJson } from "./json-values.js";
import { senderHex, stableIdsIn, TEST_SELF } from "./test-peers.js";

export interface StepFailure {
  /** 1-based position of the step in the test block. */
  readonly step: number;
  readonly span: Span;
  readonly expected: string;
  readonly actual: string;
  /** True when the emitted code and the reference evaluator disagree: a bug in smalt, not in the policy. */
  readonly disagreement: boolean;
}

export interface TestOutcome {
  readonly name: string;
  readonly organism: string;
  readonly span: Span;
  readonly steps: number;
  readonly failure?: StepFailure;
}

type Receipt = { outcome: "ok"; events: { name: string }[] } | { outcome: "rejected"; code: string; reason: string };

export function runTest(modules: readonly CheckedModule[], organism: OrganismDef, api: EmittedApi, test: TestDef): TestOutcome {
  const network = modules.find((m) => m.key === organism.ref.module)?.network ?? "universe";
  const evaluator = new OrganismEvaluator(modules, organism.ref.name, { self: TEST_SELF, stableIds: stableIdsIn(network) });
  let state: State = api.initialState();
  let evalState: EvalState = evaluator.initialState();
  const base = { name: test.name, organism: organism.ref.name, span: test.span, steps: test.steps.length };
  const rootCheck = (step: number, span: Span, what: string): StepFailure | undefined => {
    const emitted = toHex(api.stateRoot(state));
    const reference = evaluator.stateRoot(evalState).root;
    if (emitted === reference) return undefined;
    return { step, span, expected: `state root ${reference} (reference evaluator) ${what}`, actual: `state root ${emitted} (emitted code)`, disagreement: true };
  };
  const initial = rootCheck(0, test.span, "initially");
  if (initial) return { ...base, failure: initial };

  let index = 1n;
  for (const [i, step] of test.steps.entries()) {
    const n = i + 1;
    let failure: StepFailure | undefined;
    if (step.kind === "Expect") {
      const v = evaluator.evaluate(evalState, step.cond);
      if (v.kind !== "Bool" || !v.value) failure = { step: n, span: step.span, expected: "true", actual: falseBecause(evaluator, evalState, step.cond), disagreement: false };
    } else {
      const handler = organism.handlers.find((h) => h.name === step.handler);
      if (!handler) throw new Error(`internal error: test step names no handler ${step.handler}`);
      const args = step.args.map((a) => evaluator.evaluate(evalState, a));
      const json = Object.fromEntries(handler.params.map((p, k) => [p.name, valueToJson(args[k], p.type, evaluator.index)]));
      const ctx = { sender: senderHex(step.sender), index };
      const r = api.apply(state, api.decodeCommand({ handler: step.handler, args: json }), { ...ctx, self: TEST_SELF });
      const e = evaluator.apply(evalState, { handler: step.handler, args }, ctx);
      index += 1n;
      state = r.state;
      evalState = e.state;
      const receipt = api.receiptToJson(r.receipt) as unknown as Receipt;
      failure = disagreement(n, step, receipt, e.receipt) ?? rootCheck(n, step.span, "after this step") ?? unmet(n, step, receipt);
    }
    if (failure) return { ...base, failure };
  }
  return base;
}

const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">="]);

/** "false", and for a comparison the values of both sides, so a failed `expect` says what the state held. */
function falseBecause(evaluator: OrganismEvaluator, state: EvalState, cond: Expr): string {
  if (cond.kind !== "Binary" || !COMPARISONS.has(cond.op)) return "false";
  const show = (e: Expr) => {
    const v = evaluator.evaluate(state, e);
    return v.kind === "Int" ? v.value.toString() : JSON.stringify(valueToJson(v, e.type, evaluator.index));
  };
  return `false: the left side is ${show(cond.left)}, the right side ${show(cond.right)}`;
}

function disagreement(n: number, step: TestStepDef, emitted: Receipt, reference: EvalReceipt): StepFailure | undefined {
  const show = (r: Receipt | EvalReceipt) => (r.outcome === "ok" ? `ok emits ${r.events.map((x) => x.name).join(", ") || "nothing"}` : `rejected with code ${r.code}`);
  const same =
    emitted.outcome === reference.outcome &&
    (emitted.outcome === "ok"
      ? reference.outcome === "ok" && emitted.events.map((x) => x.name).join() === reference.events.map((x) => x.name).join()
      : reference.outcome === "rejected" && emitted.code === reference.code);
  if (same) return undefined;
  return { step: n, span: step.span, expected: `${show(reference)} (reference evaluator)`, actual: `${show(emitted)} (emitted code)`, disagreement: true };
}

/** The step's own expectation, checked against the emitted receipt. */
function unmet(n: number, step: Extract<TestStepDef, { kind: "Command" }>, receipt: Receipt): StepFailure | undefined {
  const x = step.expect;
  const actual = receipt.outcome === "ok" ? `ok, emitted ${receipt.events.map((e) => e.name).join(", ") || "no events"}` : `rejected (${receipt.code}): "${receipt.reason}"`;
  const fail = (expected: string): StepFailure => ({ step: n, span: step.span, expected, actual, disagreement: false });
  if (x.kind === "Ok") {
    if (receipt.outcome !== "ok") return fail(x.emits.length > 0 ? `ok, emitting ${x.emits.join(", ")}` : "ok");
    const names = receipt.events.map((e) => e.name);
    const missing = x.emits.filter((e) => !names.includes(e));
    return missing.length > 0 ? fail(`ok, emitting ${x.emits.join(", ")} (missing: ${missing.join(", ")})`) : undefined;
  }
  const expected = x.reason === undefined ? "rejected" : `rejected: "${x.reason}"`;
  if (receipt.outcome !== "rejected") return fail(expected);
  return x.reason !== undefined && receipt.reason !== x.reason ? fail(expected) : undefined;
}

