// The parts of an organism that moved between two versions, item by item: config fields
// (old and new values), surfaces, references, state layout, events, handlers, queries and
// invariants by name. Items are compared by their canonical terms, so a change here is a
// change of meaning; each carries the effect it has on its own (narrowing, widening…).
import type { HandlerDef, OrganismDef, QueryDef } from "../ir/declarations.js";
import type { Stmt } from "../ir/statements.js";
import { showType } from "../ir/types.js";
import { encodeTerm, type Term } from "../fingerprint/canonical-sexp.js";
import { toHex } from "../fingerprint/bytes.js";
import type { OrganismFingerprint } from "../fingerprint/fingerprint-program.js";
import { bodyDirection, bodySummary, configDirection } from "./change-direction.js";
import type { ChangeClass, PartChange, PartKind } from "./diff-report.js";
import type { DiffSide } from "./diff-side.js";
import { shortHex, showTyped, showValue } from "./show-ir.js";

const key = (t: Term) => toHex(encodeTerm(t));

export interface Version {
  readonly side: DiffSide;
  readonly fp: OrganismFingerprint;
}

type Effects = {
  added: ChangeClass;
  removed: ChangeClass;
  changed: (name: string) => ChangeClass;
  show?: (o: OrganismDef, name: string) => string | undefined;
  note?: (name: string) => string | undefined;
};

/** Added, removed and changed items of one kind, by name, in name order. */
function compareItems(part: PartKind, old: ReadonlyMap<string, Term>, now: ReadonlyMap<string, Term>, v: { old: Version; now: Version }, effects: Effects): PartChange[] {
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  const out: PartChange[] = [];
  for (const name of names) {
    const [a, b] = [old.get(name), now.get(name)];
    const shown = (o: Version) => effects.show?.(o.fp.def, name);
    const values = (x: Version | undefined, y: Version | undefined) => ({
      ...(x && shown(x) !== undefined ? { old: shown(x) } : {}),
      ...(y && shown(y) !== undefined ? { new: shown(y) } : {}),
    });
    if (a === undefined && b !== undefined) out.push({ part, name, change: "added", ...values(undefined, v.now), effect: effects.added });
    else if (a !== undefined && b === undefined) out.push({ part, name, change: "removed", ...values(v.old, undefined), effect: effects.removed });
    else if (a !== undefined && b !== undefined && key(a) !== key(b)) {
      const note = effects.note?.(name);
      out.push({ part, name, change: "changed", ...values(v.old, v.now), effect: effects.changed(name), ...(note ? { note } : {}) });
    }
  }
  return out;
}

const fixed = (c: ChangeClass) => () => c;

