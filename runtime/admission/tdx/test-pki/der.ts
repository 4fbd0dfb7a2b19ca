// A minimal DER encoder: exactly the ASN.1 the test PKI writes (certificates, CRLs, Intel's
// SGX extension). Each function returns one complete TLV.
import { concatBytes, utf8 } from "../../../../compiler/fingerprint/bytes.js";

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return Uint8Array.of(0x80 | out.length, ...out);
}

export function tlv(tag: number, content: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(tag), lengthBytes(content.length), content]);
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(0x30, concatBytes(items));
export const set = (...items: Uint8Array[]): Uint8Array => tlv(0x31, concatBytes(items));
export const octetString = (b: Uint8Array): Uint8Array => tlv(0x04, b);
export const utf8String = (s: string): Uint8Array => tlv(0x0c, utf8(s));
export const bool = (v: boolean): Uint8Array => tlv(0x01, Uint8Array.of(v ? 0xff : 0x00));
/** A BIT STRING with no unused bits. */
export const bitString = (b: Uint8Array): Uint8Array => tlv(0x03, concatBytes([Uint8Array.of(0), b]));
/** `[n] EXPLICIT`: a constructed context-specific tag around one TLV. */
export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(0xa0 | n, inner);

/** A non-negative INTEGER, minimal two's-complement. */
export function integer(n: bigint | number): Uint8Array {
  let v = BigInt(n);
  if (v < 0n) throw new RangeError("der.integer: negative values are not used by the test PKI");
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((bytes[0] as number) & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

export const enumerated = (n: number): Uint8Array => {
  const int = integer(n);
  int[0] = 0x0a;
  return int;
};

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map((a) => BigInt(a));
  const first = (arcs[0] as bigint) * 40n + (arcs[1] as bigint);
  const out: number[] = [];
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [];
    let v = arc;
    do {
      chunk.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i] = (chunk[i] as number) | 0x80;
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** UTCTime (YYMMDDHHMMSSZ) for 1950–2049, GeneralizedTime after, as RFC 5280 requires. */
export function time(unixSeconds: bigint): Uint8Array {
  const d = new Date(Number(unixSeconds) * 1000);
  const year = d.getUTCFullYear();
  const pad = (n: number) => String(n).padStart(2, "0");
  const rest = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  if (year >= 1950 && year < 2050) return tlv(0x17, utf8(`${pad(year % 100)}${rest}`));
  return tlv(0x18, utf8(`${year}${rest}`));
}
