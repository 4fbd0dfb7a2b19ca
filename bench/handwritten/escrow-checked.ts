// The escrow of examples/escrow written by hand with the obligations the emitted apply has
// and bench/handwritten/escrow.ts does not: every command a transaction (an undo journal;
// a rejected command leaves no trace), the three invariants checked after every command
// (`listed_held` only at the keys the command wrote, as the emitted code does), cost charged
// against the handler's static bound, checked u64/u128 arithmetic, zero balances removed,
// and receipts that carry the events. Like the idiomatic one it keys plain Maps by hex
// strings. It measures what those obligations cost in hand-tuned TypeScript, apart from
// anything the compiler does; test/bench/escrow-checked.test.ts checks that its receipts
// are the emitted escrow's.
import type { Command } from "./escrow.js";

/** The idiomatic escrow's commands, and `delete` (its benchmark stream never deletes). */
export type CheckedCommand = Command | { handler: "delete"; artifact: string };

type Status = { tag: "Active" } | { tag: "Completed"; buyer: string } | { tag: "Cancelled" };
type Listing = { readonly artifact: string; readonly seller: string; readonly price: bigint; readonly buyer: string | null; readonly status: Status; readonly seq: bigint };
export type CheckedEvent = { readonly name: string; readonly fields: Readonly<Record<string, string | bigint | null>> };
export type CheckedReceipt = { readonly outcome: "ok"; readonly events: readonly CheckedEvent[] } | { readonly outcome: "rejected"; readonly code: string; readonly reason: string };

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const DEPOSIT_FEE = 1n;
const STARTING_SCRIP = 100n;
/** The emitted module's static bounds (HANDLERS[…].cost) and the charges it makes on the way. */
const BUDGET = { endow: 88, register: 100, delete: 116, deposit: 281, purchase: 286, cancel: 164 } as const;
const ENTRY = { endow: 47, register: 37, delete: 53, deposit: 196, purchase: 201, cancel: 79 } as const;

class Abort {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {}
}

function fit(v: bigint, max: bigint, what: string): bigint {
  if (v > max) throw new Abort("overflow", `overflow in ${what}`);
  return v;
}

function require(cond: boolean, reason: string): void {
  if (!cond) throw new Abort("require", reason);
}

/** One write to undo: the map, the key, and what it held (undefined: absent). */
type Undo = { readonly map: Map<string, unknown>; readonly key: string; readonly old: unknown };

export class CheckedEscrow {
  private readonly writers = new Map<string, string>();
  private readonly listings = new Map<string, Listing>();
  private readonly balances = new Map<string, bigint>();
  private nextSeq = 1n;
  private fees = 0n;
  private supply = 0n;
  private readonly journal: Undo[] = [];
  private spent = 0;
  private budget = 0;

  constructor(private readonly self: string) {}

  private charge(units: number): void {
    this.spent += units;
    if (this.spent > this.budget) throw new Abort("cost", `cost budget of ${this.budget} units exceeded`);
  }

  private write<V>(map: Map<string, V>, key: string, value: V | undefined): void {
    this.journal.push({ map: map as Map<string, unknown>, key, old: map.get(key) });
    if (value === undefined) map.delete(key);
    else map.set(key, value);
  }

  private mint(to: string, n: bigint): void {
    this.supply = fit(this.supply + n, U128_MAX, "scrip.mint");
    this.write(this.balances, to, fit((this.balances.get(to) ?? 0n) + n, U128_MAX, "scrip.mint"));
  }

  private transfer(from: string, to: string, n: bigint): void {
    const have = this.balances.get(from) ?? 0n;
    if (have < n) throw new Abort("asset", `insufficient scrip: need ${n}, have ${have}`);
    this.write(this.balances, from, have === n ? undefined : have - n);
    this.write(this.balances, to, fit((this.balances.get(to) ?? 0n) + n, U128_MAX, "scrip.transfer"));
  }

  apply(c: CheckedCommand, sender: string): CheckedReceipt {
    const saved = { nextSeq: this.nextSeq, fees: this.fees, supply: this.supply };
    this.journal.length = 0;
    this.spent = 0;
    this.budget = BUDGET[c.handler];
    const events: CheckedEvent[] = [];
    try {
      this.charge(ENTRY[c.handler]);
      this.handle(c, sender, events);
      this.checkInvariants();
    } catch (e) {
      if (!(e instanceof Abort)) throw e;
      for (let i = this.journal.length - 1; i >= 0; i--) {
        const u = this.journal[i];
        if (u.old === undefined) u.map.delete(u.key);
        else u.map.set(u.key, u.old);
      }
      this.nextSeq = saved.nextSeq;
      this.fees = saved.fees;
      this.supply = saved.supply;
      return { outcome: "rejected", code: e.code, reason: e.reason };
    }
    return { outcome: "ok", events };
  }

