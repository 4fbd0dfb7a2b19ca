// The escrow of examples/escrow written by hand in idiomatic TypeScript, for the apply
// benchmark: the same guards in the same order, the same effects, mutable Maps, guards
// checked before any write (so no rollback is needed), no invariant checks, no metering.
export type Listing = { seller: string; price: bigint; buyer: string | null; status: "active" | "completed" | "cancelled"; seq: bigint };
export type Command =
  | { handler: "endow"; agent: string; amount: bigint }
  | { handler: "register"; artifact: string }
  | { handler: "deposit"; artifact: string; price: bigint; buyer: string | null }
  | { handler: "purchase"; artifact: string }
  | { handler: "cancel"; artifact: string };
export type Receipt = { ok: true } | { ok: false; reason: string };

const DEPOSIT_FEE = 1n;
const STARTING_SCRIP = 100n;

const no = (reason: string): Receipt => ({ ok: false, reason });

export class HandwrittenEscrow {
  readonly writers = new Map<string, string>();
  readonly listings = new Map<string, Listing>();
  readonly balances = new Map<string, bigint>();
  nextSeq = 1n;
  fees = 0n;
  constructor(readonly self: string) {}

  private balance(who: string): bigint {
    return this.balances.get(who) ?? 0n;
  }

  private move(from: string, to: string, amount: bigint): void {
    this.balances.set(from, this.balance(from) - amount);
    this.balances.set(to, this.balance(to) + amount);
  }

  apply(c: Command, sender: string): Receipt {
    switch (c.handler) {
      case "endow":
        if (c.amount < 1n) return no("Amount must be positive");
        if (c.amount > STARTING_SCRIP) return no("Amount exceeds the starting allocation");
        this.balances.set(c.agent, this.balance(c.agent) + c.amount);
        return { ok: true };
      case "register":
        if (this.writers.has(c.artifact)) return no("Artifact already exists");
        this.writers.set(c.artifact, sender);
        return { ok: true };
      case "deposit": {
        if (c.price < 1n) return no("Price must be positive (at least 1)");
        const w = this.writers.get(c.artifact);
        if (w === undefined) return no("Artifact not found");
        if (w !== sender) return no("Only the artifact's current writer can list it");
        if (this.balance(sender) < DEPOSIT_FEE) return no("Insufficient scrip for the deposit fee");
        this.move(sender, this.self, DEPOSIT_FEE);
        this.fees += DEPOSIT_FEE;
        this.writers.set(c.artifact, this.self);
        this.listings.set(c.artifact, { seller: sender, price: c.price, buyer: c.buyer, status: "active", seq: this.nextSeq++ });
        return { ok: true };
      }
      case "purchase": {
        const l = this.listings.get(c.artifact);
        if (!l) return no("No listing found for this artifact; see list_active");
        if (l.status !== "active") return no("Listing is not active");
        if ((l.buyer ?? sender) !== sender) return no("This listing is restricted to another buyer");
        if (l.seller === sender) return no("Cannot purchase your own listing");
        if (this.balance(sender) < l.price) return no("Insufficient scrip");
        this.move(sender, l.seller, l.price);
        this.writers.set(c.artifact, sender);
        l.status = "completed";
        return { ok: true };
      }
      case "cancel": {
        const l = this.listings.get(c.artifact);
        if (!l) return no("No listing found for this artifact; see list_active");
        if (l.seller !== sender) return no("Only the seller can cancel a listing");
        if (l.status !== "active") return no("Listing is not active");
        this.writers.set(c.artifact, sender);
        l.status = "cancelled";
        return { ok: true };
      }
    }
  }
}
