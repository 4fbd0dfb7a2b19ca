// What a peer presents and what one clause check (JWT here, TDX in tdx/) returns. A
// ticket is mosaik's `{class, data}`: the class picks the validators that read it, the
// data is the compact JWS (UTF-8) or the TDX ticket bytes.
import type { Expiration } from "./decision.js";
import type { Refusal } from "./codes.js";

export type TicketClass = "jwt" | "tdx";

export interface PresentedTicket {
  readonly class: TicketClass;
  readonly data: Uint8Array;
}

export function jwtTicket(token: string): PresentedTicket {
  return { class: "jwt", data: new TextEncoder().encode(token) };
}

/** Who presents the ticket, on which network, and when (Unix seconds, supplied by the caller). */
export interface TicketContext {
  /** The presenting peer's id: 64 lowercase hex digits. */
  readonly peer: string;
  /** The organism's network id (mosaik `NetworkId`): 64 lowercase hex digits. */
  readonly networkId: string;
  readonly now: bigint;
}

/** A claim value `require` predicates can compare: JSON strings, booleans and exact integers. */
export type ClaimFact = string | bigint | boolean;

/** What a verified ticket says, for a validator's `require` predicates (`ticket.issuer`, `ticket.claims.x`). */
export interface TicketFacts {
  readonly issuer?: string;
  readonly subject?: string;
  /** Top-level claims; JSON values of other kinds (objects, arrays, fractions, inexact integers) are left out. */
  readonly claims: ReadonlyMap<string, ClaimFact>;
}

export type ClauseVerdict = ({ readonly admitted: true; readonly expires: Expiration; readonly facts: TicketFacts }) | ({ readonly admitted: false } & Refusal);

/**
 * One validator clause (`jwt { … }` or `tdx { … }`) as a check on one ticket of its class.
 * Synchronous checks return an already-resolved promise. A check never reads a clock and
 * never throws for bad input: every refusal is a verdict with a code.
 */
export interface TicketCheck {
  readonly ticketClass: TicketClass;
  check(data: Uint8Array, cx: TicketContext): Promise<ClauseVerdict>;
}