  private handle(c: CheckedCommand, sender: string, events: CheckedEvent[]): void {
    switch (c.handler) {
      case "endow":
        require(c.amount >= 1n, "Amount must be positive");
        require(c.amount <= STARTING_SCRIP, "Amount exceeds the starting allocation");
        this.mint(c.agent, c.amount);
        events.push({ name: "Endowed", fields: { agent: c.agent, amount: c.amount } });
        return;
      case "register":
        require(!this.writers.has(c.artifact), "Artifact already exists");
        this.write(this.writers, c.artifact, sender);
        events.push({ name: "Registered", fields: { artifact: c.artifact, writer: sender } });
        return;
      case "delete":
        require(this.writers.has(c.artifact), "Artifact not found");
        require(this.writers.get(c.artifact) === sender, "Only the artifact's writer can delete it");
        this.write(this.writers, c.artifact, undefined);
        events.push({ name: "Deleted", fields: { artifact: c.artifact, writer: sender } });
        return;
      case "deposit": {
        require(c.price >= 1n, "Price must be positive (at least 1)");
        const w = this.writers.get(c.artifact);
        require(w !== undefined, "Artifact not found");
        require(w === sender, "Only the artifact's current writer can list it");
        require((this.balances.get(sender) ?? 0n) >= DEPOSIT_FEE, "Insufficient scrip for the deposit fee");
        this.transfer(sender, this.self, DEPOSIT_FEE);
        this.fees = fit(this.fees + DEPOSIT_FEE, U64_MAX, "+=");
        this.write(this.writers, c.artifact, this.self);
        this.write(this.listings, c.artifact, { artifact: c.artifact, seller: sender, price: c.price, buyer: c.buyer, status: { tag: "Active" }, seq: this.nextSeq });
        this.nextSeq = fit(this.nextSeq + 1n, U64_MAX, "+=");
        events.push({ name: "Listed", fields: { artifact: c.artifact, seller: sender, price: c.price, buyer: c.buyer } });
        return;
      }
      case "purchase": {
        const l = this.listings.get(c.artifact);
        require(l !== undefined, "No listing found for this artifact; see list_active");
        require(l!.status.tag === "Active", "Listing is not active");
        require((l!.buyer ?? sender) === sender, "This listing is restricted to another buyer");
        require(l!.seller !== sender, "Cannot purchase your own listing");
        require((this.balances.get(sender) ?? 0n) >= l!.price, "Insufficient scrip");
        this.transfer(sender, l!.seller, l!.price);
        this.write(this.writers, c.artifact, sender);
        this.write(this.listings, c.artifact, { ...l!, status: { tag: "Completed", buyer: sender } });
        events.push({ name: "Purchased", fields: { artifact: c.artifact, seller: l!.seller, buyer: sender, price: l!.price } });
        return;
      }
      case "cancel": {
        const l = this.listings.get(c.artifact);
        require(l !== undefined, "No listing found for this artifact; see list_active");
        require(l!.seller === sender, "Only the seller can cancel a listing");
        require(l!.status.tag === "Active", "Listing is not active");
        this.write(this.writers, c.artifact, sender);
        this.write(this.listings, c.artifact, { ...l!, status: { tag: "Cancelled" } });
        events.push({ name: "Cancelled", fields: { artifact: c.artifact, seller: sender } });
        return;
      }
    }
  }

  /** fees_in_sink, listed_held at every key this command wrote in `listings` or `writers`, scrip_conserved; in name order. */
  private checkInvariants(): void {
    this.charge(36);
    if ((this.balances.get(this.self) ?? 0n) !== this.fees) throw new Abort("invariant", "invariant fees_in_sink violated");
    this.charge(2);
    const seen: string[] = [];
    for (const u of this.journal) {
      if ((u.map !== this.listings && u.map !== this.writers) || seen.includes(u.key)) continue;
      seen.push(u.key);
      const l = this.listings.get(u.key);
      if (l === undefined) continue;
      this.charge(22);
      if (l.status.tag === "Active" && this.writers.get(u.key) !== this.self) throw new Abort("invariant", "invariant listed_held violated");
    }
    this.charge(3);
    if (fit(this.supply, U64_MAX, "scrip.total") !== this.supply) throw new Abort("invariant", "invariant scrip_conserved violated");
  }
}
