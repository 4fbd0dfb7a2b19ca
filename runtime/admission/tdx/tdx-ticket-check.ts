// A `tdx { … }` clause as a ticket check of the admission runtime: ticket bytes in (the wire
// form of ticket-bytes.ts), a clause verdict out. The check/verdict shapes are those of
// `TicketCheck` / `ClauseVerdict` in runtime/admission/ticket.ts (admission-jwt branch),
// restated here structurally so this module does not depend on that branch.
import type { ProgramIndex } from "../../../compiler/eval/program-index.js";
import type { ValidatorDef } from "../../../compiler/ir/declarations.js";
import { tdxSpecOfValidator } from "../../../compiler/diff/tdx-model.js";
import type { Expiration } from "../decision.js";
import { checkTdxTicket } from "./check-tdx-ticket.js";
import { isRefusal } from "./codes.js";
import type { TdxClausePolicy } from "./policy.js";
import { decodeTdxTicket } from "./ticket-bytes.js";
import type { TdxTrust } from "./trust-anchor.js";

export interface TdxTicketContext {
  /** The presenting peer's id, 64 hex digits. */
  readonly peer: string;
  /** The organism's network id, 64 hex digits. */
  readonly networkId: string;
  readonly now: bigint;
}

export type TdxClauseVerdict =
  | { readonly admitted: true; readonly expires: Expiration; readonly facts: { readonly claims: ReadonlyMap<string, string | bigint | boolean> }; readonly warnings: readonly string[] }
  | { readonly admitted: false; readonly code: string; readonly reason: string };

/** What the runtime configuration supplies for every tdx clause of one organism. */
export interface TdxRuntimeConfig {
  readonly contentHash: Uint8Array | string;
  readonly collateral: Uint8Array | string;
  readonly collateralPin?: string;
  readonly trust: TdxTrust;
}

export class TdxTicketCheck {
  readonly ticketClass = "tdx" as const;

  constructor(
    private readonly clause: TdxClausePolicy,
    private readonly config: TdxRuntimeConfig,
  ) {}

  async check(data: Uint8Array, cx: TdxTicketContext): Promise<TdxClauseVerdict> {
    const ticket = decodeTdxTicket(data);
    if (isRefusal(ticket)) return { admitted: false, code: ticket.code, reason: ticket.reason };
    const d = checkTdxTicket(this.clause, ticket, { ...this.config, now: cx.now, peerKey: cx.peer, networkId: cx.networkId });
    if (!d.admitted) return { admitted: false, code: d.code, reason: d.reason };
    return { admitted: true, expires: d.expires, facts: { claims: new Map<string, string | bigint | boolean>() }, warnings: d.warnings };
  }
}

/** The `AdmissionOptions.tdx` factory: one check per tdx validator, read from the checked program. */
export function tdxCheckFactory(index: ProgramIndex, config: TdxRuntimeConfig): (def: ValidatorDef) => TdxTicketCheck {
  return (def) => new TdxTicketCheck({ ...tdxSpecOfValidator(def, index), name: def.ref.name }, config);
}
