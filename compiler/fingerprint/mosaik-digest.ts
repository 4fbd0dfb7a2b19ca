// mosaik's well-known ids and the digests of its group configuration: ticket classes,
// ticket ids, ConsensusConfig::digest() and the StateSync signatures (mosaik.md §2, §3.2,
// §3.4, §3.5). Durations are taken in the unit mosaik folds (ms or s), as integers.
import { u128LE, u64LE } from "./bytes.js";
import { type Digest, deriveAll, fromParts, id } from "./digest.js";

/** `Jwt::CLASS` = id("mosaik.tickets.jwt.v1"). */
export const JWT_CLASS: Digest = id("mosaik.tickets.jwt.v1");

/** `Tdx::CLASS` = id("mosaik.tee.tdx.ticket.v1"). */
export const TDX_CLASS: Digest = id("mosaik.tee.tdx.ticket.v1");

/** `NoOp::signature()` = id("mosaik_noop_state_machine"). */
export const NOOP_STATE_MACHINE: Digest = id("mosaik_noop_state_machine");

/** `Ticket { class, data }.id()` = class.derive(data). */
export function ticketId(ticketClass: Digest, data: Uint8Array | string): Digest {
  return deriveAll(ticketClass, [data]);
}

/** The three ConsensusConfig fields mosaik folds into GroupId (election timeouts are not folded). */
export interface ConsensusConfig {
  readonly heartbeatIntervalMs: bigint | number;
  readonly heartbeatJitterMs: bigint | number;
  readonly maxMissedHeartbeats: bigint | number;
}

/** `ConsensusConfig::default()`: 500 ms interval, 150 ms jitter, 10 missed heartbeats. */
export const DEFAULT_CONSENSUS: ConsensusConfig = {
  heartbeatIntervalMs: 500,
  heartbeatJitterMs: 150,
  maxMissedHeartbeats: 10,
};

/**
 * `ConsensusConfig::digest()` = from_parts(u128LE(interval ms) ‖ u128LE(jitter ms) ‖
 * u128LE(max missed)): 48 bytes hashed once. Fields left out take mosaik's defaults.
 */
export function consensusDigest(config: Partial<ConsensusConfig> = {}): Digest {
  const c = { ...DEFAULT_CONSENSUS, ...config };
  return fromParts([u128LE(c.heartbeatIntervalMs), u128LE(c.heartbeatJitterMs), u128LE(c.maxMissedHeartbeats)]);
}

/** `LogReplaySync` defaults: batches of 2000 entries, 25 s fetch timeout. */
export const DEFAULT_LOG_REPLAY_BATCH = 2000;
export const DEFAULT_LOG_REPLAY_FETCH_TIMEOUT_SECS = 25;

/**
 * `LogReplaySync::<M>::signature()` = id("mosaik_log_replay_sync").derive(type_name)
 * .derive(u64LE(batch_size)).derive(u64LE(fetch_timeout secs)). `typeName` stands for Rust's
 * `type_name::<M>()`; Smalt passes its own canonical descriptor of the state machine type.
 */
export function logReplaySyncSignature(
  typeName: string,
  batch: bigint | number = DEFAULT_LOG_REPLAY_BATCH,
  fetchTimeoutSecs: bigint | number = DEFAULT_LOG_REPLAY_FETCH_TIMEOUT_SECS,
): Digest {
  return deriveAll(id("mosaik_log_replay_sync"), [typeName, u64LE(batch), u64LE(fetchTimeoutSecs)]);
}

export interface SnapshotSyncConfig {
  readonly fetchBatchSize: bigint | number;
  readonly snapshotTtlMs: bigint | number;
  readonly snapshotRequestTimeoutMs: bigint | number;
  readonly fetchTimeoutMs: bigint | number;
}

/** `SnapshotSync` defaults: 2000 items per fetch, 10 s ttl, 15 s request timeout, 5 s fetch timeout. */
export const DEFAULT_SNAPSHOT_SYNC: SnapshotSyncConfig = {
  fetchBatchSize: 2000,
  snapshotTtlMs: 10_000,
  snapshotRequestTimeoutMs: 15_000,
  fetchTimeoutMs: 5_000,
};

/**
 * `SnapshotSync::<M>::signature()` (collections) = id("mosaik_collections_snapshot_sync")
 * .derive(type_name).derive(u64LE(batch)).derive(u128LE(ttl ms)).derive(u128LE(request
 * timeout ms)).derive(u128LE(fetch timeout ms)). The widths follow Rust (`as_millis()` is u128).
 */
export function snapshotSyncSignature(typeName: string, config: Partial<SnapshotSyncConfig> = {}): Digest {
  const c = { ...DEFAULT_SNAPSHOT_SYNC, ...config };
  return deriveAll(id("mosaik_collections_snapshot_sync"), [
    typeName,
    u64LE(c.fetchBatchSize),
    u128LE(c.snapshotTtlMs),
    u128LE(c.snapshotRequestTimeoutMs),
    u128LE(c.fetchTimeoutMs),
  ]);
}
