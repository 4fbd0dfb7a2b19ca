// A TDX ticket against a tdx clause, as one pure function of (clause, ticket, context):
// input shape, pinned collateral, trust anchor, quote verification (dcap-qvl), TCB status,
// then mosaik's checks (binding, measurements, peer, network, times) and Smalt's content
// hash binding. Every refusal has a stable T2xxx code (codes.ts, docs/admission-tdx.md).
import type { VerifiedReport } from "@phala/dcap-qvl";
import type { Decision } from "../decision.js";
import { checkBinding } from "./binding.js";
import { isRefusal, refusal, refusedDecision, TDX_CODES, type TdxRefusal } from "./codes.js";
import { pinnedCollateral } from "./collateral-pin.js";
import { checkMeasurements } from "./measurements.js";
import { acceptedStatuses, validatorName, type TdxClausePolicy } from "./policy.js";
import { tdReportOf } from "./td-report.js";
import { checkInput, type TdxCheckContext, type TdxTicket } from "./ticket-input.js";
import { checkTimes } from "./ticket-times.js";
import { quoteCertChain } from "./quote-chain.js";
import { trustAnchorFor } from "./trust-anchor.js";
import { verifyQuote } from "./verify-quote.js";

export const TEST_ROOT_WARNING = "TEST ROOT: this quote was verified against a test root CA, not Intel's; it proves nothing about real hardware";

/** A Decision plus what verification learnt; assignable to Decision. */
export type TdxDecision = Decision & {
  readonly warnings: readonly string[];
  readonly tcbStatus?: string;
  readonly advisoryIds?: readonly string[];
  /** Admitted only: the verified TD report's MR_TD (48 bytes). */
  readonly mrtd?: Uint8Array;
};

export function checkTdxTicket(clause: TdxClausePolicy, ticket: TdxTicket, ctx: TdxCheckContext): TdxDecision {
  let name = validatorName(clause);
  const warnings: string[] = [];
  const refuse = (r: TdxRefusal, verified?: VerifiedReport): TdxDecision => ({
    ...refusedDecision(name, r),
    warnings,
    ...(verified ? { tcbStatus: verified.status, advisoryIds: verified.advisory_ids } : {}),
  });

  const input = checkInput(ticket, ctx);
  if (isRefusal(input)) return refuse(input);
  const collateral = pinnedCollateral(ctx.collateral, clause.collateral, ctx.collateralPin);
  if (isRefusal(collateral)) return refuse(collateral);
  const chain = quoteCertChain(ticket.quote);
  if (isRefusal(chain)) return refuse(chain);
  const anchor = trustAnchorFor(chain, ctx.trust ?? {});
  if (isRefusal(anchor)) return refuse(anchor);
  if (anchor.kind === "test") {
    name = `${name} [TEST ROOT]`;
    warnings.push(TEST_ROOT_WARNING);
  }
  const verified = verifyQuote(ticket.quote, collateral, ctx.now, anchor);
  if (isRefusal(verified)) return refuse(verified);
  const accepted = acceptedStatuses(clause);
  if (!accepted.includes(verified.status)) {
    return refuse(refusal(TDX_CODES.tcbStatus, `TCB status ${verified.status} is not accepted (accepted: ${accepted.join(", ")})`), verified);
  }
  const report = tdReportOf(verified);
  if (isRefusal(report)) return refuse(report, verified);

  const failed =
    checkBinding(report.reportData, input.extra, { peerKey: input.peerKey, networkId: input.networkId, contentHash: input.contentHash }) ??
    checkMeasurements(clause, report.registers) ??
    checkTimes(clause, input.extra, ctx.now);
  if (failed) return refuse(failed, verified);
  return { admitted: true, validator: name, expires: input.extra.expiration, warnings, tcbStatus: verified.status, advisoryIds: verified.advisory_ids, mrtd: report.registers.mrtd };
}
