// A runtime data directory: everything needed to restart a committee or to re-derive and
// check its history without the policy's source.
//   organism.json      which organism (name, content hash, stable id), its committee
//                      (quorum and member public keys) and the bundle's sha256
//   <Name>.js          the emitted, bundled organism the replicas ran
//   keys.json          the members' Ed25519 seeds (mode 0600; a local committee's keys)
//   commands.log       the embedded durable log (runtime/ordering/embedded-log.ts)
//   receipts.jsonl     per committed index: command, receipt, state root
//   certificates.jsonl the commit certificates, in commit order
//   snapshots/         certified snapshots
//   admissions.jsonl   attested organisms only: each run's committee admission (admissions-file.ts)
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ReplicaKey } from "../replica/replica-key.js";
import { isHex32 } from "../replica/state-machine.js";

export const ORGANISM_FILE = "organism.json";
export const KEYS_FILE = "keys.json";
export const RECEIPTS_FILE = "receipts.jsonl";
export const CERTIFICATES_FILE = "certificates.jsonl";
export const SNAPSHOTS_DIR = "snapshots";

export interface OrganismRecord {
  readonly dataVersion: 1;
  readonly name: string;
  readonly contentHash: string;
  readonly stableId: string;
  readonly bundle: string;
  readonly bundleSha256: string;
  readonly quorum: number;
  readonly members: readonly string[];
  /** True when the committee is admitted on TDX tickets (certificates list attestations); absent: not attested. */
  readonly attested?: true;
}

/** The directory cannot be used: unreadable, not a data directory, or another organism's. */
export class DataDirError extends Error {
  override readonly name = "DataDirError";
}

export interface NewOrganism {
  readonly name: string;
  readonly contentHash: string;
  readonly stableId: string;
  readonly bundleJs: string;
  readonly quorum: number;
  readonly size: number;
  /** The committee is admitted on TDX tickets in every run on this directory. */
  readonly attested?: boolean;
}

export interface OpenedDataDir {
  readonly dir: string;
  readonly record: OrganismRecord;
  readonly keys: readonly ReplicaKey[];
  /** False when the directory already held this organism's data. */
  readonly created: boolean;
}

const sha256 = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

export function dataPath(dir: string, file: string): string {
  return path.join(dir, file);
}

/** Opens `dir` for `organism`, creating its files (and fresh member keys) when it is new. */
export function openDataDir(dir: string, organism: NewOrganism): OpenedDataDir {
  ensureUsable(dir);
  if (!fs.existsSync(dataPath(dir, ORGANISM_FILE))) {
    if (fs.readdirSync(dir).length > 0) throw new DataDirError(`${dir} is not empty and holds no ${ORGANISM_FILE}; give a new or empty directory`);
    return create(dir, organism);
  }
  const existing = readDataDir(dir);
  const r = existing.record;
  if (r.stableId !== organism.stableId) {
    throw new DataDirError(`${dir} holds organism ${r.name} with stable id ${r.stableId.slice(0, 16)}…, not ${organism.name} with ${organism.stableId.slice(0, 16)}… (another instance); use a new data directory`);
  }
  if (r.name !== organism.name || r.contentHash !== organism.contentHash) {
    throw new DataDirError(
      `${dir} holds organism ${r.name} with content hash ${r.contentHash.slice(0, 16)}…, not ${organism.name} with ${organism.contentHash.slice(0, 16)}…; a changed policy is a new organism version: use a new data directory`,
    );
  }
  if (r.members.length !== organism.size || r.quorum !== organism.quorum) {
    throw new DataDirError(`${dir} holds a committee of ${r.quorum} of ${r.members.length}, not ${organism.quorum} of ${organism.size}`);
  }
  if ((r.attested === true) !== (organism.attested === true)) {
    throw new DataDirError(
      r.attested
        ? `${dir} holds a committee admitted on TDX tickets; run it again with --tdx-test-pki or --member-tickets`
        : `${dir} holds a committee that was not admitted on TDX tickets; an attested run needs a new data directory`,
    );
  }
  return { ...existing, created: false };
}

