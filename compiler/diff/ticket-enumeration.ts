// Exact comparison of two validator versions over their finite ticket domain. Features
// read together (by one check, or coupled) form a block; a ticket is admitted iff every
// block admits its part, so the tickets one version admits and the other refuses are
// exactly the block assignments that flip, completed by assignments the rest admits.
// Each block is enumerated in full, so the cost is the sum of block sizes, not their product.
import type { AdmissionModel, Check, DomainBuilder, FValue, ModelFactory, Ticket } from "./ticket-model.js";

export type Outcome = { readonly admitted: true; readonly expiresIn: bigint | null } | { readonly admitted: false; readonly reason: string };
export type ClassKind = "admitted" | "refused" | "expiration";
/** A feature's value in a class: a point, or an inclusive integer range after merging. */
export type ClassValue = FValue | { readonly lo: bigint; readonly hi: bigint };

export interface RawClass {
  readonly kind: ClassKind;
  readonly values: Readonly<Record<string, ClassValue>>; // the block's features
  readonly witness: Ticket; // a complete ticket of the class
  readonly old: Outcome;
  readonly new: Outcome;
}

export interface Comparison {
  readonly domainSize: number;
  readonly classes: readonly RawClass[];
}

const MAX_BLOCK = 250_000;

/** Features in reading order: key, iss, aud, sub, peer, claims, registers, times, quote policy. */
const RANK = ["key", "iss", "aud", "sub", "peer", "claims.", "mrtd", "rtmr0", "rtmr1", "rtmr2", "rtmr3", "quotedAt", "age", "lifetime", "now", "collateral", "status"];
const rank = (f: string) => {
  const i = RANK.findIndex((r) => (r.endsWith(".") ? f.startsWith(r) : f === r));
  return i < 0 ? RANK.length : i;
};
export const byRank = (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);

export function compareAdmission<S>(factory: ModelFactory<S>, oldSpec: S, newSpec: S, domains: DomainBuilder): Comparison {
  factory.contribute(oldSpec, domains);
  factory.contribute(newSpec, domains);
  factory.finish(domains);
  const models = { old: factory.model(oldSpec), new: factory.model(newSpec) };
  const blocks = partition([...models.old.checks, ...models.new.checks], [...factory.couplings, models.old.expiryFeatures, models.new.expiryFeatures]);
  const domainOf = (f: string): readonly FValue[] => (domains.get(f).length > 0 ? domains.get(f) : [null]);
  const tables = blocks.map((features) => blockTable(features, domainOf, models));
  const domainSize = tables.reduce((n, t) => n * t.rows.length, 1);
  const classes: RawClass[] = [];
  tables.forEach((table, i) => {
    const others = tables.filter((_, j) => j !== i);
    const complete = (row: Ticket, prefer: "both" | "old" | "new"): Ticket | undefined => {
      let ticket: Ticket = { ...row };
      for (const t of others) {
        const pick = t.both ?? (prefer === "old" ? t.oldOnly : prefer === "new" ? t.newOnly : undefined);
        if (!pick) return undefined;
        ticket = { ...ticket, ...pick };
      }
      return ticket;
    };
    const merged: RawClass[] = [];
    for (const row of table.rows) {
      const [o, n] = [table.ok.old(row), table.ok.new(row)];
      const kind: ClassKind | undefined = o && !n ? "refused" : !o && n ? "admitted" : o && n && table.expiry ? "expiration" : undefined;
      if (!kind) continue;
      const witness = complete(row, kind === "refused" ? "old" : kind === "admitted" ? "new" : "both");
      if (!witness) continue;
      const outcomes = { old: outcome(models.old, witness), new: outcome(models.new, witness) };
      if (kind === "expiration" && sameOutcome(outcomes.old, outcomes.new)) continue;
      merged.push({ kind, values: row, witness, ...outcomes });
    }
    classes.push(...mergeRanges(merged, table.features, domainOf));
  });
  return { domainSize, classes };
}

interface BlockTable {
  readonly features: readonly string[];
  readonly rows: readonly Ticket[];
  readonly ok: { readonly old: (t: Ticket) => boolean; readonly new: (t: Ticket) => boolean };
  readonly expiry: boolean;
  readonly both?: Ticket;
  readonly oldOnly?: Ticket;
  readonly newOnly?: Ticket;
}

function blockTable(features: readonly string[], domainOf: (f: string) => readonly FValue[], models: { old: AdmissionModel; new: AdmissionModel }): BlockTable {
  const inBlock = (c: Check) => c.features.length === 0 ? features.length === 0 : features.includes(c.features[0]);
  const checksOld = models.old.checks.filter(inBlock);
  const checksNew = models.new.checks.filter(inBlock);
  const memo = new Map<Ticket, [boolean, boolean]>();
  const verdict = (t: Ticket): [boolean, boolean] => {
    let v = memo.get(t);
    if (!v) memo.set(t, (v = [checksOld.every((c) => c.ok(t)), checksNew.every((c) => c.ok(t))]));
    return v;
  };
  const rows = product(features, domainOf);
  const both = rows.find((r) => verdict(r)[0] && verdict(r)[1]);
  return {
    features,
    rows,
    ok: { old: (t) => verdict(t)[0], new: (t) => verdict(t)[1] },
    expiry: features.some((f) => models.old.expiryFeatures.includes(f) || models.new.expiryFeatures.includes(f)),
    both,
    oldOnly: both ?? rows.find((r) => verdict(r)[0]),
    newOnly: both ?? rows.find((r) => verdict(r)[1]),
  };
}

