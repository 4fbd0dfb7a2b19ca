// The policy diff report: what `smalt diff` prints as JSON (field for field) and renders as
// a review comment. Plain data, hashes as lowercase hex, lists in a fixed order, so the JSON
// is stable for tools and for golden files.

export type OrganismStatus = "added" | "removed" | "retired" | "changed" | "unchanged";
export type ChangeClass = "equivalent" | "narrowing" | "widening" | "breaking";
export type ConsumerAction = "none" | "follow" | "republish";
export type ItemChange = "added" | "removed" | "changed";

/** An identifier before and after; null where the organism does not exist. */
export interface IdentifierPair {
  readonly old: string | null;
  readonly new: string | null;
  readonly changed: boolean;
}

export interface Identifiers {
  readonly stableId: IdentifierPair;
  readonly contentHash: IdentifierPair;
  readonly groupId: IdentifierPair;
  readonly stateMachineSignature: IdentifierPair;
}

/** One part of an organism that moved: a config field, a handler, a surface… */
export interface PartChange {
  readonly part: PartKind;
  readonly name: string;
  readonly change: ItemChange;
  readonly old?: string;
  readonly new?: string;
  /** What this change alone does to the set of things the organism admits or accepts. */
  readonly effect: ChangeClass;
  readonly note?: string;
}

export type PartKind =
  | "instance"
  | "committee"
  | "config"
  | "measurements"
  | "surface"
  | "validator"
  | "uses"
  | "state"
  | "asset"
  | "stream"
  | "collection"
  | "event"
  | "handler"
  | "query"
  | "invariant"
  | "function";

/** A concrete ticket, field by field, as text (`iss`, `claims.tier`, `mrtd`, `iat`…). */
export type Witness = Readonly<Record<string, string>>;

export interface TicketClass {
  /** The class, e.g. `iss = "beta"` or `age 3601s..7200s`. */
  readonly description: string;
  readonly old: string; // "admitted, expires in 1h" / "refused: issuer not allowed"
  readonly new: string;
  readonly witness: Witness;
}

export interface TicketSemantics {
  /** Tickets enumerated: the product of the finite domains the two versions' literals induce. */
  readonly domainSize: number;
  readonly newlyAdmitted: readonly TicketClass[];
  readonly newlyRefused: readonly TicketClass[];
  readonly expirationChanged: readonly TicketClass[];
}

export interface ClauseChange {
  readonly clause: string; // `issuer`, `key`, `claim tier`, `require`, `variant 1`…
  readonly change: ItemChange;
  readonly old?: string;
  readonly new?: string;
}

export interface ValidatorDiff {
  readonly name: string;
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly signature: IdentifierPair;
  readonly class: ChangeClass;
  readonly clauses: readonly ClauseChange[];
  readonly semantics?: TicketSemantics;
}

export interface OrderBookWitness {
  readonly args: Readonly<Record<string, string>>; // each rule parameter, as Smalt text
  readonly old: string; // the allocation (or abort) of the old rule
  readonly new: string;
}

export interface ClearingDiff {
  /** Where the rule is used: `config.rule` or the name of a rule called directly. */
  readonly slot: string;
  readonly old: string;
  readonly new: string;
  readonly runs: number;
  readonly seed: number;
  /** The shrunk order book on which the two allocate or price differently; absent if none was found. */
  readonly witness?: OrderBookWitness;
}

export interface OrganismDiff {
  readonly name: string;
  readonly status: OrganismStatus;
  readonly class: ChangeClass;
  readonly action: ConsumerAction;
  readonly instance: { readonly old: string | null; readonly new: string | null };
  readonly identifiers: Identifiers;
  readonly validators: readonly { readonly name: string; readonly old: string | null; readonly new: string | null }[];
  readonly changes: readonly PartChange[];
  /** Admission of the committee (measurements) and of each changed validator gating a surface. */
  readonly admission: readonly ValidatorDiff[];
  readonly clearing: readonly ClearingDiff[];
  /** Why the class and action are what they are, one sentence each. */
  readonly notes: readonly string[];
}

export interface DiffReport {
  readonly version: 1;
  readonly old: string;
  readonly new: string;
  readonly changed: boolean;
  readonly organisms: readonly OrganismDiff[];
  readonly validators: readonly ValidatorDiff[];
}

/** The class of several changes together: breaking wins; narrowing with widening is breaking. */
export function combineClasses(classes: readonly ChangeClass[]): ChangeClass {
  if (classes.includes("breaking")) return "breaking";
  const narrows = classes.includes("narrowing");
  const widens = classes.includes("widening");
  if (narrows && widens) return "breaking";
  return narrows ? "narrowing" : widens ? "widening" : "equivalent";
}
