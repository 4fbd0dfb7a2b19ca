// The admission layer `smalt run` builds for an organism: JWT checks come from the policy
// alone; TDX checks need pinned collateral and a decision on which roots to trust, which
// this file supplies (none yet: a policy whose surfaces require a TDX validator is refused
// with A1060 until TDX verification is wired in).
import type { AdmissionOptions } from "../runtime/admission/organism-admission.js";

export function admissionOptions(): AdmissionOptions {
  return {};
}
