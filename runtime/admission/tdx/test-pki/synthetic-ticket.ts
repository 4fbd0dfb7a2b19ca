// A TDX ticket from the test PKI whose report_data binds the given extra data and content
// hash exactly as checkTdxTicket expects (binding.ts), or, for replay tests, another's.
import type { MeasurementRegister } from "../../../../compiler/fingerprint/validator-signatures.js";
import { bindingReportData, type TdxExtraData } from "../binding.js";
import type { TdxTicket } from "../ticket-input.js";
import type { TestPki } from "./test-pki.js";

export interface SyntheticTicketSpec {
  readonly registers: Partial<Record<MeasurementRegister, Uint8Array>>;
  readonly extra: TdxExtraData;
  /** The content hash the quote binds (32 bytes). */
  readonly contentHash: Uint8Array;
}

export function syntheticTicket(pki: TestPki, spec: SyntheticTicketSpec): TdxTicket {
  const quote = pki.quote({ ...spec.registers, reportData: bindingReportData(spec.extra, spec.contentHash) });
  return { quote, extra: spec.extra };
}
