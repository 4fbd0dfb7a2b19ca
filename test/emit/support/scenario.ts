// The command steps of a policy's `test` blocks as JSON commands for an emitted module:
// senders become peer ids and argument expressions, evaluated by the reference evaluator,
// the module's JSON form. `expect` steps are left to `smalt test`.
import { evalExpr } from "../../../compiler/eval/eval-expr.js";
import { Frame, Meter } from "../../../compiler/eval/frame.js";
import { ProgramIndex } from "../../../compiler/eval/program-index.js";
import type { CheckedModule, OrganismDef, TestDef, TestSender } from "../../../compiler/ir/declarations.js";
import type { Expr } from "../../../compiler/ir/expressions.js";
import { hashValue, T, toHex } from "../../../stdlib/prelude/index.js";
import type { Json } from "./api.js";
import { SELF } from "./replica.js";
import { valueToJson } from "./values.js";

/** A name written in a test stands for the hash of the name (docs/language.md §9). */
export function namedPeer(name: string): string {
  return toHex(hashValue(T.string, name));
}

export function senderHex(s: TestSender): string {
  return s.kind === "Named" ? namedPeer(s.name) : s.hex;
}

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
