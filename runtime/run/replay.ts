// `smalt replay DIR`: re-derives every receipt and state root of a data directory from
// its command log alone, on a fresh replica of the bundled organism, and checks them
// against what the committee recorded (a receipt's root where it has one: in batch mode
// only a batch's last index does); checks every certificate offline (signatures of a
// quorum of the recorded members over the re-derived root). Any recorded receipt whose
// log entry is missing is an acknowledged command lost, and is reported as such. For an
// attested committee, every signer of a certificate must list one of the admission
// records in admissions.jsonl, holding at the certificate's commit time.
import { verifyCertificate, type CommitCertificate } from "../committee/certificate.js";
import { CERTIFICATES_FILE, dataPath, readDataDir, RECEIPTS_FILE } from "../data-dir/data-dir.js";
import { readJsonl } from "../data-dir/jsonl-file.js";
import { readAttestations } from "../data-dir/admissions-file.js";
import { EmbeddedLog, type Recovery } from "../ordering/embedded-log.js";
import { Replica } from "../replica/replica.js";
import { loadBundledMachine } from "../organism/load-bundle.js";
import type { ReceiptRecord } from "./committee-run.js";

export interface ReplayProblem {
  readonly index: number;
  readonly message: string;
}

export interface ReplayReport {
  readonly organism: string;
  readonly contentHash: string;
  readonly entries: number;
  readonly finalRoot: string;
  readonly recovery: Recovery;
  readonly receiptsChecked: number;
  readonly certificatesChecked: number;
  /** Attested committees: how many admission records the certificates' signers were checked against; null: not attested. */
  readonly attestationRecords: number | null;
  /** Highest certified index. */
  readonly certifiedThrough: number;
  readonly tornRecords: readonly string[];
  readonly problems: readonly ReplayProblem[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function replayDataDir(dir: string): Promise<ReplayReport> {
  const data = readDataDir(dir);
  const machine = await loadBundledMachine(data.bundleJs);
  const problems: ReplayProblem[] = [];
  if (machine.contentHash !== data.record.contentHash) {
    problems.push({ index: 0, message: `the bundle's content hash ${machine.contentHash} is not the recorded ${data.record.contentHash}` });
  }
  const receipts = readJsonl<ReceiptRecord>(dataPath(dir, RECEIPTS_FILE));
  const certificates = readJsonl<CommitCertificate>(dataPath(dir, CERTIFICATES_FILE));
  const tornRecords = [
    ...(receipts.tornTail ? [RECEIPTS_FILE] : []),
    ...(certificates.tornTail ? [CERTIFICATES_FILE] : []),
  ];
  const log = EmbeddedLog.open(dir);
  const replica = new Replica({ machine, key: data.keys[0], retainSteps: 1 });
  const byIndex = new Map(receipts.records.map((r) => [r.index, r]));
  // Roots are re-derived where something recorded one: a receipt's root or a certificate.
  const rootAt = new Map<number, string>([[0, replica.stateRoots.root]]);
  const certified = new Set(certificates.records.map((c) => c.index));
  let receiptsChecked = 0;
  try {
    const end = log.lastIndex();
    for (let from = 1; from <= end; from += 1024) {
      for (const entry of await log.read(from, 1024)) {
        const step = replica.apply(entry);
        const root = () => step.roots!.root; // never settled here: every state is at hand
        const recorded = byIndex.get(entry.index);
        const wanted = certified.has(entry.index) || entry.index === end || (recorded !== undefined && recorded.root !== null);
        if (wanted) rootAt.set(entry.index, root());
        if (recorded === undefined) continue;
        receiptsChecked++;
        if (recorded.root !== null && recorded.root !== root()) problems.push({ index: entry.index, message: `root ${root()} re-derived, ${recorded.root} recorded` });
        if (!same(recorded.receipt, step.receipt)) problems.push({ index: entry.index, message: `receipt ${JSON.stringify(step.receipt)} re-derived, ${JSON.stringify(recorded.receipt)} recorded` });
        if (!same(recorded.command, step.command)) problems.push({ index: entry.index, message: "the logged command is not the one recorded with its receipt" });
      }
    }
  } finally {
    await log.close();
  }
  const entries = replica.appliedIndex;
  for (const r of receipts.records) {
    if (r.index > entries) problems.push({ index: r.index, message: `a receipt was recorded for index ${r.index}, but the log ends at ${entries}: an acknowledged command is lost` });
  }
  const membership = {
    organism: data.record.contentHash,
    quorum: data.record.quorum,
    members: data.record.members,
    ...(data.record.attested ? { attestations: readAttestations(dir) } : {}),
  };
  let certifiedThrough = 0;
  for (const c of certificates.records) {
    const check = verifyCertificate(c, membership);
    if (!check.ok) problems.push({ index: c.index, message: `certificate does not verify: ${check.reason}` });
    else if (c.index > entries) problems.push({ index: c.index, message: `certificate for index ${c.index}, but the log ends at ${entries}: a committed command is lost` });
    else if (rootAt.get(c.index) !== c.root) problems.push({ index: c.index, message: `certificate root ${c.root} is not the re-derived ${rootAt.get(c.index)}` });
    else certifiedThrough = Math.max(certifiedThrough, c.index);
  }
  return {
    organism: data.record.name,
    contentHash: data.record.contentHash,
    entries,
    finalRoot: rootAt.get(entries)!,
    recovery: log.recovery,
    receiptsChecked,
    certificatesChecked: certificates.records.length,
    attestationRecords: membership.attestations?.length ?? null,
    certifiedThrough,
    tornRecords,
    problems: problems.sort((a, b) => a.index - b.index),
  };
}
