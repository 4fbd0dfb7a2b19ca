// The admission layer `smalt run` builds for an organism. JWT checks come from the policy
// alone. TDX checks need collateral and a trust decision: with --tdx-collateral (or
// --tdx-test-pki) they verify tickets for real; without, a surface that requires a TDX
// validator refuses every ticket with A1060 (the rest of the organism runs).
import type { ProgramIndex } from "../compiler/eval/program-index.js";
import type { AdmissionOptions } from "../runtime/admission/organism-admission.js";
import { tdxCheckFactory, type TdxRuntimeConfig } from "../runtime/admission/tdx/tdx-ticket-check.js";
import type { TicketCheck } from "../runtime/admission/ticket.js";

const NO_TDX: TicketCheck = {
  ticketClass: "tdx",
  check: async () => ({ admitted: false, code: "A1060", reason: "this run has no TDX collateral or trust configured (--tdx-collateral), so no TDX ticket can be verified" }),
};

export function admissionOptions(tdx?: { readonly index: ProgramIndex; readonly config: TdxRuntimeConfig }): AdmissionOptions {
  return { tdx: tdx ? tdxCheckFactory(tdx.index, tdx.config) : () => NO_TDX };
}
