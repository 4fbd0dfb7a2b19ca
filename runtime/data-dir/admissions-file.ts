// admissions.jsonl: one line per committee admission of an attested organism (each
// `smalt run` on the data directory admits its replicas again, on the tickets it is
// given): when, who was admitted on which ticket, who was refused and why. Replay trusts
// the union of the admitted records as the attested membership; a certificate recorded
// while catching up in a later run lists that run's records, so records are not tied to
// index ranges. Written and fsync'd before the run touches the log.
import fs from "node:fs";
import type { MemberAttestation } from "../committee/attestation.js";
import { dataPath } from "./data-dir.js";
import { readJsonl } from "./jsonl-file.js";

export const ADMISSIONS_FILE = "admissions.jsonl";

export interface AdmissionRefusal {
  readonly publicKey: string;
  readonly code: string;
  readonly reason: string;
}

export interface CommitteeAdmissionRecord {
  /** The admission clock, Unix seconds. */
  readonly at: number;
  readonly admitted: readonly MemberAttestation[];
  readonly refused: readonly AdmissionRefusal[];
}

export function appendAdmission(dir: string, record: CommitteeAdmissionRecord): void {
  const fd = fs.openSync(dataPath(dir, ADMISSIONS_FILE), "a");
  try {
    fs.writeSync(fd, `${JSON.stringify(record)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Every admitted record of the data directory, oldest first (empty when it has no admissions file). */
export function readAttestations(dir: string): MemberAttestation[] {
  return readJsonl<CommitteeAdmissionRecord>(dataPath(dir, ADMISSIONS_FILE)).records.flatMap((r) => (Array.isArray(r.admitted) ? r.admitted : []));
}
