// Where a committee keeps certified snapshots: a replica's state at a committed index
// together with that index's commit certificate, so whoever restores from it can check
// both offline. Storage is injected: an in-memory store for tests, a directory of
// snapshot files (written atomically: temp file, fsync, rename, fsync of the directory).
import fs from "node:fs";
import path from "node:path";
import type { Replica } from "../replica/replica.js";
import { decodeSnapshot, encodeSnapshot, SnapshotError, type Snapshot } from "../replica/snapshot.js";
import { verifyCertificate, type CommitCertificate, type CommitteeMembership } from "./certificate.js";

export interface CertifiedSnapshot {
  readonly snapshot: Snapshot;
  readonly certificate: CommitCertificate;
}

export interface SnapshotStore {
  save(record: CertifiedSnapshot): Promise<void>;
  /** The snapshot with the highest index that can be read back, if any. */
  latest(): Promise<CertifiedSnapshot | undefined>;
}

export class MemorySnapshotStore implements SnapshotStore {
  private readonly records: CertifiedSnapshot[] = [];

  async save(record: CertifiedSnapshot): Promise<void> {
    // Stored as bytes and read back, so the in-memory store exercises the same encoding.
    this.records.push(fromBytes(encodeSnapshot(record.snapshot, record.certificate)));
    this.records.sort((a, b) => a.snapshot.index - b.snapshot.index);
  }

  async latest(): Promise<CertifiedSnapshot | undefined> {
    return this.records.at(-1);
  }

  /** Every stored snapshot, oldest first. */
  all(): readonly CertifiedSnapshot[] {
    return this.records;
  }
}

const FILE_PATTERN = /^snapshot-(\d{12})\.bin$/;

export interface FileSnapshotStoreOptions {
  /** How many snapshot files to keep (default 2: the newest, and one to fall back on). */
  readonly keep?: number;
}

export class FileSnapshotStore implements SnapshotStore {
  private readonly keep: number;

  constructor(
    readonly dir: string,
    options: FileSnapshotStoreOptions = {},
  ) {
    this.keep = Math.max(1, options.keep ?? 2);
  }

  async save(record: CertifiedSnapshot): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    const name = `snapshot-${String(record.snapshot.index).padStart(12, "0")}.bin`;
    const final = path.join(this.dir, name);
    const temp = `${final}.tmp`;
    const fd = fs.openSync(temp, "w");
    try {
      fs.writeSync(fd, encodeSnapshot(record.snapshot, record.certificate));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, final);
    syncDirectory(this.dir);
    for (const old of this.files().slice(0, -this.keep)) fs.rmSync(path.join(this.dir, old), { force: true });
  }

  /** The newest readable snapshot; a damaged newer file is skipped in favour of an older one. */
  async latest(): Promise<CertifiedSnapshot | undefined> {
    for (const name of this.files().reverse()) {
      try {
        return fromBytes(fs.readFileSync(path.join(this.dir, name)));
      } catch (e) {
        if (!(e instanceof SnapshotError)) throw e;
      }
    }
    return undefined;
  }

  /** Snapshot file names, oldest first. */
  files(): string[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((f) => FILE_PATTERN.test(f))
      .sort();
  }
}

export interface RestoreOutcome {
  readonly source: "log" | "snapshot";
  readonly snapshotIndex?: number;
  /** Why a requested snapshot was not used, when the replica starts from the log instead. */
  readonly fallback?: string;
}

/**
 * Restores a fresh replica from the store's newest snapshot if its certificate verifies
 * against the membership and the decoded state reproduces the certified root; otherwise
 * leaves it at the initial state (to be rebuilt from the log) and says why.
 */
export async function restoreCertified<S, R>(
  replica: Replica<S, R>,
  store: SnapshotStore,
  membership: CommitteeMembership,
  maxIndex: number,
): Promise<RestoreOutcome> {
  const record = await store.latest();
  if (record === undefined) return { source: "log", fallback: "no snapshot stored" };
  const check = verifyCertificate(record.certificate, membership);
  if (!check.ok) return { source: "log", fallback: `snapshot certificate rejected: ${check.reason}` };
  if (record.snapshot.index > maxIndex) return { source: "log", fallback: `snapshot at ${record.snapshot.index} is past the log` };
  try {
    replica.restore(record.snapshot);
  } catch (e) {
    replica.reset();
    return { source: "log", fallback: (e as Error).message };
  }
  return { source: "snapshot", snapshotIndex: record.snapshot.index };
}

function fromBytes(bytes: Uint8Array): CertifiedSnapshot {
  const { snapshot, extra } = decodeSnapshot(bytes);
  const cert = extra as CommitCertificate | null;
  if (cert === null || typeof cert !== "object" || cert.index !== snapshot.index || cert.root !== snapshot.root) {
    throw new SnapshotError(`snapshot at index ${snapshot.index} does not carry the certificate of its index and root`);
  }
  return { snapshot, certificate: cert };
}

function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
