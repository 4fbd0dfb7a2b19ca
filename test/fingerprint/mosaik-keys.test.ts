// The shapes of mosaik's JWT key types and the SEC1 compression that maps an uncompressed
// public key to the bytes mosaik's Es256/Es384 hold.
import { describe, expect, it } from "vitest";
import { isJwtAlgorithm, isWellFormedKey, JWT_ALGORITHMS, keyFamily, mosaikKeyBytes } from "../../compiler/fingerprint/mosaik-keys.js";

const bytes = (n: number, first?: number) => {
  const out = new Uint8Array(n).fill(0x11);
  if (first !== undefined) out[0] = first;
  return out;
};

describe("JWT algorithms", () => {
  it("lists the six Smalt accepts and recognises only them", () => {
    expect(JWT_ALGORITHMS).toEqual(["hs256", "hs384", "hs512", "es256", "es384", "eddsa"]);
    expect(isJwtAlgorithm("eddsa")).toBe(true);
    expect(isJwtAlgorithm("HS256")).toBe(false);
    expect(isJwtAlgorithm("es512")).toBe(false);
    expect(JWT_ALGORITHMS.map(keyFamily)).toEqual(["hmac", "hmac", "hmac", "sec1", "sec1", "ed25519"]);
  });
});

describe("isWellFormedKey", () => {
  it("wants HMAC secrets of exactly the hash size", () => {
    expect(isWellFormedKey("hs256", bytes(32))).toBe(true);
    expect(isWellFormedKey("hs256", bytes(31))).toBe(false);
    expect(isWellFormedKey("hs256", bytes(33))).toBe(false);
    expect(isWellFormedKey("hs384", bytes(48))).toBe(true);
    expect(isWellFormedKey("hs512", bytes(64))).toBe(true);
    expect(isWellFormedKey("hs512", bytes(48))).toBe(false);
  });
  it("wants SEC1 points with the prefix matching their length", () => {
    expect(isWellFormedKey("es256", bytes(33, 0x02))).toBe(true);
    expect(isWellFormedKey("es256", bytes(33, 0x03))).toBe(true);
    expect(isWellFormedKey("es256", bytes(33, 0x04))).toBe(false);
    expect(isWellFormedKey("es256", bytes(65, 0x04))).toBe(true);
    expect(isWellFormedKey("es256", bytes(65, 0x02))).toBe(false);
    expect(isWellFormedKey("es256", bytes(49, 0x02))).toBe(false);
    expect(isWellFormedKey("es384", bytes(49, 0x03))).toBe(true);
    expect(isWellFormedKey("es384", bytes(97, 0x04))).toBe(true);
  });
  it("wants 32-byte Ed25519 keys", () => {
    expect(isWellFormedKey("eddsa", bytes(32))).toBe(true);
    expect(isWellFormedKey("eddsa", bytes(64))).toBe(false);
  });
});

describe("mosaikKeyBytes", () => {
  it("compresses an uncompressed SEC1 point, the prefix carrying y's parity", () => {
    const x = new Uint8Array(32).fill(0xab);
    const evenY = new Uint8Array(32).fill(0x10);
    const oddY = new Uint8Array(32).fill(0x11);
    expect(mosaikKeyBytes("es256", Uint8Array.of(4, ...x, ...evenY))).toEqual(Uint8Array.of(2, ...x));
    expect(mosaikKeyBytes("es256", Uint8Array.of(4, ...x, ...oddY))).toEqual(Uint8Array.of(3, ...x));
    const x48 = new Uint8Array(48).fill(0xcd);
    expect(mosaikKeyBytes("es384", Uint8Array.of(4, ...x48, ...new Uint8Array(48).fill(1)))).toEqual(Uint8Array.of(3, ...x48));
  });
  it("keeps compressed points and every other key as written", () => {
    const compressed = bytes(33, 0x02);
    expect(mosaikKeyBytes("es256", compressed)).toBe(compressed);
    const secret = bytes(32, 0x04);
    expect(mosaikKeyBytes("hs256", secret)).toBe(secret);
  });
});
