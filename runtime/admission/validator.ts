// One Smalt validator at run time: its clause (a TicketCheck), its `require` predicates and
// its `expires within` cap. mosaik composition within one validator (mosaik.md §4.2): every
// presented ticket of the clause's class is tried, and the longest-lived admission wins.
import type { ProgramIndex } from "../../compiler/eval/program-index.js";
import type { ValidatorRequire } from "../../compiler/ir/declarations.js";
import type { Expr } from "../../compiler/ir/expressions.js";
import { type Refusal, refusal } from "./codes.js";
import { type Decision, earlierExpiration, type Expiration, laterExpiration } from "./decision.js";
import { expiryCap, expressionInput, failedRequire } from "./validator-expressions.js";
import type { PresentedTicket, TicketCheck, TicketContext } from "./ticket.js";

export interface ValidatorParts {
  readonly name: string;
  readonly clause: TicketCheck;
  readonly requires: readonly ValidatorRequire[];
  /** `expires within` (a duration, may read `now`): the Expiration is at most `now + cap`. */
  readonly cap?: Expr;
  /** Constants and functions the predicates may call. */
  readonly index: ProgramIndex;
}

export class ValidatorRuntime {
  constructor(private readonly parts: ValidatorParts) {}

  get name(): string {
    return this.parts.name;
  }

  async decide(tickets: readonly PresentedTicket[], cx: TicketContext): Promise<Decision> {
    const { clause, name } = this.parts;
    const mine = tickets.filter((t) => t.class === clause.ticketClass);
    if (mine.length === 0) {
      return { admitted: false, validator: name, ...refusal("A1030", `no ${clause.ticketClass} ticket was presented`) };
    }
    let best: Expiration | undefined;
    const refusals: Refusal[] = [];
    for (const t of mine) {
      const outcome = await this.decideOne(t, cx);
      if ("code" in outcome) refusals.push(outcome);
      else best = best === undefined ? outcome.expires : laterExpiration(best, outcome.expires);
    }
    if (best !== undefined) return { admitted: true, validator: name, expires: best };
    const first = refusals[0];
    const others = mine.length - 1;
    const reason = others === 0 ? first.reason : `${first.reason} (and ${others} more ${clause.ticketClass} ticket${others === 1 ? "" : "s"} refused)`;
    return { admitted: false, validator: name, code: first.code, reason };
  }

  private async decideOne(ticket: PresentedTicket, cx: TicketContext): Promise<Refusal | { readonly expires: Expiration }> {
    const verdict = await this.parts.clause.check(ticket.data, cx);
    if (!verdict.admitted) return { code: verdict.code, reason: verdict.reason };
    const input = expressionInput(verdict.facts, cx, this.parts.index);
    const failed = failedRequire(this.parts.requires, input);
    if (failed) return failed;
    if (this.parts.cap === undefined) return { expires: verdict.expires };
    const cap = expiryCap(this.parts.cap, input);
    if (typeof cap !== "bigint") return cap;
    return { expires: earlierExpiration(verdict.expires, { kind: "at", unix: cx.now + cap }) };
  }
}
