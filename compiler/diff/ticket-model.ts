// The abstract tickets `smalt diff` enumerates: a ticket is a value per feature (`key`,
// `iss`, `claims.tier`, `mrtd`, `age`…), and a validator is a list of checks, each reading
// a few features. Domains are finite: the literals of the two versions being compared,
// their boundary neighbours, "absent" and one value neither version names.
import type { ValidatorDef } from "../ir/declarations.js";

/** A feature's value: text, an integer, a bool, or null for "absent" / "never". */
export type FValue = string | bigint | boolean | null;
export type Ticket = Readonly<Record<string, FValue>>;

export interface Check {
  readonly features: readonly string[];
  /** Why a ticket failing this check is refused (shown in reports). */
  readonly reason: string;
  ok(t: Ticket): boolean;
}

/** One validator version as checks over features, plus the expiration it returns. */
export interface AdmissionModel {
  readonly checks: readonly Check[];
  /** Seconds from now until the returned Expiration (null = never); read only when every check passes. */
  expiresIn(t: Ticket): bigint | null;
  readonly expiryFeatures: readonly string[];
}

/** The moment every witness is set at, unless a `now` literal asks for others: 2025-07-01T00:00:00Z. */
export const DEFAULT_NOW = 1_751_328_000n;
/** The bearer's peer id in witnesses (32 bytes of 0xab). */
export const DEFAULT_PEER = "ab".repeat(32);
/** `sub` equal to the bearer's own peer id (what a jwt without `subject` requires). */
export const BEARER = "\u0000bearer";
/** A JWT key configured in neither version. */
export const OTHER_KEY = "\u0000other-key";

/** Collects each feature's candidate values, in first-seen order, without repeats. */
export class DomainBuilder {
  private readonly values = new Map<string, FValue[]>();
  /** Instants `now` is compared with in `require` predicates (with their neighbours). */
  readonly nowLiterals: bigint[] = [];

  add(feature: string, ...vs: readonly FValue[]): void {
    const list = this.values.get(feature) ?? [];
    for (const v of vs) if (!list.some((x) => x === v)) list.push(v);
    this.values.set(feature, list);
  }

  /** Adds a text value neither version names, built from `base`. */
  addOther(feature: string, base: string): void {
    const list = this.values.get(feature) ?? [];
    let candidate = base;
    for (let i = 2; list.includes(candidate); i++) candidate = `${base}-${i}`;
    this.add(feature, candidate);
  }

  drop(feature: string): void {
    this.values.delete(feature);
  }

  has(feature: string): boolean {
    return this.values.has(feature);
  }

  get(feature: string): readonly FValue[] {
    return this.values.get(feature) ?? [];
  }

  features(): string[] {
    return [...this.values.keys()];
  }
}

/** What a validator version contributes: its model, and its literals added to the shared domains. */
export interface ModelFactory<S = ValidatorDef> {
  readonly kind: "jwt" | "tdx";
  model(spec: S): AdmissionModel;
  contribute(spec: S, domains: DomainBuilder): void;
  /** Features that always go together (e.g. `sub` and `peer`). */
  readonly couplings: readonly (readonly string[])[];
  /** The feature values standing for `now` in `require` predicates. */
  readonly nowFeatures: readonly string[];
  /** Values completing the domains once every version has contributed. */
  finish(domains: DomainBuilder): void;
}

/** Integer boundaries of `x op k`: every region the comparison splits the line into. */
export function boundaries(k: bigint): bigint[] {
  return [k - 1n, k, k + 1n];
}
