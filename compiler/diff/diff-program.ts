// The diff stage entry point: two checked versions of a policy -> a DiffReport. Organisms
// and top-level validators are matched by name; each is compared by its fingerprints
// first, and only what moved is analysed further. Pure and deterministic.
import { toHex } from "../fingerprint/bytes.js";
import { usesStableId } from "../fingerprint/organism-encoding.js";
import type { DiffReport, OrganismDiff, ValidatorDiff } from "./diff-report.js";
import { DiffSide, type DiffInput } from "./diff-side.js";
import { diffOrganism, type ExactPin } from "./organism-diff.js";
import type { Version } from "./organism-parts.js";
import { diffValidator } from "./validator-diff.js";

export type { DiffInput } from "./diff-side.js";

export function diffPrograms(oldInput: DiffInput, newInput: DiffInput): DiffReport {
  const old = new DiffSide(oldInput);
  const now = new DiffSide(newInput);
  const organisms = diffAllOrganisms(old, now);
  const validators = diffAllValidators(old, now);
  const changed = organisms.some((o) => o.status !== "unchanged") || validators.some((v) => v.status !== "unchanged");
  return { version: 1, old: oldInput.label, new: newInput.label, changed, organisms, validators };
}

function byName<T extends { readonly name: string }>(xs: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const x of xs) if (!out.has(x.name)) out.set(x.name, x);
  return out;
}

function diffAllOrganisms(old: DiffSide, now: DiffSide): OrganismDiff[] {
  const a = byName(old.fingerprints.organisms);
  const b = byName(now.fingerprints.organisms);
  const pins = exactPins(now);
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names.map((name) => {
    const x = a.get(name);
    const y = b.get(name);
    const version = (side: DiffSide, fp: typeof x): Version | undefined => (fp ? { side, fp } : undefined);
    return diffOrganism(name, version(old, x), version(now, y), pins);
  });
}

/** Every `uses … exact` reference of the new version, by the stable id it pins (hex). */
function exactPins(side: DiffSide): Map<string, ExactPin[]> {
  const out = new Map<string, ExactPin[]>();
  for (const m of side.input.modules) {
    for (const o of m.organisms) {
      for (const u of o.uses) {
        if (u.pin !== "exact" || u.contentHash === undefined) continue;
        const id = toHex(usesStableId(u, m.network));
        out.set(id, [...(out.get(id) ?? []), { consumer: o.ref.name, alias: u.alias, contentHash: u.contentHash.toLowerCase() }]);
      }
    }
  }
  return out;
}

function diffAllValidators(old: DiffSide, now: DiffSide): ValidatorDiff[] {
  const a = old.entryValidators();
  const b = now.entryValidators();
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names.map((name) => {
    const x = a.get(name);
    const y = b.get(name);
    return diffValidator(name, x && { side: old, def: x }, y && { side: now, def: y });
  });
}
