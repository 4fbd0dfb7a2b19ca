// A jwt clause's keys (as mosaik holds them: HS secret, compressed SEC1 point, Ed25519
// key) -> node KeyObjects jose verifies with. Built once per validator, not per token.
import { createPublicKey, createSecretKey, ECDH, type KeyObject } from "node:crypto";
import { toHex } from "../../../compiler/fingerprint/bytes.js";
import { JWT_ALGORITHM_NAME, type JwtKeyConfig } from "../../../compiler/fingerprint/validator-signatures.js";
import { AdmissionSetupError } from "../codes.js";

export interface VerifyingKey {
  /** The JOSE `alg` this key verifies (`HS256`, `ES256`, `EdDSA`, …). */
  readonly alg: string;
  readonly key: KeyObject;
}

const CURVES = { es256: { openssl: "prime256v1", jwk: "P-256" }, es384: { openssl: "secp384r1", jwk: "P-384" } } as const;

export function verifyingKey(config: JwtKeyConfig): VerifyingKey {
  const alg = JWT_ALGORITHM_NAME[config.alg];
  const bytes = Buffer.from(config.keyBytes);
  switch (config.alg) {
    case "hs256":
    case "hs384":
    case "hs512":
      return { alg, key: createSecretKey(bytes) };
    case "es256":
    case "es384":
      return { alg, key: ecKey(config.alg, bytes) };
    case "eddsa":
      return { alg, key: createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: bytes.toString("base64url") }, format: "jwk" }) };
  }
}

/** A SEC1 point, decompressed by OpenSSL; a point that is not on the curve cannot verify anything. */
function ecKey(alg: "es256" | "es384", point: Buffer): KeyObject {
  const curve = CURVES[alg];
  let uncompressed: Buffer;
  try {
    uncompressed = ECDH.convertKey(point, curve.openssl, undefined, undefined, "uncompressed") as Buffer;
  } catch {
    throw new AdmissionSetupError("A1063", `${alg} key 0x${toHex(point)} is not a point on ${curve.jwk}: no token can verify against it`);
  }
  const size = (uncompressed.length - 1) / 2;
  const x = uncompressed.subarray(1, 1 + size).toString("base64url");
  const y = uncompressed.subarray(1 + size).toString("base64url");
  return createPublicKey({ key: { kty: "EC", crv: curve.jwk, x, y }, format: "jwk" });
}
