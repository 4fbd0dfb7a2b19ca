// Checks of a `tdx { … }` clause: its baseline registers and variants (shared with organism
// `measurements`), the limits mosaik's Tdx validator folds (max_age, not_before,
// max_lifetime), and Smalt's quote-verification policy (collateral digest, accepted TCB
// statuses), each given at most once.
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { error } from "../../diagnostics/make.js";
import { type BytesLit, type MeasurementEntry, type MeasurementVariant, type TdxClause, unreachable } from "../../syntax/ast.js";
import type { Span } from "../../source.js";
import { didYouMean } from "../suggest.js";
import { bytesNoun, keywordSpan, literalBytes, withSuggestion } from "./ast-readers.js";
import { checkMeasurementSet } from "./check-measurements.js";
import { checkDurationSetting, checkTimestampSetting, SettingOccurrences } from "./validator-settings.js";

/** Intel's TCB statuses, as quote verification (DCAP) reports them. */
export const TCB_STATUSES = [
  "UpToDate",
  "SWHardeningNeeded",
  "ConfigurationNeeded",
  "ConfigurationAndSWHardeningNeeded",
  "OutOfDate",
  "OutOfDateConfigurationNeeded",
  "Revoked",
] as const;

const COLLATERAL_LENGTH = 32;

export function checkTdxClause(clause: TdxClause): Diagnostic[] {
  const entries: MeasurementEntry[] = [];
  const variants: MeasurementVariant[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new SettingOccurrences("tdx");
  for (const item of clause.items) {
    switch (item.kind) {
      case "MeasurementEntry":
        entries.push(item);
        break;
      case "MeasurementVariant":
        variants.push(item);
        break;
      case "TdxMaxAge":
        diagnostics.push(...checkDurationSetting("max_age", item.value, "tdx"));
        diagnostics.push(...seen.repeat("max_age", "`max_age`", keywordSpan(item.span, "max_age"), "keep one `max_age`"));
        break;
      case "TdxMaxLifetime":
        diagnostics.push(...checkDurationSetting("max_lifetime", item.value, "tdx"));
        diagnostics.push(...seen.repeat("max_lifetime", "`max_lifetime`", keywordSpan(item.span, "max_lifetime"), "keep one `max_lifetime`"));
        break;
      case "TdxNotBefore":
        diagnostics.push(...checkTimestampSetting("not_before", item.value));
        diagnostics.push(...seen.repeat("not_before", "`not_before`", keywordSpan(item.span, "not_before"), "keep one `not_before`: the latest patch date you require"));
        break;
      case "TdxCollateral":
        diagnostics.push(...checkCollateral(item.value));
        diagnostics.push(...seen.repeat("collateral", "`collateral`", keywordSpan(item.span, "collateral"), "pin one collateral digest"));
        break;
      case "TdxAcceptStatus":
        diagnostics.push(...seen.repeat("accept", "`accept`", keywordSpan(item.span, "accept"), "list every accepted status in one `accept`"));
        for (const status of item.statuses) {
          diagnostics.push(...checkStatus(status.name, status.span));
          diagnostics.push(...seen.repeat(`status:${status.name}`, `TCB status \`${status.name}\``, status.span, "list each status once"));
        }
        break;
      default:
        return unreachable(item);
    }
  }
  const set = { kind: "MeasurementSet" as const, entries, variants, span: clause.span };
  return [...checkMeasurementSet(set), ...diagnostics];
}

function checkCollateral(value: BytesLit): Diagnostic[] {
  const bytes = literalBytes(value);
  if (!bytes || bytes.length === COLLATERAL_LENGTH) return [];
  return [
    error("E4010", `\`collateral\` has ${bytesNoun(bytes.length)}; a collateral digest is 32 bytes`, value.span, {
      label: `${bytesNoun(bytes.length)} (${bytes.length * 2} hex digits)`,
      help: "write the 32-byte BLAKE3 digest of the pinned quote collateral (64 hex digits), so quotes verify with no network access",
    }),
  ];
}

function checkStatus(name: string, span: Span): Diagnostic[] {
  if ((TCB_STATUSES as readonly string[]).includes(name)) return [];
  return [
    error("E4010", `unknown TCB status \`${name}\``, span, {
      label: "not a TCB status",
      help: withSuggestion(didYouMean(name, TCB_STATUSES), `the statuses quote verification reports are ${TCB_STATUSES.join(", ")}`),
    }),
  ];
}
