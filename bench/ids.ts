// Identifiers for the benchmarks' workloads, shaped like the real ones: a peer is an Ed25519
// public key and a digest is a content hash, so both are 32 uniformly random-looking bytes.
// Counters padded with zeros would share a 28-byte prefix, which no real id does, and every
// byte-key comparison in the emitted maps would have to read past it.
import crypto from "node:crypto";

/** The hex of a 32-byte id, the SHA-256 of `tag` and `n`: distinct for distinct (tag, n), the same in every run. */
export function benchId(tag: string, n: number): string {
  return crypto.createHash("sha256").update(`${tag}:${n}`).digest("hex");
}
