// Checks shared by jwt and tdx clauses: a setting given twice (E4009) and setting values
// that cannot be folded into a mosaik signature as written (E4010). Settings are folded at
// compile time, so they must be literals; values that would fold exactly like a different
// setting (a zero limit like no limit, joined issuers like separate ones) are refused.
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { error } from "../../diagnostics/make.js";
import { durationLiteralSeconds, timestampLiteralUnix } from "../../fingerprint/validator-config.js";
import type { Expr, StringLit } from "../../syntax/ast.js";
import type { Span } from "../../source.js";

const U64_MAX = (1n << 64n) - 1n;

/** Remembers the first occurrence of each setting of one clause; reports the later ones. */
export class SettingOccurrences {
  private readonly first = new Map<string, Span>();
  constructor(private readonly clause: "jwt" | "tdx") {}

  /** E4009 when `key` was seen before in this clause; `shown` is how the setting reads in source. */
  repeat(key: string, shown: string, span: Span, help: string): Diagnostic[] {
    const first = this.first.get(key);
    if (!first) {
      this.first.set(key, span);
      return [];
    }
    return [
      error("E4009", `${shown} is given twice in this ${this.clause} clause`, span, {
        label: "given again here",
        secondary: [{ span: first, message: "first given here" }],
        help,
      }),
    ];
  }
}

/** `max_age` / `max_lifetime`: a positive duration literal that fits mosaik's u64 seconds. */
export function checkDurationSetting(setting: string, value: Expr, clause: "jwt" | "tdx"): Diagnostic[] {
  const seconds = durationLiteralSeconds(value);
  if (seconds === undefined) {
    if (clause === "jwt" && value.kind === "TimestampLit") {
      return [
        error("E4010", "a jwt clause takes durations, not timestamps", value.span, {
          label: "a timestamp",
          help: "jwt clauses have no `not_before` (mosaik checks a token's own `nbf` claim against the clock); write `max_age 1h` or `max_lifetime 1h`",
        }),
      ];
    }
    return [notLiteral(setting, value, "a duration literal such as `1h`", "`30s`, `5m`, `2h` or `1d`")];
  }
  if (seconds === 0n) {
    return [
      error("E4010", `\`${setting}\` of 0 seconds admits nothing`, value.span, {
        label: "zero",
        help: `mosaik folds an absent \`${setting}\` as 0, so \`${setting} 0s\` would also fingerprint like no limit; write a positive duration or leave \`${setting}\` out`,
      }),
    ];
  }
  if (seconds > U64_MAX) {
    return [
      error("E4010", `\`${setting}\` does not fit in mosaik's 64-bit count of seconds`, value.span, {
        label: "too long",
        help: `leave \`${setting}\` out for no limit`,
      }),
    ];
  }
  return [];
}

/** `not_before`: a timestamp literal. */
export function checkTimestampSetting(setting: string, value: Expr): Diagnostic[] {
  if (timestampLiteralUnix(value) !== undefined) return [];
  return [notLiteral(setting, value, "a timestamp literal such as `@2025-06-01T00:00:00Z`", "`@YYYY-MM-DDTHH:MM:SSZ` (UTC)")];
}

function notLiteral(setting: string, value: Expr, needs: string, forms: string): Diagnostic {
  return error("E4010", `\`${setting}\` needs ${needs}`, value.span, {
    label: "not a literal of that kind",
    help: `validator settings are folded into the validator's mosaik signature when the policy is compiled, so they are written as literals: ${forms}`,
  });
}

/**
 * A string folded into the signature: valid UTF-8 (no unpaired surrogate), and for issuers
 * and audiences — which mosaik joins with "," before folding — neither empty nor containing a comma.
 */
export function checkSignatureString(setting: string, lit: StringLit, joined: boolean): Diagnostic[] {
  const lone = /\p{Surrogate}/u.exec(lit.value);
  if (lone) {
    const code = (lone[0].codePointAt(0) ?? 0).toString(16).toUpperCase();
    return [
      error("E4010", `${setting} ${quote(lit)} contains an unpaired surrogate \\u{${code}}`, lit.span, {
        label: "not valid UTF-8",
        help: "mosaik folds strings as UTF-8, which cannot encode a lone surrogate; write the character you meant",
      }),
    ];
  }
  if (!joined) return [];
  if (lit.value === "") {
    return [
      error("E4010", `empty ${setting}`, lit.span, {
        label: "empty",
        help: `mosaik folds the ${setting}s joined with ",", so an empty ${setting} would fingerprint like none at all; remove it`,
      }),
    ];
  }
  if (lit.value.includes(",")) {
    return [
      error("E4010", `${setting} ${quote(lit)} contains a comma`, lit.span, {
        label: "contains `,`",
        help: `mosaik folds the ${setting}s joined with ",", so ${quote(lit)} would fingerprint exactly like separate ${setting}s split at the comma; list each ${setting} on its own line`,
      }),
    ];
  }
  return [];
}

function quote(lit: StringLit): string {
  return JSON.stringify(lit.value);
}
