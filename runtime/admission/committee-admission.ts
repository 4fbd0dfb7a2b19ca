// TDX-bound committees: a replica joins an organism's committee only with a TDX ticket
// whose quote verifies, whose MR_TD / RTMRs match the organism's `measurements`, and whose
// report_data binds the replica's signing key (as its peer id) and the organism's content
// hash — so a new policy version needs new quotes. An organism without `measurements`
// has no attested membership, and says so.
import { measurementsConfig } from "../../compiler/fingerprint/canonical-validators.js";
import type { OrganismDef } from "../../compiler/ir/declarations.js";
import type { Decision } from "./decision.js";
import { TdxTicketCheck, type TdxRuntimeConfig } from "./tdx/tdx-ticket-check.js";

export interface MemberPresentation {
  readonly publicKey: string;
  /** The TDX ticket in its wire form (runtime/admission/tdx/ticket-bytes.ts). */
  readonly ticket: Uint8Array;
}

export interface MemberAdmission {
  readonly member: number;
  readonly publicKey: string;
  readonly decision: Decision;
  readonly warnings: readonly string[];
}

export const MEMBERSHIP_VALIDATOR = "committee measurements";

export type CommitteeAdmission =
  | { readonly attested: false; readonly reason: string }
  | { readonly attested: true; readonly members: readonly MemberAdmission[] };

export async function admitCommittee(
  def: OrganismDef,
  members: readonly MemberPresentation[],
  cx: TdxRuntimeConfig & { readonly now: bigint; readonly networkId: string },
): Promise<CommitteeAdmission> {
  if (!def.measurements) return { attested: false, reason: `${def.ref.name} declares no measurements: its committee membership is not attested` };
  const check = new TdxTicketCheck({ ...measurementsConfig(def.measurements), name: MEMBERSHIP_VALIDATOR }, cx);
  const out: MemberAdmission[] = [];
  for (const [member, m] of members.entries()) {
    const v = await check.check(m.ticket, { peer: m.publicKey, networkId: cx.networkId, now: cx.now });
    const decision: Decision = v.admitted
      ? { admitted: true, validator: MEMBERSHIP_VALIDATOR, expires: v.expires }
      : { admitted: false, validator: MEMBERSHIP_VALIDATOR, code: v.code, reason: v.reason };
    out.push({ member, publicKey: m.publicKey, decision, warnings: v.warnings ?? [] });
  }
  return { attested: true, members: out };
}