export function partChanges(old: Version, now: Version): PartChange[] {
  const [a, b] = [old.fp.terms, now.fp.terms];
  const v = { old, now };
  const out: PartChange[] = [];
  if (old.fp.instance !== now.fp.instance) {
    out.push({ part: "instance", name: "instance", change: "changed", old: JSON.stringify(old.fp.instance), new: JSON.stringify(now.fp.instance), effect: "breaking", note: "a new stable id: the organism is retired" });
  }
  if (key(a.committee) !== key(b.committee)) {
    const show = (o: OrganismDef) => (o.committee ? `${o.committee.quorum} of ${o.committee.size}` : "none");
    out.push({ part: "committee", name: "committee", change: "changed", old: show(old.fp.def), new: show(now.fp.def), effect: "breaking", note: "the committee re-forms as a new group" });
  }
  const configShow = (o: OrganismDef, name: string) => {
    const c = o.config.find((x) => x.name === name);
    const other = (o === old.fp.def ? now.fp.def : old.fp.def).config.find((x) => x.name === name);
    if (!c) return undefined;
    return other && showType(other.type) === showType(c.type) ? showValue(c.value, c.type) : showTyped(c.type, c.value);
  };
  out.push(
    ...compareItems("config", a.config, b.config, v, {
      added: "breaking",
      removed: "breaking",
      changed: (name) => {
        const [x, y] = [old.fp.def.config.find((c) => c.name === name), now.fp.def.config.find((c) => c.name === name)];
        if (!x || !y || x.value.kind === "Rule") return "breaking";
        return configDirection(now.fp.def, name, x.value, y.value) ?? "breaking";
      },
      show: configShow,
      note: (name) => {
        const [x, y] = [old.fp.def.config.find((c) => c.name === name), now.fp.def.config.find((c) => c.name === name)];
        if (!x || !y || x.value.kind === "Rule") return undefined;
        return configDirection(now.fp.def, name, x.value, y.value) === undefined ? `\`config.${name}\` is read outside \`require\` thresholds, so the direction is unknown` : undefined;
      },
    }),
  );
  out.push(...surfaceChanges(old, now));
  const usesShow = (o: OrganismDef, alias: string) => {
    const u = o.uses.find((x) => x.alias === alias);
    return u && `organism ${JSON.stringify(u.target)} ${u.pin}${u.contentHash ? ` ${shortHex(u.contentHash)}` : ""}`;
  };
  const usesMoved = [...a.uses.values()].map(key).sort().join() !== [...b.uses.values()].map(key).sort().join();
  if (usesMoved) out.push(...compareItems("uses", a.uses, b.uses, v, { added: "breaking", removed: "breaking", changed: fixed("breaking"), show: usesShow }));
  const stateShow = (o: OrganismDef, name: string) => {
    const s = o.state.find((x) => x.name === name);
    return s && showTyped(s.type, s.initial);
  };
  out.push(...compareItems("state", a.state, b.state, v, { added: "breaking", removed: "breaking", changed: fixed("breaking"), show: stateShow }));
  const assets = (xs: readonly string[]) => new Map(xs.map((x) => [x, x] as const));
  out.push(...compareItems("asset", assets(a.assets), assets(b.assets), v, { added: "breaking", removed: "breaking", changed: fixed("breaking") }));
  out.push(...compareItems("stream", a.streams, b.streams, v, { added: "widening", removed: "narrowing", changed: fixed("breaking") }));
  const collectionShow = (o: OrganismDef, name: string) => {
    const c = o.collections.find((x) => x.name === name);
    return c && showType(c.type);
  };
  out.push(...compareItems("collection", a.collections, b.collections, v, { added: "breaking", removed: "breaking", changed: fixed("breaking"), show: collectionShow }));
  out.push(...compareItems("event", a.events, b.events, v, { added: "widening", removed: "narrowing", changed: fixed("breaking") }));
  const bodies = (name: string, kind: "handlers" | "queries") => {
    const [x, y] = [old.fp.def[kind].find((h) => h.name === name), now.fp.def[kind].find((h) => h.name === name)];
    const body = (s: Version, o: NonNullable<typeof x>) => ({ canon: s.side.canon, organism: s.fp.def, body: o.body, quote: (st: Stmt) => s.side.quote(st.span) });
    return x && y ? { x, y, old: body(old, x), now: body(now, y) } : undefined;
  };
  const viaOf = (h: HandlerDef | QueryDef) => ("via" in h ? h.via : undefined);
  const signatureMoved = (p: NonNullable<ReturnType<typeof bodies>>) =>
    p.x.params.map((q) => `${q.name}:${showType(q.type)}`).join() !== p.y.params.map((q) => `${q.name}:${showType(q.type)}`).join();
  const bodyNote = (kind: "handlers" | "queries") => (name: string) => {
    const p = bodies(name, kind);
    if (!p) return undefined;
    const via = viaOf(p.x) !== viaOf(p.y) ? "its surface moved" : undefined;
    return [signatureMoved(p) ? "its parameters moved" : undefined, via, bodySummary(p.old, p.now)].filter((t) => t !== undefined).join("; ");
  };
  const handlerEffect = (name: string): ChangeClass => {
    const p = bodies(name, "handlers");
    if (!p || signatureMoved(p) || viaOf(p.x) !== viaOf(p.y)) return "breaking";
    return bodyDirection(p.old, p.now) ?? "breaking";
  };
  out.push(...compareItems("handler", a.handlers, b.handlers, v, { added: "widening", removed: "narrowing", changed: handlerEffect, note: bodyNote("handlers") }));
  out.push(...compareItems("query", a.queries, b.queries, v, { added: "widening", removed: "narrowing", changed: fixed("breaking"), note: bodyNote("queries") }));
  out.push(...compareItems("invariant", a.invariants, b.invariants, v, { added: "narrowing", removed: "widening", changed: fixed("breaking") }));
  return out;
}

/** Validators added to or removed from a surface (AND-ed: adding one narrows), or only reordered. */
function surfaceChanges(old: Version, now: Version): PartChange[] {
  const lists = (o: OrganismDef) =>
    new Map([...o.streams.map((s) => [`stream ${s.name}`, s.requires.map((r) => r.name)] as const), ...o.collections.map((c) => [`collection ${c.name}`, c.requires.map((r) => r.name)] as const)]);
  const [a, b] = [lists(old.fp.def), lists(now.fp.def)];
  const out: PartChange[] = [];
  for (const [name, xs] of a) {
    const ys = b.get(name);
    if (!ys || xs.join() === ys.join()) continue;
    const added = ys.filter((y) => !xs.includes(y));
    const removed = xs.filter((x) => !ys.includes(x));
    const effect: ChangeClass = added.length > 0 && removed.length > 0 ? "breaking" : added.length > 0 ? "narrowing" : removed.length > 0 ? "widening" : "equivalent";
    const show = (vs: readonly string[]) => (vs.length === 0 ? "(no validators)" : `requires ${vs.join(", ")}`);
    const note = added.length === 0 && removed.length === 0 ? "only the order moved: the validators are AND-ed, so nothing is admitted differently" : undefined;
    out.push({ part: "surface", name, change: "changed", old: show(xs), new: show(ys), effect, ...(note ? { note } : {}) });
  }
  return out;
}
