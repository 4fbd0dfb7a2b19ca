// What a TDX ticket check needs from a `tdx { … }` clause. Its fields are those of
// compiler/diff/tdx-model.ts `TdxSpec` (built by `tdxSpecOfValidator` from the IR), so a
// spec read out of a checked program can be passed as is; tests may build one by hand.
import type { TdxValidatorConfig } from "../../../compiler/fingerprint/validator-signatures.js";

export interface TdxClausePolicy extends TdxValidatorConfig {
  /** The validator's name, reported in every Decision (default "tdx"). */
  readonly name?: string;
  /** `collateral 0x…`: BLAKE3 digest (hex, 64 digits) of the collateral JSON text. */
  readonly collateral?: string;
  /** `accept …`: the TCB statuses admitted; UpToDate only when absent. */
  readonly accept?: readonly string[];
}

/** Strict by default: only a platform Intel reports UpToDate is admitted. */
export const DEFAULT_ACCEPTED_STATUSES: readonly string[] = ["UpToDate"];

export function acceptedStatuses(policy: TdxClausePolicy): readonly string[] {
  return policy.accept ?? DEFAULT_ACCEPTED_STATUSES;
}

export function validatorName(policy: TdxClausePolicy): string {
  return policy.name ?? "tdx";
}
