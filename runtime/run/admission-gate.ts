// The gate in front of the log: a command for a handler that reads a stream (`on h(…) via
// s`) is appended only while its sender holds a bond on `s`; a command for a handler with
// no stream is one the committee injects (ticks, closes, relayed evidence) and passes.
// Bonds are made by presenting tickets (runtime/admission/bonds.ts). The gate's clock is
// the caller's; refused commands never reach the log, so every replica sees the same log.
import { BondTable, type BondOutcome, type CommandAdmission } from "../admission/bonds.js";
import type { OrganismAdmission } from "../admission/organism-admission.js";
import type { PresentedTicket } from "../admission/ticket.js";
import type { CommandEnvelope } from "../replica/command-codec.js";

export type GateVerdict = CommandAdmission & { readonly surface: string | null };

export class AdmissionGate {
  readonly bonds: BondTable;

  constructor(
    readonly admission: OrganismAdmission,
    private readonly handlers: Readonly<Record<string, { readonly via: string | null }>>,
  ) {
    this.bonds = new BondTable(admission);
  }

  bond(peer: string, surface: string, tickets: readonly PresentedTicket[], now: bigint): Promise<BondOutcome> {
    return this.bonds.bond(peer, surface, tickets, now);
  }

  /** Whether `envelope` may be appended at `now`; the stream it rides on, or null for an injected handler. */
  check(envelope: CommandEnvelope, now: bigint): GateVerdict {
    const handler = (envelope.command as { handler?: unknown }).handler;
    const via = typeof handler === "string" ? (this.handlers[handler]?.via ?? null) : null;
    if (via === null) return { admitted: true, expires: { kind: "never" }, surface: null };
    return { ...this.bonds.check(envelope.sender, via, now), surface: via };
  }
}
