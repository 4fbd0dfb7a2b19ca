// The on-disk record format of the embedded log, and the scan that validates a log file.
// Record: magic "SL" (2) | version (1) | flags (1) | payload length u32 LE (4) |
//         index u64 LE (8) | payload | crc32 u32 LE over everything before it (4).
import { crc32 } from "node:zlib";

export const RECORD_VERSION = 1;
export const HEADER_BYTES = 16;
export const TRAILER_BYTES = 4;
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
const MAGIC0 = 0x53; // 'S'
const MAGIC1 = 0x4c; // 'L'

/** Flag on the last record of each appended batch: a batch is acknowledged (and kept) whole or not at all. */
export const FLAG_BATCH_END = 1;

export function encodeRecord(index: number, payload: Uint8Array, batchEnd: boolean): Buffer {
  if (payload.length > MAX_PAYLOAD_BYTES) throw new RangeError(`log payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD_BYTES}`);
  const buf = Buffer.alloc(HEADER_BYTES + payload.length + TRAILER_BYTES);
  buf[0] = MAGIC0;
  buf[1] = MAGIC1;
  buf[2] = RECORD_VERSION;
  buf[3] = batchEnd ? FLAG_BATCH_END : 0;
  buf.writeUInt32LE(payload.length, 4);
  buf.writeBigUInt64LE(BigInt(index), 8);
  buf.set(payload, HEADER_BYTES);
  buf.writeUInt32LE(crc32(buf.subarray(0, HEADER_BYTES + payload.length)), HEADER_BYTES + payload.length);
  return buf;
}

export interface ScannedRecord {
  readonly index: number;
  readonly offset: number; // of the payload within the file
  readonly length: number;
}

export type ScanOutcome =
  | { readonly kind: "clean"; readonly records: readonly ScannedRecord[]; readonly validBytes: number }
  /** Bytes after the last complete batch: a write interrupted by a crash, never acknowledged. */
  | { readonly kind: "torn-tail"; readonly records: readonly ScannedRecord[]; readonly validBytes: number; readonly tornBytes: number; readonly reason: string }
  /** A bad record followed by a complete, valid batch: not a crash artefact, the file is damaged. */
  | { readonly kind: "corrupt"; readonly records: readonly ScannedRecord[]; readonly offset: number; readonly reason: string };

export function scanLog(data: Buffer): ScanOutcome {
  const records: ScannedRecord[] = [];
  let committedRecords = 0;
  let committedBytes = 0;
  let offset = 0;
  let problem: string | undefined;
  while (offset < data.length) {
    problem = checkRecordAt(data, offset, records.length + 1);
    if (problem) break;
    const length = data.readUInt32LE(offset + 4);
    records.push({ index: records.length + 1, offset: offset + HEADER_BYTES, length });
    offset += HEADER_BYTES + length + TRAILER_BYTES;
    if ((data[offset - length - TRAILER_BYTES - HEADER_BYTES + 3] & FLAG_BATCH_END) !== 0) {
      committedRecords = records.length;
      committedBytes = offset;
    }
  }
  const kept = records.slice(0, committedRecords);
  if (committedBytes === data.length) return { kind: "clean", records: kept, validBytes: committedBytes };
  const reason = problem ?? "unfinished batch";
  if (problem && completeBatchAfter(data, offset + 1)) return { kind: "corrupt", records: kept, offset, reason };
  return { kind: "torn-tail", records: kept, validBytes: committedBytes, tornBytes: data.length - committedBytes, reason };
}

/** Is there, anywhere from `from` on, a valid record that ends a batch? (Only run after a failed scan.) */
function completeBatchAfter(data: Buffer, from: number): boolean {
  for (let at = data.indexOf(MAGIC_BYTES, from); at >= 0; at = data.indexOf(MAGIC_BYTES, at + 1)) {
    if (checkRecordAt(data, at, undefined) === undefined && (data[at + 3] & FLAG_BATCH_END) !== 0) return true;
  }
  return false;
}

const MAGIC_BYTES = Buffer.from([MAGIC0, MAGIC1]);

function checkRecordAt(data: Buffer, offset: number, expectedIndex: number | undefined): string | undefined {
  if (data.length - offset < HEADER_BYTES) return "incomplete header";
  if (data[offset] !== MAGIC0 || data[offset + 1] !== MAGIC1) return "bad magic";
  if (data[offset + 2] !== RECORD_VERSION) return `unknown record version ${data[offset + 2]}`;
  const length = data.readUInt32LE(offset + 4);
  if (length > MAX_PAYLOAD_BYTES) return `implausible payload length ${length}`;
  const end = offset + HEADER_BYTES + length + TRAILER_BYTES;
  if (end > data.length) return "incomplete record";
  if (crc32(data.subarray(offset, end - TRAILER_BYTES)) !== data.readUInt32LE(end - TRAILER_BYTES)) return "checksum mismatch";
  const index = Number(data.readBigUInt64LE(offset + 8));
  if (expectedIndex !== undefined && index !== expectedIndex) return `record index ${index} where ${expectedIndex} was expected`;
  return undefined;
}
