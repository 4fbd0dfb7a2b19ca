// What `smalt run` and the demo print about a TDX-bound committee's admission: one line per
// candidate replica — admitted on which quote (digest prefix), with which MR_TD, by which
// validator, until when; or refused with its code and reason.
import type { CommitteeAdmission } from "../runtime/admission/committee-admission.js";
import { painter, type Paint } from "./commit-lines.js";
import { showUntil } from "./run-feeder.js";

const short = (hex: string) => `${hex.slice(0, 12)}…`;

/** `label(member)` names a candidate ("replica #0"). */
export function committeeAdmissionLines(admission: CommitteeAdmission, label: (member: number) => string, paint: Paint = painter(false)): string[] {
  if (!admission.attested) return [];
  return admission.members.map((m) => {
    const who = `${label(m.member)} ${short(m.publicKey)}`;
    if (!m.decision.admitted) return `${paint("31", "refused")}  ${who}: ${m.decision.code} ${m.decision.reason}`;
    const a = m.attestation!;
    return `${paint("32", "admitted")} ${who} to the committee on TDX quote ${short(a.quoteDigest)} (MR_TD ${short(a.mrtd)}, ${a.validator}); ${showUntil(m.decision.expires)}`;
  });
}

/** How many candidates were admitted. */
export function admittedCount(admission: CommitteeAdmission): number {
  return admission.attested ? admission.members.filter((m) => m.decision.admitted).length : 0;
}

/** The loud line printed whenever a run or the demo trusts a test root for TDX quotes. */
export function testRootWarning(who: string, root: string): string {
  return `WARNING: ${who} trusts ${root} as a root for TDX quotes; a quote under a test root proves nothing about real hardware; never in production.`;
}
