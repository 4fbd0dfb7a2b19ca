// Who the peers of a `test` block are: a name written in a test (`alice`) stands for the
// hash of the name (docs/language.md §9); a 32-byte hex literal is the peer id itself.
// The organism's own account in a test run is TEST_SELF.
import type { TestSender } from "../ir/declarations.js";
import { isHex64 } from "../fingerprint/bytes.js";
import { networkId, stableId } from "../fingerprint/group-id.js";
import { hashValue, T, toHex } from "../../stdlib/prelude/index.js";

/** The organism's own account during `smalt test` (and the emit tests): 32 bytes of 0x5e. */
export const TEST_SELF = "5e".repeat(32);

export function namedPeer(name: string): string {
  return toHex(hashValue(T.string, name));
}

export function senderHex(s: TestSender): string {
  return s.kind === "Named" ? namedPeer(s.name) : s.hex;
}

/** How a `uses` target becomes a stable id in a network: a pinned hex id as written, an instance name derived as mosaik does. */
export function stableIdsIn(network: string): (target: string) => string {
  return (target) => (isHex64(target) ? target.toLowerCase() : toHex(stableId(target, networkId(network))));
}
