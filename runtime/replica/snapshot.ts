// A replica's state at one log index, as bytes that restore it: the organism, the index,
// the state root the bytes must reproduce, and the machine's canonical state encoding.
// The binary form below is what snapshot stores write; a reader recomputes the root from
// the decoded state, so a damaged or forged snapshot cannot be installed silently.
//
//   "SMALTSNP" (8) | format u16 BE = 1 | header length u32 BE | header (UTF-8 JSON:
//   { organism, index, root, extra }) | state length u32 BE | state bytes | crc32 u32 BE
import { crc32 } from "node:zlib";
import { isHex32 } from "./state-machine.js";

export interface Snapshot {
  readonly organism: string;
  readonly index: number;
  readonly root: string;
  readonly state: Uint8Array;
}

export class SnapshotError extends Error {
  override readonly name = "SnapshotError";
}

const MAGIC = Buffer.from("SMALTSNP", "ascii");
const FORMAT = 1;

/**
 * Bytes of a snapshot; `extra` is JSON stored beside it (a committee keeps the commit
 * certificate of the snapshot's index there, so a restorer can check it offline).
 */
export function encodeSnapshot(snapshot: Snapshot, extra: unknown = null): Uint8Array {
  const header = Buffer.from(
    JSON.stringify({ organism: snapshot.organism, index: snapshot.index, root: snapshot.root, extra }),
    "utf8",
  );
  const out = Buffer.alloc(MAGIC.length + 2 + 4 + header.length + 4 + snapshot.state.length + 4);
  let at = MAGIC.copy(out, 0);
  at = out.writeUInt16BE(FORMAT, at);
  at = out.writeUInt32BE(header.length, at);
  at += header.copy(out, at);
  at = out.writeUInt32BE(snapshot.state.length, at);
  out.set(snapshot.state, at);
  at += snapshot.state.length;
  out.writeUInt32BE(crc32(out.subarray(0, at)), at);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Parses snapshot bytes; throws SnapshotError naming the first problem found. */
export function decodeSnapshot(bytes: Uint8Array): { readonly snapshot: Snapshot; readonly extra: unknown } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const fail = (why: string): never => {
    throw new SnapshotError(`not a valid snapshot: ${why}`);
  };
  if (buf.length < MAGIC.length + 2 + 4 + 4 + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) fail("bad magic");
  if (buf.readUInt32BE(buf.length - 4) !== crc32(buf.subarray(0, buf.length - 4))) fail("checksum mismatch");
  let at = MAGIC.length;
  const format = buf.readUInt16BE(at);
  if (format !== FORMAT) fail(`unknown format ${format}`);
  const headerLength = buf.readUInt32BE(at + 2);
  at += 6;
  if (at + headerLength + 4 > buf.length - 4) fail("truncated header");
  let header: { organism?: unknown; index?: unknown; root?: unknown; extra?: unknown };
  try {
    header = JSON.parse(buf.subarray(at, at + headerLength).toString("utf8"));
  } catch {
    return fail("header is not JSON");
  }
  at += headerLength;
  const stateLength = buf.readUInt32BE(at);
  at += 4;
  if (at + stateLength !== buf.length - 4) fail("state length does not match the file");
  const { organism, index, root } = header;
  if (!isHex32(organism)) fail("organism is not a content hash");
  if (!isHex32(root)) fail("root is not a digest");
  if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0) fail("index is not a log index");
  const state = new Uint8Array(buf.subarray(at, at + stateLength));
  return { snapshot: { organism: organism as string, index: index as number, root: root as string, state }, extra: header.extra ?? null };
}
