// The TDX test PKI: synthetic, correctly signed quotes and collateral under a test root.
export { createTestPki, type SyntheticQuoteFields, type TestPki, type TestPkiOptions } from "./test-pki.js";
export { syntheticTicket, type SyntheticTicketSpec } from "./synthetic-ticket.js";
export { replicaTicketPki, type Registers, type ReplicaTicketPki } from "./replica-tickets.js";
