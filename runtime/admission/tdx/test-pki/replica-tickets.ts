// Test-PKI TDX tickets for a committee's own replicas (the demo, and `smalt run
// --tdx-test-pki`): a fresh test PKI whose collateral the runtime pins and whose root it
// trusts, and for each replica key a ticket quoting the given registers and binding that
// key, the network and the organism's content hash. NOT Intel: local development only.
import type { MeasurementRegister } from "../../../../compiler/fingerprint/validator-signatures.js";
import { fromHex } from "../../../../compiler/fingerprint/bytes.js";
import { collateralDigest } from "../collateral-pin.js";
import type { TdxRuntimeConfig } from "../tdx-ticket-check.js";
import { encodeTdxTicket } from "../ticket-bytes.js";
import { syntheticTicket } from "./synthetic-ticket.js";
import { createTestPki, type TestPki } from "./test-pki.js";

const DAY = 86_400n;

export type Registers = Partial<Record<MeasurementRegister, Uint8Array>>;

export interface ReplicaTicketPki {
  readonly pki: TestPki;
  /** The runtime configuration that verifies this PKI's quotes: its collateral pinned, its root trusted. */
  readonly config: TdxRuntimeConfig;
  /** A ticket for `publicKey` quoted a minute before `now`, expiring a day after it. */
  ticket(publicKey: string, registers: Registers): Uint8Array;
}

export function replicaTicketPki(o: { readonly now: bigint; readonly networkId: string; readonly contentHash: string }): ReplicaTicketPki {
  const pki = createTestPki({ issuedAt: o.now - DAY });
  const contentHash = hex32(o.contentHash);
  const config: TdxRuntimeConfig = { contentHash, collateral: pki.collateralJson, collateralPin: collateralDigest(pki.collateralJson), trust: { testRoot: pki.rootDer } };
  const ticket = (publicKey: string, registers: Registers) => {
    const extra = { peerId: hex32(publicKey), networkId: hex32(o.networkId), startedAt: o.now - 3_600n, quotedAt: o.now - 60n, expiration: { kind: "at" as const, unix: o.now + DAY } };
    return encodeTdxTicket(syntheticTicket(pki, { registers, extra, contentHash }).quote, extra);
  };
  return { pki, config, ticket };
}

function hex32(s: string): Uint8Array {
  const b = fromHex(s);
  if (b === undefined || b.length !== 32) throw new RangeError(`internal error: ${s} is not 32 bytes of hex`);
  return b;
}
