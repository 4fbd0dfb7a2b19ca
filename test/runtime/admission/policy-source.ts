// Smalt policies for the admission tests, written as source and compiled by the real
// checker: an organism whose streams and collections require the validators given.
import type { CheckedProgram } from "../../../compiler/check/check-program.js";
import { ok } from "../../check/support.js";

export interface PolicyParts {
  /** `validator …` declarations, as Smalt source. */
  readonly validators: string;
  /** Surface lines inside the organism, e.g. `stream bids requires Members`. */
  readonly surfaces: string;
  /** Extra top-level declarations (consts, fns). */
  readonly extra?: string;
}

export function policySource(p: PolicyParts): string {
  const streams = [...p.surfaces.matchAll(/stream (\w+)/g)].map((m) => m[1]);
  const handlers = streams.map((s) => `  on post_${s}(n: u64) via ${s} {\n    count += n\n  }`).join("\n");
  return `network "universe"

${p.extra ?? ""}
${p.validators}

organism Board {
  instance "admission.tests.board"
  committee 1 of 1
  state {
    count: u64 = 0
  }
${p.surfaces
  .split("\n")
  .map((l) => `  ${l.trim()}`)
  .join("\n")}
${handlers}
}
`;
}

export function compilePolicy(p: PolicyParts): CheckedProgram {
  return ok(policySource(p));
}
