// One organism across two versions: its status (added, removed, retired, changed,
// unchanged), every identifier old -> new, the parts that moved, the admission and clearing
// semantics of the change, its class, and what a consumer has to do about it.
import { toHex, bytesEqual } from "../fingerprint/bytes.js";
import type { OrganismFingerprint } from "../fingerprint/fingerprint-program.js";
import { clearingMoved, clearingSlots, diffClearing } from "./clearing-witnesses.js";
import { combineClasses, type ClearingDiff, type ConsumerAction, type IdentifierPair, type OrganismDiff, type PartChange, type ValidatorDiff } from "./diff-report.js";
import { partChanges, type Version } from "./organism-parts.js";
import { functionChanges } from "./reached-functions.js";
import { diffMeasurements, diffValidator } from "./validator-diff.js";

/** An exact pin found in the new version: consumer `name` pins a stable id to `contentHash`. */
export interface ExactPin {
  readonly consumer: string;
  readonly alias: string;
  readonly contentHash: string;
}

function pair(a: Uint8Array | undefined, b: Uint8Array | undefined): IdentifierPair {
  return { old: a ? toHex(a) : null, new: b ? toHex(b) : null, changed: !(a && b && bytesEqual(a, b)) };
}

export function diffOrganism(name: string, old: Version | undefined, now: Version | undefined, pins: ReadonlyMap<string, readonly ExactPin[]>): OrganismDiff {
  const identifiers = {
    stableId: pair(old?.fp.stableId, now?.fp.stableId),
    contentHash: pair(old?.fp.contentHash, now?.fp.contentHash),
    groupId: pair(old?.fp.groupId, now?.fp.groupId),
    stateMachineSignature: pair(old?.fp.stateMachineSignature, now?.fp.stateMachineSignature),
  };
  const instance = { old: old?.fp.instance ?? null, new: now?.fp.instance ?? null };
  const validators = validatorPairs(old?.fp, now?.fp);
  // Built in one place so the JSON keys always come in this order.
  const result = (head: Pick<OrganismDiff, "status" | "class" | "action">, rest: Pick<OrganismDiff, "changes" | "admission" | "clearing" | "notes">): OrganismDiff => ({
    name,
    ...head,
    instance,
    identifiers,
    validators,
    ...rest,
  });
  const nothing = { changes: [], admission: [], clearing: [] };
  if (!old || !now) {
    const added = !old;
    const note = added ? "a new organism: nobody pins it yet" : "the organism is gone: every consumer that pins it must re-pin or drop the reference";
    return result({ status: added ? "added" : "removed", class: added ? "widening" : "narrowing", action: added ? "none" : "republish" }, { ...nothing, notes: [note] });
  }
  const status = identifiers.stableId.changed ? "retired" : identifiers.contentHash.changed ? "changed" : "unchanged";
  if (status === "unchanged") return result({ status, class: "equivalent", action: "none" }, { ...nothing, notes: [] });

  const admission = admissionDiffs(old, now);
  const clearing = clearingDiffs(old, now);
  const changes = [...partChanges(old, now), ...functionChanges({ side: old.side, def: old.fp.def }, { side: now.side, def: now.fp.def })].map((c) => withSemantics(c, clearing));
  for (const a of admission) changes.push({ part: a.name === "measurements" ? "measurements" : "validator", name: a.name, change: "changed", effect: a.class });
  const changeClass = combineClasses(changes.map((c) => c.effect));
  const stablePins = pins.get(toHex(now.fp.stableId)) ?? [];
  const stale = stablePins.filter((p) => p.contentHash !== toHex(now.fp.contentHash));
  const action: ConsumerAction = status === "retired" || stale.length > 0 ? "republish" : "follow";
  return result({ status, class: changeClass, action }, { changes, admission, clearing, notes: notes(status, identifiers, stale, changes) });
}

function validatorPairs(old: OrganismFingerprint | undefined, now: OrganismFingerprint | undefined): OrganismDiff["validators"] {
  const names = [...new Set([...(old?.validators ?? []), ...(now?.validators ?? [])].map((v) => v.name))].sort();
  const sig = (fp: OrganismFingerprint | undefined, n: string) => {
    const v = fp?.validators.find((x) => x.name === n);
    return v ? toHex(v.signature) : null;
  };
  return names.map((n) => ({ name: n, old: sig(old, n), new: sig(now, n) }));
}

/** The committee's measurements, then each validator gating a surface in both versions whose meaning moved. */
function admissionDiffs(old: Version, now: Version): ValidatorDiff[] {
  const out: ValidatorDiff[] = [];
  const m = diffMeasurements({ def: old.fp.def.measurements, index: old.side.index }, { def: now.fp.def.measurements, index: now.side.index });
  if (m) out.push(m);
  for (const v of old.fp.validators) {
    const w = now.fp.validators.find((x) => x.name === v.name);
    if (!w || bytesEqual(v.digest, w.digest)) continue;
    out.push(diffValidator(v.name, { side: old.side, def: old.side.validator(v.ref) }, { side: now.side, def: now.side.validator(w.ref) }));
  }
  return out;
}

function clearingDiffs(old: Version, now: Version): ClearingDiff[] {
  const [a, b] = [clearingSlots(old.fp.def), clearingSlots(now.fp.def)];
  const out: ClearingDiff[] = [];
  for (const [slot, x] of [...a].sort(([p], [q]) => (p < q ? -1 : 1))) {
    const y = b.get(slot);
    if (!y || !clearingMoved(old.side, x, now.side, y)) continue;
    out.push(diffClearing(old.side, x, now.side, y));
  }
  return out;
}

/** A `clearing` config field, or a clearing rule whose body moved, takes the class its order-book search found. */
function withSemantics(c: PartChange, clearing: readonly ClearingDiff[]): PartChange {
  if ((c.part === "config" || c.part === "function") && c.change === "changed") {
    const found = clearing.find((d) => (c.part === "config" ? d.slot === `config.${c.name}` : d.old === c.name && d.new === c.name));
    if (found) {
      return found.witness
        ? { ...c, effect: "breaking", note: "allocates differently on the order book below" }
        : { ...c, effect: "equivalent", note: `no order book in ${found.runs} tried allocates or prices differently` };
    }
  }
  return c;
}

function notes(status: "retired" | "changed", ids: OrganismDiff["identifiers"], stale: readonly ExactPin[], changes: readonly PartChange[]): string[] {
  const out: string[] = [];
  if (status === "retired") out.push("the stable id moved: this is a new organism for every consumer, which must re-pin it");
  else out.push("the content hash moved: consumers pinned by stable id follow; consumers pinned exact must republish");
  for (const p of stale) out.push(`\`${p.consumer}\` pins it exact (\`${p.alias}\`) with the old content hash: republish it`);
  if (ids.groupId.changed) {
    const why = ids.stableId.changed ? "the stable id (its group key) moved" : ids.stateMachineSignature.changed ? "the state-machine signature moved" : "a validator folded into it moved: measurements or a surface validator";
    out.push(`the GroupId moved (${why}): the committee forms a new mosaik group`);
  }
  const layout = changes.filter((c) => ["state", "collection", "asset"].includes(c.part));
  if (layout.length > 0) out.push(`the state layout changed (${layout.map((c) => `${c.part} ${c.name}`).join(", ")}): replicas cannot carry state across`);
  return out;
}
