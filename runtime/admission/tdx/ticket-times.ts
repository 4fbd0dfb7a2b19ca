// The time limits of a tdx clause over the ticket's self-declared times, in mosaik's order
// (mosaik.md §4.4, steps 7–10): max_age, not_before, max_lifetime, not expired.
import type { TdxValidatorConfig } from "../../../compiler/fingerprint/validator-signatures.js";
import { refusal, TDX_CODES, type TdxRefusal } from "./codes.js";
import type { TdxExtraData } from "./binding.js";

export function checkTimes(config: TdxValidatorConfig, extra: TdxExtraData, now: bigint): TdxRefusal | undefined {
  if (config.maxAgeSecs !== undefined && now - extra.quotedAt > config.maxAgeSecs) {
    return refusal(TDX_CODES.tooOld, `quote taken at ${extra.quotedAt} is ${now - extra.quotedAt} s old; max_age is ${config.maxAgeSecs} s`);
  }
  if (config.notBeforeUnix !== undefined && extra.quotedAt < config.notBeforeUnix) {
    return refusal(TDX_CODES.beforeNotBefore, `quote taken at ${extra.quotedAt}, before not_before ${config.notBeforeUnix}`);
  }
  if (config.maxLifetimeSecs !== undefined) {
    if (extra.expiration.kind === "never") return refusal(TDX_CODES.lifetime, `ticket never expires; max_lifetime is ${config.maxLifetimeSecs} s`);
    const lifetime = extra.expiration.unix - extra.quotedAt;
    if (lifetime > config.maxLifetimeSecs) return refusal(TDX_CODES.lifetime, `ticket lifetime ${lifetime} s exceeds max_lifetime ${config.maxLifetimeSecs} s`);
  }
  if (extra.expiration.kind === "at" && extra.expiration.unix <= now) {
    return refusal(TDX_CODES.expired, `ticket expired at ${extra.expiration.unix} (now ${now})`);
  }
  return undefined;
}
