// Ed25519 keys of committee replicas, on node:crypto (an order of magnitude faster than
// a pure-JS implementation; node20-deps.md §3). A key is a 32-byte seed; public keys and
// signatures travel as lower-case hex (32 and 64 bytes). Signatures are deterministic
// (RFC 8032), so the same key signs the same message to the same bytes everywhere.
import crypto, { type KeyObject } from "node:crypto";
import { isHex32 } from "./state-machine.js";

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): the only import path for a bare seed,
// since a JWK private key must also carry the public half.
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export class ReplicaKey {
  private constructor(
    private readonly privateKey: KeyObject,
    /** The public key, 64 lower-case hex digits. */
    readonly publicKey: string,
  ) {}

  /** The key of a 32-byte seed (for tests and for keys stored as seeds). */
  static fromSeed(seed: Uint8Array): ReplicaKey {
    if (seed.length !== 32) throw new RangeError(`an Ed25519 seed is 32 bytes, not ${seed.length}`);
    const privateKey = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
    const jwk = crypto.createPublicKey(privateKey).export({ format: "jwk" });
    return new ReplicaKey(privateKey, Buffer.from(jwk.x as string, "base64url").toString("hex"));
  }

  static generate(): ReplicaKey {
    return ReplicaKey.fromSeed(crypto.randomBytes(32));
  }

  /** A 64-byte Ed25519 signature of `message`. */
  sign(message: Uint8Array): Uint8Array {
    return new Uint8Array(crypto.sign(null, message, this.privateKey));
  }
}

// Verifying keys are imported once; a committee has a handful of members.
const publicKeys = new Map<string, KeyObject | null>();

function publicKeyObject(publicKey: string): KeyObject | null {
  let key = publicKeys.get(publicKey);
  if (key === undefined) {
    try {
      const x = Buffer.from(publicKey, "hex").toString("base64url");
      key = crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
    } catch {
      key = null; // not a valid curve point: nothing verifies under it
    }
    if (publicKeys.size > 4096) publicKeys.clear();
    publicKeys.set(publicKey, key);
  }
  return key;
}

/** Does `signature` (hex) verify for `message` under `publicKey` (hex)? False for malformed input. */
export function verifyEd25519(publicKey: string, message: Uint8Array, signature: string): boolean {
  if (!isHex32(publicKey) || typeof signature !== "string" || !/^[0-9a-f]{128}$/.test(signature)) return false;
  const key = publicKeyObject(publicKey);
  if (key === null) return false;
  try {
    return crypto.verify(null, message, key, Buffer.from(signature, "hex"));
  } catch {
    return false;
  }
}
