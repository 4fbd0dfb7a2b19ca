// The command steps of a policy's `test` blocks as JSON commands for an emitted module:
// senders become peer ids and argument expressions, evaluated by the reference evaluator,
// the module's JSON form. `expect` steps are run by compiler/scenario/run-test.ts.
import { evalExpr } from "../../../compiler/eval/eval-expr.js";
import { Frame, Meter } from "../../../compiler/eval/frame.js";
import { ProgramIndex } from "../../../compiler/eval/program-index.js";
import type { CheckedModule, OrganismDef, TestDef } from "../../../compiler/ir/declarations.js";
import type { Expr } from "../../../compiler/ir/expressions.js";
import type { Json } from "../../../compiler/emit/emitted-api.js";
import { senderHex, TEST_SELF as SELF } from "../../../compiler/scenario/test-peers.js";
import { valueToJson } from "../../../compiler/scenario/json-values.js";

/** A test's argument expression, evaluated by the reference evaluator, in the JSON form. */
export function argToJson(e: Expr, organism: OrganismDef, index: ProgramIndex): Json {
  const frame = new Frame(index, new Meter(undefined), organism, new Map(), { sender: SELF, self: SELF, index: 0n });
  return valueToJson(evalExpr(frame, e), e.type, index);
}

export interface ScenarioCommand {
  readonly sender: string;
  readonly command: { readonly handler: string; readonly args: Record<string, unknown> };
  readonly expect: { readonly kind: "Ok"; readonly emits: readonly string[] } | { readonly kind: "Rejects"; readonly reason?: string };
}

/** The command steps of a test block, in order. */
export function scenarioCommands(test: TestDef, organism: OrganismDef, modules: readonly CheckedModule[]): ScenarioCommand[] {
  const index = new ProgramIndex(modules);
  return test.steps.flatMap((s) => {
    if (s.kind !== "Command") return [];
    const names = organism.handlers.find((h) => h.name === s.handler)?.params.map((p) => p.name) ?? [];
    const args = Object.fromEntries(s.args.map((a, i) => [names[i], argToJson(a, organism, index)]));
    return [{ sender: senderHex(s.sender), command: { handler: s.handler, args }, expect: s.expect }];
  });
}