function product(features: readonly string[], domainOf: (f: string) => readonly FValue[]): Ticket[] {
  let rows: Record<string, FValue>[] = [{}];
  for (const f of features) {
    const next: Record<string, FValue>[] = [];
    for (const r of rows) for (const v of domainOf(f)) if (next.length < MAX_BLOCK) next.push({ ...r, [f]: v });
    rows = next;
  }
  return rows;
}

/** Union-find over features: checks and couplings glue the features they read. Blocks in rank order. */
function partition(checks: readonly Check[], couplings: readonly (readonly string[])[]): string[][] {
  const parent = new Map<string, string>();
  const find = (f: string): string => {
    if (!parent.has(f)) parent.set(f, f);
    const p = parent.get(f) as string;
    return p === f ? f : find(p);
  };
  const read = new Set(checks.flatMap((c) => c.features));
  for (const group of [...checks.map((c) => c.features), ...couplings.map((g) => g.filter((f) => read.has(f)))]) {
    for (const f of group) find(f);
    for (let i = 1; i < group.length; i++) parent.set(find(group[i]), find(group[0]));
  }
  const blocks = new Map<string, string[]>();
  for (const f of parent.keys()) blocks.set(find(f), [...(blocks.get(find(f)) ?? []), f]);
  const out = [...blocks.values()].map((b) => b.sort(byRank)).sort((a, b) => byRank(a[0], b[0]));
  return checks.some((c) => c.features.length === 0) ? [[], ...out] : out;
}

export function outcome(m: AdmissionModel, t: Ticket): Outcome {
  const failed = m.checks.find((c) => !c.ok(t));
  return failed ? { admitted: false, reason: failed.reason } : { admitted: true, expiresIn: m.expiresIn(t) };
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.admitted && b.admitted ? a.expiresIn === b.expiresIn : !a.admitted && !b.admitted;
}

/**
 * What must agree for two classes to merge: for admitted/refused classes, the verdicts and
 * reasons (the admitting side's expiration follows the witness); for expiration classes,
 * whether the new expiration is sooner or later.
 */
function mergeKey(c: RawClass): string {
  const verdict = (o: Outcome) => (o.admitted ? "a" : `r:${o.reason}`);
  if (c.kind !== "expiration" || !c.old.admitted || !c.new.admitted) return `${c.kind}|${verdict(c.old)}|${verdict(c.new)}`;
  const sooner = c.new.expiresIn !== null && (c.old.expiresIn === null || c.new.expiresIn < c.old.expiresIn);
  return `expiration|${sooner ? "sooner" : "later"}`;
}

/** Merges classes that differ in one integer feature over neighbouring domain values into a range. */
function mergeRanges(classes: readonly RawClass[], features: readonly string[], domainOf: (f: string) => readonly FValue[]): RawClass[] {
  let current = [...classes];
  for (const f of features) {
    const points = domainOf(f).filter((v): v is bigint => typeof v === "bigint").sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (points.length < 2) continue;
    const lo = (v: ClassValue) => (typeof v === "bigint" ? v : typeof v === "object" && v !== null ? v.lo : undefined);
    const hi = (v: ClassValue) => (typeof v === "bigint" ? v : typeof v === "object" && v !== null ? v.hi : undefined);
    // Classes alike in everything but f, in order of first appearance; each group sorted by f.
    const groups = new Map<string, RawClass[]>();
    for (const c of current) {
      const others = features.filter((g) => g !== f).map((g) => JSON.stringify(c.values[g] ?? null, big));
      const key = [mergeKey(c), lo(c.values[f]) === undefined ? `point:${JSON.stringify(c.values[f], big)}` : "range", ...others].join("|");
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const out: RawClass[] = [];
    for (const group of groups.values()) {
      const sorted = lo(group[0].values[f]) === undefined ? group : [...group].sort((a, b) => ((lo(a.values[f]) as bigint) < (lo(b.values[f]) as bigint) ? -1 : 1));
      const merged: RawClass[] = [];
      for (const c of sorted) {
        const prev = merged[merged.length - 1];
        const [pHi, cLo] = [prev && hi(prev.values[f]), lo(c.values[f])];
        if (prev && pHi !== undefined && cLo !== undefined && points.indexOf(cLo) === points.indexOf(pHi) + 1) {
          merged[merged.length - 1] = { ...prev, values: { ...prev.values, [f]: { lo: lo(prev.values[f]) as bigint, hi: hi(c.values[f]) as bigint } } };
        } else merged.push(c);
      }
      out.push(...merged);
    }
    current = out;
  }
  return current;
}

function big(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? `${v}n` : v;
}
