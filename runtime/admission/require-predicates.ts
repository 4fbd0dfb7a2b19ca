// A validator's `require` predicates over a verified ticket's facts, evaluated by the same
// fail-closed evaluator `smalt diff` uses (compiler/diff/admission-eval.ts): a predicate
// that reads a missing claim, or compares a claim of another JSON type, refuses.
import { holds, type AdmissionContext } from "../../compiler/diff/admission-eval.js";
import type { FValue, Ticket } from "../../compiler/diff/ticket-model.js";
import type { ProgramIndex } from "../../compiler/eval/program-index.js";
import type { ValidatorRequire } from "../../compiler/ir/declarations.js";
import { type Refusal, refusal } from "./codes.js";
import type { TicketContext, TicketFacts } from "./ticket.js";

/** The feature record the evaluator reads (`peer`, `iss`, `sub`, `claims.<name>`). */
function features(facts: TicketFacts, peer: string): Ticket {
  const out: Record<string, FValue> = { peer, iss: facts.issuer ?? null, sub: facts.subject ?? null };
  for (const [name, value] of facts.claims) out[`claims.${name}`] = value;
  return out;
}

/** The first predicate that does not hold, or undefined when all do. */
export function failedRequire(requires: readonly ValidatorRequire[], index: ProgramIndex, facts: TicketFacts, cx: TicketContext): Refusal | undefined {
  if (requires.length === 0) return undefined;
  const ticket = features(facts, cx.peer);
  const admission: AdmissionContext = { index, now: () => cx.now, nowFeatures: [] };
  for (const [i, r] of requires.entries()) {
    if (!holds(r.cond, ticket, admission)) {
      return refusal("A1020", r.reason === undefined ? `require #${i + 1} does not hold` : `require #${i + 1} does not hold: ${r.reason}`);
    }
  }
  return undefined;
}
