// TDX ticket admission: checkTdxTicket and the pieces a caller or a test needs.
export { checkTdxTicket, TEST_ROOT_WARNING, type TdxDecision } from "./check-tdx-ticket.js";
export { bindingReportData, extraDataSignature, type TdxExtraData } from "./binding.js";
export { collateralDigest } from "./collateral-pin.js";
export { TDX_CODES, type TdxCode } from "./codes.js";
export { DEFAULT_ACCEPTED_STATUSES, type TdxClausePolicy } from "./policy.js";
export type { TdxCheckContext, TdxTicket } from "./ticket-input.js";
export type { TdxTrust } from "./trust-anchor.js";
export { decodeTdxTicket, encodeTdxTicket } from "./ticket-bytes.js";
export { tdxCheckFactory, TdxTicketCheck, type TdxClauseVerdict, type TdxRuntimeConfig } from "./tdx-ticket-check.js";
