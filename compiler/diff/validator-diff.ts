// Diff of one validator between two versions: which clause settings moved (keys, issuers,
// claims, registers, limits, predicates…), and — enumerated exactly over the finite ticket
// domain — which classes of tickets are newly admitted, newly refused, or admitted with
// another expiration, each with a witness ticket.
import type { MeasurementsDef, ValidatorDef } from "../ir/declarations.js";
import { toHex } from "../fingerprint/bytes.js";
import { termDigest } from "../fingerprint/canonical-sexp.js";
import { validatorClause, validatorSignature, validatorTerm } from "../fingerprint/canonical-validators.js";
import { bytesEqual } from "../fingerprint/bytes.js";
import type { ProgramIndex } from "../eval/program-index.js";
import { clauseSettings, measurementSettings } from "./validator-settings.js";
import type { ChangeClass, ClauseChange, TicketSemantics, ValidatorDiff } from "./diff-report.js";
import type { DiffSide } from "./diff-side.js";
import { jwtFactory } from "./jwt-model.js";
import { tdxFactory, tdxSpecOfMeasurements, tdxSpecOfValidator } from "./tdx-model.js";
import { compareAdmission, type RawClass } from "./ticket-enumeration.js";
import { DomainBuilder } from "./ticket-model.js";
import { ticketClass, type TicketKind } from "./ticket-text.js";

export function diffValidator(name: string, old: { side: DiffSide; def: ValidatorDef } | undefined, now: { side: DiffSide; def: ValidatorDef } | undefined): ValidatorDiff {
  const sigOld = old && toHex(validatorSignature(old.def));
  const sigNew = now && toHex(validatorSignature(now.def));
  const signature = { old: sigOld ?? null, new: sigNew ?? null, changed: sigOld !== sigNew };
  if (!old || !now) {
    return { name, status: old ? "removed" : "added", signature, class: old ? "widening" : "narrowing", clauses: [] };
  }
  const same = bytesEqual(fullDigest(old.side, old.def), fullDigest(now.side, now.def));
  if (same) return { name, status: "unchanged", signature, class: "equivalent", clauses: [] };
  const clauses = settingChanges(clauseSettings(old.def, old.side), clauseSettings(now.def, now.side));
  const kindOld = validatorClause(old.def).kind;
  const kindNew = validatorClause(now.def).kind;
  if (kindOld !== kindNew) return { name, status: "changed", signature, class: "breaking", clauses };
  const { semantics, changeClass } = kindOld === "JwtClause" ? jwtSemantics(old, now) : tdxSemantics(old, now);
  return { name, status: "changed", signature, class: changeClass, clauses, semantics };
}

/** The committee's admission: the organisms' `measurements`, compared as register tuples. */
export function diffMeasurements(old: { def?: MeasurementsDef; index: ProgramIndex }, now: { def?: MeasurementsDef; index: ProgramIndex }): ValidatorDiff | undefined {
  const clauses = settingChanges(measurementSettings(old.def), measurementSettings(now.def));
  if (clauses.length === 0) return undefined;
  const domains = new DomainBuilder();
  const cmp = compareAdmission(tdxFactory(), tdxSpecOfMeasurements(old.def, old.index), tdxSpecOfMeasurements(now.def, now.index), domains);
  const { semantics, changeClass } = toSemantics("measurements", cmp.domainSize, cmp.classes, domains);
  return { name: "measurements", status: "changed", signature: { old: null, new: null, changed: true }, class: changeClass, clauses, semantics };
}

function fullDigest(side: DiffSide, def: ValidatorDef): Uint8Array {
  return termDigest(validatorTerm(side.canon, def));
}

type Versions = { side: DiffSide; def: ValidatorDef };

type Semantics = { semantics: TicketSemantics; changeClass: ChangeClass };

function jwtSemantics(old: Versions, now: Versions): Semantics {
  const factory = jwtFactory((def) => (def === old.def ? old.side.index : now.side.index));
  const domains = new DomainBuilder();
  const cmp = compareAdmission(factory, old.def, now.def, domains);
  return toSemantics("jwt", cmp.domainSize, cmp.classes, domains);
}

function tdxSemantics(old: Versions, now: Versions): Semantics {
  const domains = new DomainBuilder();
  const cmp = compareAdmission(tdxFactory(), tdxSpecOfValidator(old.def, old.side.index), tdxSpecOfValidator(now.def, now.side.index), domains);
  return toSemantics("tdx", cmp.domainSize, cmp.classes, domains);
}

function toSemantics(kind: TicketKind, domainSize: number, classes: readonly RawClass[], domains: DomainBuilder): Semantics {
  const of = (k: RawClass["kind"]) => classes.filter((c) => c.kind === k).map((c) => ticketClass(kind, c, (f) => domains.get(f)));
  const semantics = { domainSize, newlyAdmitted: of("admitted"), newlyRefused: of("refused"), expirationChanged: of("expiration") };
  return { semantics, changeClass: semanticClass(classes) };
}

/** Newly admitted only: widening; newly refused only: narrowing; both: breaking. A shorter expiration narrows, a longer one widens. */
export function semanticClass(classes: readonly RawClass[]): ChangeClass {
  const sooner = (c: RawClass) => c.old.admitted && c.new.admitted && c.new.expiresIn !== null && (c.old.expiresIn === null || c.new.expiresIn < c.old.expiresIn);
  const expirations = classes.filter((c) => c.kind === "expiration");
  const narrows = classes.some((c) => c.kind === "refused") || expirations.some(sooner);
  const widens = classes.some((c) => c.kind === "admitted") || expirations.some((c) => !sooner(c));
  return narrows && widens ? "breaking" : narrows ? "narrowing" : widens ? "widening" : "equivalent";
}

/** Settings present in one version only, or with different text: in the old version's order, then new ones. */
function settingChanges(old: readonly (readonly [string, string])[], now: readonly (readonly [string, string])[]): ClauseChange[] {
  const out: ClauseChange[] = [];
  const newKeys = new Map(now);
  const oldKeys = new Map(old);
  for (const [k, v] of old) {
    const n = newKeys.get(k);
    if (n === undefined) out.push({ clause: k, change: "removed", old: v });
    else if (n !== v) out.push({ clause: k, change: "changed", old: v, new: n });
  }
  for (const [k, v] of now) if (!oldKeys.has(k)) out.push({ clause: k, change: "added", new: v });
  return out;
}
