// A validator's `require` predicates and `expires within` cap over a verified ticket's
// facts, evaluated by the same fail-closed evaluator `smalt diff` uses
// (compiler/diff/admission-eval.ts): a predicate that reads a missing claim, or compares a
// claim of another JSON type, refuses. The cap may read `now`, so it is computed per ticket.
import { type AdmissionContext, holds, intOn } from "../../compiler/diff/admission-eval.js";
import type { FValue, Ticket } from "../../compiler/diff/ticket-model.js";
import type { ProgramIndex } from "../../compiler/eval/program-index.js";
import type { Expr } from "../../compiler/ir/expressions.js";
import type { ValidatorRequire } from "../../compiler/ir/declarations.js";
import { type Refusal, refusal } from "./codes.js";
import type { TicketContext, TicketFacts } from "./ticket.js";

export interface ExpressionInput {
  readonly ticket: Ticket;
  readonly admission: AdmissionContext;
}

/** The feature record the evaluator reads (`peer`, `iss`, `sub`, `claims.<name>`), at the caller's `now`. */
export function expressionInput(facts: TicketFacts, cx: TicketContext, index: ProgramIndex): ExpressionInput {
  const ticket: Record<string, FValue> = { peer: cx.peer, iss: facts.issuer ?? null, sub: facts.subject ?? null };
  for (const [name, value] of facts.claims) ticket[`claims.${name}`] = value;
  return { ticket, admission: { index, now: () => cx.now, nowFeatures: [] } };
}

/** The first predicate that does not hold, or undefined when all do. */
export function failedRequire(requires: readonly ValidatorRequire[], input: ExpressionInput): Refusal | undefined {
  for (const [i, r] of requires.entries()) {
    if (!holds(r.cond, input.ticket, input.admission)) {
      return refusal("A1020", r.reason === undefined ? `require #${i + 1} does not hold` : `require #${i + 1} does not hold: ${r.reason}`);
    }
  }
  return undefined;
}

/** `expires within`'s seconds, or a refusal when it cannot be computed or is negative. */
export function expiryCap(cap: Expr, input: ExpressionInput): bigint | Refusal {
  const secs = intOn(cap, input.ticket, input.admission);
  if (secs === undefined) return refusal("A1021", "`expires within` cannot be computed for this ticket");
  if (secs < 0n) return refusal("A1021", `\`expires within\` is ${secs}s, a negative duration`);
  return secs;
}
