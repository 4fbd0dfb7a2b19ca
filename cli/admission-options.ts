// The admission layer `smalt run` builds for an organism. JWT checks come from the policy
// alone. TDX checks need collateral and a trust decision that `smalt run` does not take
// yet, so a surface that requires a TDX validator refuses every ticket with A1060 (the
// rest of the organism runs); the demo shows TDX admission with the test PKI.
import type { AdmissionOptions } from "../runtime/admission/organism-admission.js";
import type { TicketCheck } from "../runtime/admission/ticket.js";

const NO_TDX: TicketCheck = {
  ticketClass: "tdx",
  check: async () => ({ admitted: false, code: "A1060", reason: "this run has no TDX collateral or trust configured, so no TDX ticket can be verified" }),
};

export function admissionOptions(): AdmissionOptions {
  return { tdx: () => NO_TDX };
}
