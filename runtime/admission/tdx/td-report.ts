// The parts of a verified TD report that admission reads: MR_TD, RTMR0–3 (48 bytes each)
// and REPORTDATA (64 bytes). TD 1.0 and TD 1.5 reports share these fields.
import type { VerifiedReport } from "@phala/dcap-qvl";
import type { MeasurementRegister } from "../../../compiler/fingerprint/validator-signatures.js";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";

export type TdRegisters = Readonly<Record<MeasurementRegister, Uint8Array>>;

export interface TdReport {
  readonly registers: TdRegisters;
  readonly reportData: Uint8Array;
}

export function tdReportOf(verified: VerifiedReport): TdReport | TdxRefusal {
  const td = verified.report.asTd10();
  if (!td) return refusal(TDX_CODES.malformed, `quote carries a ${verified.report.type} report, not a TD report`);
  return {
    registers: { mrtd: td.mrTd, rtmr0: td.rtMr0, rtmr1: td.rtMr1, rtmr2: td.rtMr2, rtmr3: td.rtMr3 },
    reportData: td.reportData,
  };
}
