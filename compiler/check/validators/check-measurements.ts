// Checks of TDX measurement sets: the registers of a tdx clause and of an organism's
// `measurements`, baseline and variants alike (E4001, E4002, E4006, E4007). A set that
// passes maps onto mosaik's MeasurementsCriteria with nothing left to interpret.
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { error } from "../../diagnostics/make.js";
import { MEASUREMENT_LENGTH, MEASUREMENT_REGISTERS } from "../../fingerprint/validator-signatures.js";
import type { MeasurementEntry, MeasurementSet } from "../../syntax/ast.js";
import { didYouMean } from "../suggest.js";
import { bytesNoun, literalBytes, withSuggestion } from "./ast-readers.js";

/** Registers of the web book's vocabulary that mosaik's validators never compare. */
const UNCHECKED_REGISTERS = new Set(["mrconfigid", "mr_config_id", "mrowner", "mr_owner", "mrownerconfig", "mr_owner_config", "mrseam", "mr_seam"]);

export function checkMeasurementSet(set: MeasurementSet): Diagnostic[] {
  const diagnostics = checkMeasurementEntries(set.entries, "set");
  for (const variant of set.variants) diagnostics.push(...checkMeasurementEntries(variant.entries, "variant"));
  return diagnostics;
}

/** The entries of one baseline set or one variant: each register at most once, each pinned to 48 bytes. */
export function checkMeasurementEntries(entries: readonly MeasurementEntry[], where: "set" | "variant"): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, MeasurementEntry>();
  for (const entry of entries) {
    const register = entry.register.name;
    if (!(MEASUREMENT_REGISTERS as readonly string[]).includes(register)) {
      diagnostics.push(unknownRegister(entry));
      continue;
    }
    const first = seen.get(register);
    if (first) {
      diagnostics.push(
        error("E4006", `register \`${register}\` is given twice in this ${where}`, entry.register.span, {
          label: "second value",
          secondary: [{ span: first.register.span, message: "first value here" }],
          help: `a register has one required value per ${where}; to admit alternatives, put each in its own \`variant { ${register} = 0x… }\``,
        }),
      );
    } else {
      seen.set(register, entry);
    }
    diagnostics.push(...checkValue(entry));
  }
  return diagnostics;
}

function unknownRegister(entry: MeasurementEntry): Diagnostic {
  const name = entry.register.name;
  const registers = "the registers are mrtd, rtmr0, rtmr1, rtmr2 and rtmr3";
  const help = UNCHECKED_REGISTERS.has(name.toLowerCase())
    ? `mosaik's TDX validator pins only MR_TD and RTMR0–3 (${registers}); MR_CONFIG_ID, MR_OWNER, MR_OWNER_CONFIG and MR_SEAM are never compared`
    : withSuggestion(didYouMean(name, MEASUREMENT_REGISTERS), registers);
  return error("E4007", `unknown measurement register \`${name}\``, entry.register.span, { label: "not a TDX register", help });
}

function checkValue(entry: MeasurementEntry): Diagnostic[] {
  const register = entry.register.name;
  if (!entry.value) {
    return [
      error("E4002", `\`${register} = own\` leaves the measurement unpinned`, entry.span, {
        label: "read from each host's own hardware",
        help: `paste the register's value as 96 hex digits (\`${register} = 0x…\`): with \`own\` every host admits peers that look like itself, and the policy's fingerprint cannot say which image it trusts`,
      }),
    ];
  }
  const bytes = literalBytes(entry.value);
  if (!bytes || bytes.length === MEASUREMENT_LENGTH) return [];
  return [
    error("E4001", `\`${register}\` has ${bytesNoun(bytes.length)}; a TDX measurement register is exactly 48 bytes`, entry.value.span, {
      label: `${bytesNoun(bytes.length)} (${bytes.length * 2} hex digits)`,
      help: `write the full register value: 96 hex digits after \`0x\`, as the image builder or a quote reports it`,
    }),
  ];
}
