// Every golden vector of mosaik.md §3.10, computed with the fingerprint stage's primitives.
// These pin the byte layout to mosaik's: a change here means Smalt no longer agrees with
// a Rust mosaik node configured the same way.
import { describe, expect, it } from "vitest";
import { toHex } from "../../compiler/fingerprint/bytes.js";
import { derive, fromU64, hashed, id } from "../../compiler/fingerprint/digest.js";
import {
  consensusDigest,
  JWT_CLASS,
  NOOP_STATE_MACHINE,
  TDX_CLASS,
  ticketId,
} from "../../compiler/fingerprint/mosaik-digest.js";
import {
  jwtValidatorSignature,
  measurementsCriteriaSignature,
  tdxValidatorSignature,
} from "../../compiler/fingerprint/validator-signatures.js";

const vectors: readonly [string, () => Uint8Array, string][] = [
  ['id("")', () => id(""), "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"],
  ['id("my-network")', () => id("my-network"), "3a15da9332ddf3c130882c97f6674a45edf90ecbe482c92f51b1822ec7dcf0d5"],
  ['id("my_counter_v1")', () => id("my_counter_v1"), "8c00f6c1d178ff44b5a2f67689e26b44e1ecd83eb5063519064a5396a06fb10d"],
  [
    'id("my_counter_v1").derive("sub")',
    () => derive(id("my_counter_v1"), "sub"),
    "b7a466fbe86a2f6b5eb298c37726317a4b8e63a535766b186a71855b63c4291b",
  ],
  [
    'id("my_counter_v1").hashed()',
    () => hashed(id("my_counter_v1")),
    "188392a527f2133566178db7d1b9f6355de612b0345474936dbf8e6304d6c14c",
  ],
  ['id("mosaik_noop_state_machine")', () => NOOP_STATE_MACHINE, "8149f518646f75ad984e3d0256bff30e9256ec4659057f2bfe8f57282bb0cf61"],
  ["ConsensusConfig::default().digest()", () => consensusDigest(), "adfe74a86dd01a601b37bf2fa5b6bb292ac49656393b7e0ad47f7766c5bb8022"],
  ["Jwt::CLASS", () => JWT_CLASS, "4586eafab50d29f2ad5212e08f84d0a789cd6a565ce8d344652b1b7b60973d8c"],
  ["Tdx::CLASS", () => TDX_CLASS, "0df6ed8500424a32854ef0a1b86ea7d41ef1a929b55e26023b045c91a38c44d0"],
  [
    "MeasurementsCriteria::new().signature()",
    () => measurementsCriteriaSignature({}),
    "3b000e646edb8d04184a929f13bb44c343bfbfb74fde13aa0dd1e058cca552b2",
  ],
  [
    "Tdx::new().signature()",
    () => tdxValidatorSignature({ baseline: {}, variants: [] }),
    "4c641def73856ee5236fe4d9883e509622c47f5aaf6b2e5fc6fdcf1d2b067c30",
  ],
  [
    'Jwt::with_key(Hs256::new([0x11;32])).allow_issuer("my-app").signature()',
    () =>
      jwtValidatorSignature({
        keys: [{ alg: "hs256", keyBytes: new Uint8Array(32).fill(0x11) }],
        allowNonExpiring: false,
        issuers: ["my-app"],
        audiences: [],
        claims: {},
      }),
    "5e3521de3d01c4d8590e6be753bb30e51ed7830f3a8ee6e5ee91e0fc9b1b8b7d",
  ],
  [
    'Ticket{class=id("my-app.auth"), data="some-credential-data"}.id()',
    () => ticketId(id("my-app.auth"), "some-credential-data"),
    "1e70e38d60ae57f951e00ed3158d0b0a6b8ce787e5c51eb99d7dc019405ca93e",
  ],
  ["Digest::from_u64(42)", () => fromU64(42), "0000000000000000000000000000000000000000000000002a00000000000000"],
];

describe("mosaik.md §3.10 golden vectors", () => {
  it.each(vectors)("%s", (_name, compute, expected) => {
    expect(toHex(compute())).toBe(expected);
  });

  it("covers all fourteen rows of the table", () => {
    expect(vectors).toHaveLength(14);
  });
});
