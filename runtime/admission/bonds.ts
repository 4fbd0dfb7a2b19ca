// Bonds: a peer presents its tickets once per surface; every validator of the surface must
// admit (AND), and the bond lasts until the earliest Expiration. Commands then ride on the
// bond, so per-command admission is a map lookup. When a bond's time passes it admits
// nothing; `revalidate` re-checks the peer's current tickets (mosaik's expiry timer,
// mosaik.md §4.5): a refreshed ticket renews the bond, otherwise it closes. `now` is
// always the caller's; every decision goes to the DecisionLog.
import { ADMISSION_CODES, type Refusal, refusal } from "./codes.js";
import { type Decision, earlierExpiration, type Expiration, holdsAt } from "./decision.js";
import { DecisionLog, showExpiration } from "./decision-log.js";
import type { OrganismAdmission } from "./organism-admission.js";
import type { PresentedTicket } from "./ticket.js";

export type BondOutcome = ({ readonly admitted: true; readonly expires: Expiration } | ({ readonly admitted: false } & Refusal)) & {
  readonly decisions: readonly Decision[];
};

export type CommandAdmission = { readonly admitted: true; readonly expires: Expiration } | ({ readonly admitted: false } & Refusal);

interface Bond {
  readonly peer: string;
  readonly surface: string;
  readonly tickets: readonly PresentedTicket[];
  readonly expires: Expiration;
}

const PEER_ID = /^[0-9a-f]{64}$/;
const keyOf = (peer: string, surface: string) => `${peer} ${surface}`;

export class BondTable {
  private readonly open = new Map<string, Bond>();
  private readonly closed = new Map<string, Refusal>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly admission: OrganismAdmission,
    readonly log: DecisionLog = new DecisionLog(),
  ) {}

  /** Bonds `peer` to `surface` with `tickets`, or re-bonds it (the new tickets replace the old). */
  bond(peer: string, surface: string, tickets: readonly PresentedTicket[], now: bigint): Promise<BondOutcome> {
    return this.serial(() => this.present(peer.toLowerCase(), surface, tickets, now));
  }

  /** A peer's refreshed tickets: every bond it holds is re-validated with them. */
  refresh(peer: string, tickets: readonly PresentedTicket[], now: bigint): Promise<BondOutcome[]> {
    const id = peer.toLowerCase();
    return this.serial(async () => {
      const out: BondOutcome[] = [];
      for (const b of [...this.open.values()].filter((x) => x.peer === id)) out.push(await this.present(id, b.surface, tickets, now));
      return out;
    });
  }

  /** Re-validates every bond whose time has passed at `now` with its current tickets; closes the ones refused. */
  revalidate(now: bigint): Promise<void> {
    return this.serial(async () => {
      for (const b of [...this.open.values()].filter((x) => !holdsAt(x.expires, now))) await this.present(b.peer, b.surface, b.tickets, now);
    });
  }

  /** Whether a command from `peer` on `surface` is admitted at `now`: a lookup, no ticket is checked. */
  admits(peer: string, surface: string, now: bigint): boolean {
    return this.check(peer, surface, now).admitted;
  }

  /** `admits`, with the code and reason when it does not. */
  check(peer: string, surface: string, now: bigint): CommandAdmission {
    const id = peer.toLowerCase();
    const bond = this.open.get(keyOf(id, surface));
    if (bond && holdsAt(bond.expires, now)) return { admitted: true, expires: bond.expires };
    if (bond) return { admitted: false, ...refusal("A1041", `the bond expired at ${showExpiration(bond.expires)}; present a refreshed ticket`) };
    const closed = this.closed.get(keyOf(id, surface));
    if (closed) return { admitted: false, ...refusal("A1042", `the bond was closed: ${closed.code} ${closed.reason}`) };
    if (!this.admission.surfaces.has(surface)) return { admitted: false, ...this.unknownSurface(surface) };
    return { admitted: false, ...refusal("A1040", `peer ${id} has no bond on ${surface}`) };
  }

  /** The earliest time an open bond expires: when the caller should run `revalidate`. */
  nextExpiry(): bigint | undefined {
    let next: Expiration = { kind: "never" };
    for (const b of this.open.values()) next = earlierExpiration(next, b.expires);
    return next.kind === "at" ? next.unix : undefined;
  }

  private async present(peer: string, surface: string, tickets: readonly PresentedTicket[], now: bigint): Promise<BondOutcome> {
    const problem = this.presentationProblem(peer, surface);
    const validators = this.admission.surfaces.get(surface);
    if (problem || validators === undefined) {
      const r = problem ?? this.unknownSurface(surface);
      this.log.append({ kind: "bond", at: now, peer, surface, event: "refused", ...r });
      return { admitted: false, ...r, decisions: [] };
    }
    const cx = { peer, networkId: this.admission.networkId, now };
    const decisions: Decision[] = [];
    for (const v of validators) {
      const d = await v.decide(tickets, cx);
      decisions.push(d);
      this.log.append({ kind: "validator", at: now, peer, surface, decision: d });
    }
    const key = keyOf(peer, surface);
    const refused = decisions.find((d) => !d.admitted);
    if (refused && !refused.admitted) {
      const r: Refusal = { code: refused.code, reason: `validator ${refused.validator}: ${refused.reason}` };
      const event = this.open.delete(key) ? "closed" : "refused";
      if (event === "closed") this.closed.set(key, r);
      this.log.append({ kind: "bond", at: now, peer, surface, event, ...r });
      return { admitted: false, ...r, decisions };
    }
    let expires: Expiration = { kind: "never" };
    for (const d of decisions) if (d.admitted) expires = earlierExpiration(expires, d.expires);
    const event = this.open.has(key) ? "renewed" : "opened";
    this.open.set(key, { peer, surface, tickets, expires });
    this.closed.delete(key);
    this.log.append({ kind: "bond", at: now, peer, surface, event, expires });
    return { admitted: true, expires, decisions };
  }

  private presentationProblem(peer: string, surface: string): Refusal | undefined {
    if (!PEER_ID.test(peer)) return refusal("A1051", `peer id ${JSON.stringify(peer)} is not 64 hex digits`);
    return this.admission.surfaces.has(surface) ? undefined : this.unknownSurface(surface);
  }

  private unknownSurface(surface: string): Refusal {
    const known = [...this.admission.surfaces.keys()].sort().join(", ");
    return refusal("A1050", `${this.admission.organism} has no stream or collection \`${surface}\` (${ADMISSION_CODES.A1050}; surfaces: ${known || "none"})`);
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
