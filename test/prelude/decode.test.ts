// The decoder is the exact inverse of the canonical encoding: decode(encode(v)) re-encodes
// to the same bytes (and hashes to the same value) for random values of random types, and
// every byte string encode cannot produce — truncated, extended, out of range, unsorted or
// duplicated keys, bad tags, invalid UTF-8 — is refused with a DecodeError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decode, DecodeError } from "../../stdlib/prelude/decode.js";
import { encode, hashValue } from "../../stdlib/prelude/encode.js";
import { fromHex, toHex } from "../../stdlib/prelude/hash.js";
import { PMap } from "../../stdlib/prelude/pmap.js";
import { T, type TypeDesc } from "../../stdlib/prelude/types.js";
import { propertyRuns, propertySeed } from "../support/properties.js";
import { typeArb, valueArb } from "./arbitraries.js";

const settings = (runs = 300) => ({ seed: propertySeed(), numRuns: propertyRuns(runs) });
const typeAndValue = typeArb.chain((t) => fc.tuple(fc.constant(t), valueArb(t)));
const refused = (t: TypeDesc, hex: string) => expect(() => decode(t, fromHex(hex))).toThrow(DecodeError);

describe("decode", () => {
  it("inverts encode on random values of random types", () => {
    fc.assert(
      fc.property(typeAndValue, ([t, v]) => {
        const bytes = encode(t, v);
        const back = decode(t, bytes);
        expect(toHex(encode(t, back))).toBe(toHex(bytes));
        expect(toHex(hashValue(t, back))).toBe(toHex(hashValue(t, v)));
      }),
      settings(),
    );
  });

  it("refuses truncated and extended encodings", () => {
    fc.assert(
      fc.property(typeAndValue, fc.nat(), ([t, v], cut) => {
        const bytes = encode(t, v);
        if (bytes.length > 0) expect(() => decode(t, bytes.subarray(0, cut % bytes.length))).toThrow(DecodeError);
        expect(() => decode(t, new Uint8Array([...bytes, 0]))).toThrow(DecodeError);
      }),
      settings(),
    );
  });

  it("refuses values encode would not write", () => {
    refused(T.bool, "02");
    refused(T.bps, "2711"); // 10001 bps
    refused(T.option(T.u8), "0200");
    refused(T.string, "00000001ff");
    refused(T.list(T.u8, 1), "000000020102");
    refused({ kind: "enum", name: "E", variants: [{ name: "A", fields: [] }] }, "0001");
  });

  it("refuses map keys out of order or repeated, and sets likewise", () => {
    const m = T.map(T.u8, T.bool, 4);
    expect(decode<PMap<bigint, boolean>>(m, fromHex("00000002010102 00".replace(/ /g, ""))).size).toBe(2);
    refused(m, "000000020201 0100".replace(/ /g, ""));
    refused(m, "000000020101 0100".replace(/ /g, ""));
    refused(T.set(T.u8, 4), "000000020303");
    expect(decode<PMap<bigint, boolean>>(m, fromHex("00000000")).size).toBe(0);
  });
});
