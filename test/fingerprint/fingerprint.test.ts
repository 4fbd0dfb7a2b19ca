// The Fingerprint boundary type: algorithm, encoding and version travel with the bytes.
import { describe, expect, it } from "vitest";
import { id } from "../../compiler/fingerprint/digest.js";
import {
  fingerprintHex,
  fingerprintsEqual,
  formatFingerprint,
  MOSAIK_ENCODING_VERSION,
  mosaikFingerprint,
  parseFingerprint,
} from "../../compiler/fingerprint/fingerprint.js";

describe("Fingerprint", () => {
  const f = mosaikFingerprint(id("my-network"));

  it("carries algorithm, encoding and encoding version", () => {
    expect(f.algorithm).toBe("blake3-256");
    expect(f.encoding).toBe("mosaik");
    expect(f.encodingVersion).toBe(MOSAIK_ENCODING_VERSION);
    expect(fingerprintHex(f)).toBe("3a15da9332ddf3c130882c97f6674a45edf90ecbe482c92f51b1822ec7dcf0d5");
  });

  it("formats self-describingly and parses back", () => {
    const text = formatFingerprint(f);
    expect(text).toBe("blake3-256/mosaik@1:3a15da9332ddf3c130882c97f6674a45edf90ecbe482c92f51b1822ec7dcf0d5");
    const back = parseFingerprint(text);
    expect(back && fingerprintsEqual(back, f)).toBe(true);
    expect(parseFingerprint("sha256/mosaik@1:00")).toBeUndefined();
    expect(parseFingerprint(text.toUpperCase())).toBeUndefined();
  });

  it("compares version and bytes, not only bytes", () => {
    expect(fingerprintsEqual(f, { ...f, encodingVersion: 2 })).toBe(false);
    expect(fingerprintsEqual(f, mosaikFingerprint(id("other")))).toBe(false);
    expect(fingerprintsEqual(f, mosaikFingerprint(id("my-network")))).toBe(true);
  });

  it("refuses anything but 32 bytes (a Smalt bug)", () => {
    expect(() => mosaikFingerprint(new Uint8Array(31))).toThrow(RangeError);
  });
});
