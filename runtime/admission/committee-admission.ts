// TDX-bound committees: a replica joins an organism's committee only with a TDX ticket
// whose quote verifies, whose MR_TD / RTMRs match the organism's `measurements`, and whose
// report_data binds the replica's signing key (as its peer id) and the organism's content
// hash — so a new policy version needs new quotes. An organism without `measurements`
// has no attested membership, and says so.
import { measurementsConfig } from "../../compiler/fingerprint/canonical-validators.js";
import type { OrganismDef } from "../../compiler/ir/declarations.js";
import type { MemberAttestation } from "../committee/attestation.js";
import { refusal } from "./codes.js";
import type { Decision, Expiration } from "./decision.js";
import { TEST_ROOT_WARNING } from "./tdx/check-tdx-ticket.js";
import { TdxTicketCheck, type TdxClauseVerdict, type TdxRuntimeConfig } from "./tdx/tdx-ticket-check.js";

export interface MemberPresentation {
  readonly publicKey: string;
  /** The TDX ticket in its wire form (runtime/admission/tdx/ticket-bytes.ts); none: refused with A1030. */
  readonly ticket?: Uint8Array;
}

export interface MemberAdmission {
  readonly member: number;
  readonly publicKey: string;
  readonly decision: Decision;
  readonly warnings: readonly string[];
  /** Admitted members only: the record certificates list for this member. */
  readonly attestation?: MemberAttestation;
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
    const v: TdxClauseVerdict =
      m.ticket === undefined
        ? { admitted: false, ...refusal("A1030", "no TDX ticket was presented for this replica") }
        : await check.check(m.ticket, { peer: m.publicKey, networkId: cx.networkId, now: cx.now });
    const warnings = v.warnings ?? [];
    if (!v.admitted) {
      out.push({ member, publicKey: m.publicKey, decision: { admitted: false, validator: MEMBERSHIP_VALIDATOR, code: v.code, reason: v.reason }, warnings });
      continue;
    }
    const validator = `${MEMBERSHIP_VALIDATOR}${warnings.includes(TEST_ROOT_WARNING) ? " [TEST ROOT]" : ""}`;
    const decision: Decision = { admitted: true, validator, expires: v.expires };
    if (v.evidence === undefined) throw new Error("internal error: an admitted TDX verdict carries no evidence");
    const attestation: MemberAttestation = { publicKey: m.publicKey, ...v.evidence, validator, admittedAt: Number(cx.now), expiresAt: seconds(v.expires) };
    out.push({ member, publicKey: m.publicKey, decision, warnings, attestation });
  }
  return { attested: true, members: out };
}

function seconds(e: Expiration): number | null {
  return e.kind === "never" ? null : Number(e.unix);
}
