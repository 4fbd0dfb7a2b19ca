// The attested members of a running committee: each member's admission record, and the
// run's admission clock. Certificates are recorded with the clock as their commit time
// and every signer's record (committee/attested-certificate.ts); when the clock reaches a
// member's expiry, that member's admission has ended and it must stop signing.
import { attestationHoldsAt, type MemberAttestation } from "../committee/attestation.js";
import { attestedCertificate } from "../committee/attested-certificate.js";
import type { Commit } from "../committee/commit-history.js";
import type { CommitteeAdmission } from "../admission/committee-admission.js";
import type { CommitteeAdmissionRecord } from "../data-dir/admissions-file.js";

/** An attested admission, as the run uses it: the admitted candidates' indexes, their members, the record to keep. */
export interface AdmittedCommittee {
  /** Indexes into the presented candidates, in order: the committee's member i is candidate admitted[i]. */
  readonly admitted: readonly number[];
  readonly members: AttestedMembers;
  readonly record: CommitteeAdmissionRecord;
}

export function admittedCommittee(admission: CommitteeAdmission & { readonly attested: true }, now: bigint): AdmittedCommittee {
  const yes = admission.members.flatMap((m) => (m.attestation ? [{ member: m.member, attestation: m.attestation }] : []));
  const refused = admission.members.flatMap((m) => (m.decision.admitted ? [] : [{ publicKey: m.publicKey, code: m.decision.code, reason: m.decision.reason }]));
  const records = yes.map((y) => y.attestation);
  return { admitted: yes.map((y) => y.member), members: new AttestedMembers(records, now), record: { at: Number(now), admitted: records, refused } };
}

export class AttestedMembers {
  private readonly byKey: ReadonlyMap<string, MemberAttestation>;
  private readonly ended = new Set<number>();

  /** `records` in committee order: records[i] is member i's. */
  constructor(
    private readonly records: readonly MemberAttestation[],
    private clock: bigint,
  ) {
    this.byKey = new Map(records.map((r) => [r.publicKey, r]));
  }

  get now(): bigint {
    return this.clock;
  }

  /** The commit with its certificate listing every signer's record, at the current clock. */
  certify<R>(c: Commit<R>): Commit<R> {
    return { ...c, certificate: attestedCertificate(c.certificate, this.byKey, Number(this.clock)) };
  }

  /** Moves the clock; returns the members whose admission ended at or before `now` since the last call. */
  advance(now: bigint): { member: number; attestation: MemberAttestation }[] {
    this.clock = now;
    const out: { member: number; attestation: MemberAttestation }[] = [];
    for (const [member, a] of this.records.entries()) {
      if (this.ended.has(member) || attestationHoldsAt(a, Number(now))) continue;
      this.ended.add(member);
      out.push({ member, attestation: a });
    }
    return out;
  }

  /** The member's admission has ended: it may not be restarted to sign again. */
  hasEnded(member: number): boolean {
    return this.ended.has(member);
  }
}
