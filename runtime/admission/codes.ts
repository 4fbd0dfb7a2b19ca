// The stable admission codes (A1xxx), one table, never reused. docs/admission.md explains
// each; a refusal carries its code plus a reason that names the values involved.

export const ADMISSION_CODES = {
  // A JWT ticket, in mosaik's validation order (mosaik.md §4.3).
  A1000: "malformed token",
  A1001: "bad signature",
  A1002: "unknown key",
  A1003: "wrong issuer",
  A1004: "wrong audience",
  A1005: "wrong subject",
  A1006: "missing claim",
  A1007: "wrong claim value",
  A1008: "expired",
  A1009: "too old",
  A1010: "missing iat",
  A1011: "lifetime too long",
  A1012: "non-expiring token not allowed",
  A1013: "not yet valid",
  A1014: "algorithm not allowed",
  A1015: "malformed time claim",
  // The Smalt parts of a validator.
  A1020: "require predicate failed",
  A1021: "expiry cap cannot be computed",
  A1030: "no ticket of the validator's class",
  // Bonds and per-command admission.
  A1040: "no bond",
  A1041: "bond expired",
  A1042: "bond closed",
  A1050: "unknown surface",
  A1051: "malformed peer id",
  // Setting up admission from a checked program (thrown as AdmissionSetupError).
  A1060: "no TDX check configured",
  A1061: "unknown organism",
  A1063: "unusable key",
  // `smalt run`'s TDX configuration and committee admission.
  A1064: "unusable TDX run configuration",
  A1070: "committee below quorum",
} as const;

export type AdmissionCode = keyof typeof ADMISSION_CODES;

/** A refusal before it is attributed to a validator. Codes are A1xxx here; a TDX check may add its own. */
export interface Refusal {
  readonly code: string;
  readonly reason: string;
}

export function refusal(code: AdmissionCode, reason: string): Refusal {
  return { code, reason };
}

/** A policy the admission layer cannot be built from; `code` is stable, `message` says what to fix. */
export class AdmissionSetupError extends Error {
  constructor(
    readonly code: AdmissionCode,
    message: string,
  ) {
    super(`${code} ${message}`);
    this.name = "AdmissionSetupError";
  }
}
