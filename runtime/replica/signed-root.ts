// What a replica signs: the statement "organism O, after log index i, has state root r".
// The signed message is fixed-width and domain-separated, so a signature over it can
// never be mistaken for a signature over anything else Smalt (or another system) signs:
//
//   message = ASCII "smalt/commit-vote/v1" ‖ 0x00     (21 bytes, the domain tag)
//           ‖ organism content hash                 (32 bytes)
//           ‖ log index, unsigned 64-bit big-endian  (8 bytes)
//           ‖ state root                             (32 bytes)     = 93 bytes
//
// signature = Ed25519(replica key, message). Changing the tag's version means a new format.
import type { ReplicaKey } from "./replica-key.js";
import { verifyEd25519 } from "./replica-key.js";
import { isHex32 } from "./state-machine.js";

export const COMMIT_VOTE_DOMAIN = "smalt/commit-vote/v1";
export const COMMIT_VOTE_MESSAGE_BYTES = COMMIT_VOTE_DOMAIN.length + 1 + 32 + 8 + 32;

/** One replica's signed statement about one log index. */
export interface RootVote {
  readonly organism: string;
  readonly index: number;
  readonly root: string;
  /** The signer's Ed25519 public key, hex. */
  readonly publicKey: string;
  /** Ed25519 signature of `commitVoteMessage(organism, index, root)`, hex. */
  readonly signature: string;
}

/** The exact bytes signed for (organism, index, root); throws RangeError on malformed input. */
export function commitVoteMessage(organism: string, index: number, root: string): Uint8Array {
  if (!isHex32(organism)) throw new RangeError("organism content hash must be 64 lower-case hex digits");
  if (!isHex32(root)) throw new RangeError("state root must be 64 lower-case hex digits");
  if (!Number.isSafeInteger(index) || index < 1) throw new RangeError(`log index must be a positive integer, not ${index}`);
  const msg = Buffer.alloc(COMMIT_VOTE_MESSAGE_BYTES);
  let at = msg.write(COMMIT_VOTE_DOMAIN, 0, "ascii");
  msg[at++] = 0;
  at += Buffer.from(organism, "hex").copy(msg, at);
  msg.writeBigUInt64BE(BigInt(index), at);
  at += 8;
  Buffer.from(root, "hex").copy(msg, at);
  return new Uint8Array(msg.buffer, msg.byteOffset, msg.length);
}

export function signRoot(key: ReplicaKey, organism: string, index: number, root: string): RootVote {
  const signature = Buffer.from(key.sign(commitVoteMessage(organism, index, root))).toString("hex");
  return { organism, index, root, publicKey: key.publicKey, signature };
}

/** Does the signature verify for (organism, index, root) under `publicKey`? False for any malformed part. */
export function verifyRootSignature(publicKey: string, organism: string, index: number, root: string, signature: string): boolean {
  let message: Uint8Array;
  try {
    message = commitVoteMessage(organism, index, root);
  } catch {
    return false;
  }
  return verifyEd25519(publicKey, message, signature);
}
