// A TD report's registers against a tdx clause: every register the baseline pins must be
// equal (MR_TD → T2004, an RTMR → T2005), and when variants exist at least one variant must
// match in full (T2006). A register a set leaves out means "any" (mosaik.md §4.4).
import { bytesEqual, toHex } from "../../../compiler/fingerprint/bytes.js";
import { MEASUREMENT_REGISTERS, type MeasurementsCriteriaConfig, type TdxValidatorConfig } from "../../../compiler/fingerprint/validator-signatures.js";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";
import type { TdRegisters } from "./td-report.js";

/** The registers pinned by `criteria` whose value differs in `registers`. */
export function mismatchedRegisters(criteria: MeasurementsCriteriaConfig, registers: TdRegisters): string[] {
  return MEASUREMENT_REGISTERS.filter((r) => {
    const want = criteria[r];
    return want !== undefined && !bytesEqual(want, registers[r]);
  });
}

export function checkMeasurements(config: Pick<TdxValidatorConfig, "baseline" | "variants">, registers: TdRegisters): TdxRefusal | undefined {
  const off = mismatchedRegisters(config.baseline, registers);
  if (off.includes("mrtd")) {
    return refusal(TDX_CODES.mrtdMismatch, `MR_TD ${toHex(registers.mrtd)} is not the baseline ${toHex(config.baseline.mrtd as Uint8Array)}`);
  }
  if (off.length > 0) {
    const r = off[0] as Exclude<(typeof MEASUREMENT_REGISTERS)[number], "mrtd">;
    return refusal(TDX_CODES.rtmrMismatch, `${r.toUpperCase()} ${toHex(registers[r])} is not the baseline ${toHex(config.baseline[r] as Uint8Array)}${off.length > 1 ? ` (also differ: ${off.slice(1).join(", ")})` : ""}`);
  }
  if (config.variants.length > 0 && !config.variants.some((v) => mismatchedRegisters(v, registers).length === 0)) {
    const closest = config.variants.map((v, i) => `variant ${i + 1} differs in ${mismatchedRegisters(v, registers).join(", ")}`);
    return refusal(TDX_CODES.variantNotAllowed, `measurements match no allowed variant: ${closest.join("; ")}`);
  }
  return undefined;
}
