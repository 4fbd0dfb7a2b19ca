// The report_data layout, recomputed here from its definition (docs/admission-tdx.md) with
// BLAKE3 directly: [0..32] = mosaik's ExtraData signature, [32..64] = the content hash.
import { blake3 } from "@noble/hashes/blake3.js";
import { describe, expect, it } from "vitest";
import { bindingReportData, extraDataSignature, type TdxExtraData } from "../../../../runtime/admission/tdx/index.js";

const le64 = (n: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, n, true);
  return b;
};
const chain = (start: Uint8Array, infos: Uint8Array[]) => infos.reduce((x, info) => blake3(new Uint8Array([...x, ...info])), start);

const extra: TdxExtraData = {
  peerId: new Uint8Array(32).fill(0x01),
  networkId: new Uint8Array(32).fill(0x02),
  startedAt: 1_767_225_600n,
  quotedAt: 1_767_229_200n,
  expiration: { kind: "at", unix: 1_767_232_800n },
};

describe("TDX report_data binding", () => {
  it("[0..32] is id(\"mosaik.tdx.ticket.extra\").derive(peer).derive(network).derive(started).derive(quoted).derive(exp)", () => {
    const start = blake3(new TextEncoder().encode("mosaik.tdx.ticket.extra"));
    const want = chain(start, [extra.peerId, extra.networkId, le64(extra.startedAt), le64(extra.quotedAt), le64(1_767_232_800n)]);
    expect(extraDataSignature(extra)).toEqual(want);
    const never = chain(start, [extra.peerId, extra.networkId, le64(extra.startedAt), le64(extra.quotedAt), new Uint8Array(8)]);
    expect(extraDataSignature({ ...extra, expiration: { kind: "never" } })).toEqual(never);
  });

  it("[32..64] is the content hash; every input moves the bytes", () => {
    const content = new Uint8Array(32).fill(0xcc);
    const rd = bindingReportData(extra, content);
    expect(rd).toHaveLength(64);
    expect(rd.subarray(32)).toEqual(content);
    expect(rd.subarray(0, 32)).toEqual(extraDataSignature(extra));
    const variants: TdxExtraData[] = [
      { ...extra, peerId: new Uint8Array(32).fill(0x09) },
      { ...extra, networkId: new Uint8Array(32).fill(0x09) },
      { ...extra, startedAt: extra.startedAt + 1n },
      { ...extra, quotedAt: extra.quotedAt + 1n },
      { ...extra, expiration: { kind: "never" } },
    ];
    for (const v of variants) expect(bindingReportData(v, content).subarray(0, 32)).not.toEqual(rd.subarray(0, 32));
  });
});
