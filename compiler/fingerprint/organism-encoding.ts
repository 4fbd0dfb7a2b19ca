// Canonical encoding, part 4: an organism's state machine and its Config.content as terms.
// Items are sorted by name (the checker already sorts them), so declaration order never
// matters; what is written in order (record fields, statements, a surface's validators)
// keeps its order. Each item is also kept as its own term so `smalt diff` can say which moved.
import type { CheckedModule, OrganismDef, UsesDef, ValidatorDef } from "../ir/declarations.js";
import { refKey, type DeclRef } from "../ir/types.js";
import { BodyEncoder } from "./canonical-bodies.js";
import { hexBytes, type CanonContext } from "./canonical-context.js";
import { encodeTerm, intAtom, node, type Term } from "./canonical-sexp.js";
import { toHex, isHex64 } from "./bytes.js";
import { id, type Digest } from "./digest.js";
import { networkId, stableId } from "./group-id.js";
import { measurementsSignature, validatorTerm } from "./canonical-validators.js";

/** The version written at the head of both encodings; bump it on any change to the layout. */
export const CONTENT_ENCODING_VERSION = 1;

/** Every item of an organism as its own term, by kind and name: the unit `smalt diff` compares. */
export interface OrganismTerms {
  readonly committee: Term;
  readonly config: ReadonlyMap<string, Term>;
  readonly uses: ReadonlyMap<string, Term>; // by alias (the alias itself is not encoded)
  readonly state: ReadonlyMap<string, Term>;
  readonly assets: readonly string[];
  readonly streams: ReadonlyMap<string, Term>;
  readonly collections: ReadonlyMap<string, Term>;
  readonly events: ReadonlyMap<string, Term>;
  readonly handlers: ReadonlyMap<string, Term>;
  readonly queries: ReadonlyMap<string, Term>;
  readonly invariants: ReadonlyMap<string, Term>;
  /** Each surface with the full terms of its validators, in the order written. */
  readonly surfaces: ReadonlyMap<string, Term>;
  readonly measurements: Term;
}

/** The stable id a `uses` target names: a 64-hex target is a stable id, anything else an instance. */
export function usesStableId(u: UsesDef, network: string): Digest {
  return isHex64(u.target) ? id(u.target) : stableId(u.target, networkId(network));
}

export function usesTerm(u: UsesDef, network: string): Term {
  return node(
    "ref",
    usesStableId(u, network),
    u.pin,
    u.contentHash === undefined ? node("no-content-hash") : node("content-hash", hexBytes(u.contentHash.toLowerCase())),
  );
}

/** Builds the item terms of one organism of `module`. */
export function organismTerms(cx: CanonContext, module: CheckedModule, o: OrganismDef, validator: (ref: DeclRef) => ValidatorDef): OrganismTerms {
  const uses = new Map(o.uses.map((u) => [u.alias, usesTerm(u, module.network)]));
  const body = () => new BodyEncoder(cx, uses);
  const surface = (kind: string, name: string, requires: readonly DeclRef[]) =>
    node(kind, name, requires.map((r) => validatorTerm(cx, validator(r))));
  return {
    committee: o.committee ? node("committee", intAtom(o.committee.quorum), intAtom(o.committee.size)) : node("no-committee"),
    config: new Map(o.config.map((c) => [c.name, node("param", c.name, cx.typeTerm(c.type), cx.valueTerm(c.value))])),
    uses,
    state: new Map(o.state.map((s) => [s.name, node("field", s.name, cx.typeTerm(s.type), cx.valueTerm(s.initial))])),
    assets: [...o.assets].sort(),
    streams: new Map(o.streams.map((s) => [s.name, node("stream", s.name)])),
    collections: new Map(o.collections.map((c) => [c.name, node("collection", c.name, cx.typeTerm(c.type))])),
    events: new Map(o.events.map((e) => [e.name, node("event", e.name, cx.fieldsTerm(e.fields))])),
    handlers: new Map(
      o.handlers.map((h) => {
        const b = body();
        const params = h.params.map((p) => node("param", p.name, b.declare(p)));
        return [h.name, node("handler", h.name, params, h.via === undefined ? node("committee-injected") : node("via", h.via), b.stmts(h.body))];
      }),
    ),
    queries: new Map(
      o.queries.map((q) => {
        const b = body();
        const params = q.params.map((p) => node("param", p.name, b.declare(p)));
        return [q.name, node("query", q.name, params, cx.typeTerm(q.returnType), b.stmts(q.body))];
      }),
    ),
    invariants: new Map(o.invariants.map((i) => [i.name, node("invariant", i.name, body().expr(i.cond))])),
    surfaces: new Map([
      ...o.streams.map((s) => [`stream ${s.name}`, surface("stream", s.name, s.requires)] as const),
      ...o.collections.map((c) => [`collection ${c.name}`, surface("collection", c.name, c.requires)] as const),
    ]),
    measurements: o.measurements ? node("measurements", measurementsSignature(o.measurements)) : node("no-measurements"),
  };
}

/** Values of a map in key order (code-unit order, the order the checker sorts by). */
function sorted(m: ReadonlyMap<string, Term>): Term[] {
  return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, t]) => t);
}

/** `uses` references sorted by their encoding, since their aliases are not encoded. */
function usesSorted(m: ReadonlyMap<string, Term>): Term[] {
  return [...m.values()]
    .map((t) => [toHex(encodeTerm(t)), t] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, t]) => t);
}

/** The state machine: committee, config, references, state layout, surface names and every body. */
export function stateMachineTerm(t: OrganismTerms): Term {
  return node(
    "smalt-state-machine",
    intAtom(BigInt(CONTENT_ENCODING_VERSION)),
    t.committee,
    node("config", sorted(t.config)),
    node("uses", usesSorted(t.uses)),
    node("state", sorted(t.state)),
    node("assets", [...t.assets]),
    node("streams", sorted(t.streams)),
    node("collections", sorted(t.collections)),
    node("events", sorted(t.events)),
    node("handlers", sorted(t.handlers)),
    node("queries", sorted(t.queries)),
    node("invariants", sorted(t.invariants)),
  );
}

/** Config.content: the state-machine signature beside config, measurements, surfaces and references. */
export function contentTerm(t: OrganismTerms, stateMachineSignature: Digest): Term {
  return node(
    "smalt-content",
    intAtom(BigInt(CONTENT_ENCODING_VERSION)),
    node("state-machine", stateMachineSignature),
    node("config", sorted(t.config)),
    t.measurements,
    node("surfaces", sorted(t.surfaces)),
    node("uses", usesSorted(t.uses)),
  );
}

/**
 * The validators gating an organism's surfaces in GroupId order: surfaces as the content
 * encoding sorts them (`collection <name>`, then `stream <name>`), each surface's validators
 * in the order written, each validator once.
 */
export function groupValidatorOrder(o: OrganismDef): DeclRef[] {
  const surfaces = [...o.collections.map((c) => [`collection ${c.name}`, c.requires] as const), ...o.streams.map((s) => [`stream ${s.name}`, s.requires] as const)].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  );
  const seen = new Map<string, DeclRef>();
  for (const [, requires] of surfaces) for (const r of requires) if (!seen.has(refKey(r))) seen.set(refKey(r), r);
  return [...seen.values()];
}

/** The validators gating an organism's surfaces, each once, by name. */
export function surfaceValidators(o: OrganismDef): DeclRef[] {
  const seen = new Map<string, DeclRef>();
  for (const s of [...o.streams, ...o.collections]) for (const r of s.requires) seen.set(refKey(r), r);
  return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : refKey(a) < refKey(b) ? -1 : 1));
}