/** Reads an existing data directory (for replay and restart); checks the bundle's digest and the keys. */
export function readDataDir(dir: string): Omit<OpenedDataDir, "created"> & { readonly bundleJs: string } {
  ensureUsable(dir, false);
  if (!fs.existsSync(dataPath(dir, ORGANISM_FILE))) throw new DataDirError(`${dir} is not a Smalt data directory: it has no ${ORGANISM_FILE} (write one with \`smalt run FILE --data ${dir}\`)`);
  const record = readJson<OrganismRecord>(dir, ORGANISM_FILE);
  if (record.dataVersion !== 1 || typeof record.name !== "string" || !isHex32(record.contentHash) || !Array.isArray(record.members)) {
    throw new DataDirError(`${dataPath(dir, ORGANISM_FILE)} is not a Smalt organism record`);
  }
  const bundleJs = readText(dir, record.bundle);
  if (sha256(bundleJs) !== record.bundleSha256) throw new DataDirError(`${dataPath(dir, record.bundle)} does not match the sha256 in ${ORGANISM_FILE}; the bundle was altered`);
  const seeds = readJson<string[]>(dir, KEYS_FILE);
  const keys = Array.isArray(seeds) ? seeds.map((s) => ReplicaKey.fromSeed(Buffer.from(String(s), "hex"))) : [];
  if (keys.length !== record.members.length || keys.some((k, i) => k.publicKey !== record.members[i])) {
    throw new DataDirError(`${dataPath(dir, KEYS_FILE)} does not hold the keys of the members in ${ORGANISM_FILE}`);
  }
  return { dir, record, keys, bundleJs };
}

function create(dir: string, o: NewOrganism): OpenedDataDir {
  const seeds = Array.from({ length: o.size }, () => crypto.randomBytes(32));
  const keys = seeds.map((s) => ReplicaKey.fromSeed(s));
  const bundle = `${o.name}.js`;
  const record: OrganismRecord = {
    dataVersion: 1,
    name: o.name,
    contentHash: o.contentHash,
    stableId: o.stableId,
    bundle,
    bundleSha256: sha256(o.bundleJs),
    quorum: o.quorum,
    members: keys.map((k) => k.publicKey),
    ...(o.attested ? { attested: true as const } : {}),
  };
  fs.writeFileSync(dataPath(dir, bundle), o.bundleJs);
  fs.writeFileSync(dataPath(dir, KEYS_FILE), `${JSON.stringify(seeds.map((s) => s.toString("hex")))}\n`, { mode: 0o600 });
  // The record last: a directory with organism.json is complete.
  fs.writeFileSync(dataPath(dir, ORGANISM_FILE), `${JSON.stringify(record, null, 2)}\n`);
  return { dir, record, keys, created: true };
}

function ensureUsable(dir: string, createMissing = true): void {
  try {
    if (createMissing) fs.mkdirSync(dir, { recursive: true });
    if (!fs.statSync(dir).isDirectory()) throw new DataDirError(`${dir} is not a directory`);
    fs.accessSync(dir, fs.constants.R_OK | (createMissing ? fs.constants.W_OK : 0));
  } catch (e) {
    if (e instanceof DataDirError) throw e;
    throw new DataDirError(`cannot use data directory ${dir}: ${describeFsError(e)}`);
  }
}

function readText(dir: string, file: string): string {
  try {
    return fs.readFileSync(dataPath(dir, file), "utf8");
  } catch (e) {
    throw new DataDirError(`cannot read ${dataPath(dir, file)}: ${describeFsError(e)}`);
  }
}

function readJson<T>(dir: string, file: string): T {
  const text = readText(dir, file);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new DataDirError(`${dataPath(dir, file)} is not valid JSON`);
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = { ENOENT: "no such file or directory", EACCES: "permission denied", ENOTDIR: "not a directory" };
  return code ? (reasons[code] ?? code) : String(e);
}
