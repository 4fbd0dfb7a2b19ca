// Identity of a committee and of an organism: mosaik's GroupId (mosaik.md §3.3), the
// NetworkId (§3.2) and the web book's stable id (§3.9). The network is not folded into
// GroupId; mosaik enforces it separately at the bond handshake.
import { type Digest, deriveAll, fromParts, hashed, id } from "./digest.js";

export interface GroupIdInputs {
  /** `GroupKey.secret`: a digest, or a validator's signature when the key is `GroupKey::from(&validator)`. */
  readonly secret: Digest;
  /** `consensusDigest(…)` of the group's ConsensusConfig. */
  readonly consensus: Digest;
  readonly stateMachineSignature: Digest;
  readonly stateSyncSignature: Digest;
  /** Each `require_ticket` validator's signature, in declaration order (order changes the id). */
  readonly validatorSignatures: readonly Digest[];
}

/**
 * GroupId = secret.hashed().derive(consensus).derive(state machine sig).derive(state sync sig),
 * then .derive(v) for each validator signature in order.
 */
export function groupId(inputs: GroupIdInputs): Digest {
  return deriveAll(hashed(inputs.secret), [
    inputs.consensus,
    inputs.stateMachineSignature,
    inputs.stateSyncSignature,
    ...inputs.validatorSignatures,
  ]);
}

/** `NetworkId = id(name)`. Smalt's default network is `universe`. */
export function networkId(name: string): Digest {
  return id(name);
}

/**
 * An organism's stable id = blake3("instance|" ‖ instance name ‖ "|" ‖ network id bytes).
 * The 32-byte network id at the end has a fixed length, so a `|` inside the name is unambiguous.
 */
export function stableId(instance: string, network: Digest): Digest {
  if (network.length !== 32) throw new RangeError(`internal error: a network id is 32 bytes, got ${network.length}`);
  return fromParts(["instance|", instance, "|", network]);
}
