// Emit stage, the module's entry points: `initialState`, the transactional `apply`
// (handler, then every invariant; any SmaltAbort leaves the given state untouched and
// becomes a rejected receipt), typed `queries`, and the state root with its sub-roots.
import type { EmitEnv } from "./emit-env.js";
import type { IncrementalCheck } from "./emit-incremental.js";
import { stateEntries } from "./emit-surface.js";
import { propertyName } from "./emit-types.js";
import { isReservedValueName } from "./module-scope.js";

/** A parameter name usable in a fixed-shape function (`artifact`, or `delete_` for a keyword). */
export function paramName(name: string): string {
  return isReservedValueName(name) || name === "state" || name === "ctx" ? `${name}_` : name;
}

export function emitEntryPoints(env: EmitEnv, incremental: readonly IncrementalCheck[]): string {
  const o = env.organism;
  const types = env.types;
  const peer = env.helper("$peer");
  const entries = stateEntries(env);
  // Field by field, not `{ ...state }`: a literal of a fixed shape is an order of magnitude cheaper to build.
  const copy = entries.map((s) => `${propertyName(s.name)}: ${env.stateField(s.name, "state")}`);
  const initial = entries.map((s) => `${propertyName(s.name)}: ${types.literal(s.initial, s.type, `Z_${s.name.replace(/\W/g, "_")}`)}`);
  const cases = o.handlers.map(
    (h) => `case ${JSON.stringify(h.name)}:\non_${h.name}($s, $f, $m${h.params.map((p) => `, command.args.${p.name}`).join("")});\nbreak;`,
  );
  const checks = new Map(incremental.map((c) => [c.name, c.check]));
  const invariants = o.invariants.map((i) => `$.checkInvariant(${JSON.stringify(i.name)}, ${checks.get(i.name) ?? `invariant_${i.name}($s, $f, $m)`});`);
  const verified = incremental.length > 0;
  const queries = o.queries.map((q) => {
    const ps = q.params.map((p) => `${paramName(p.name)}: ${types.ts(p.type)}`);
    const args = q.params.map((p) => `, ${paramName(p.name)}`).join("");
    return `${propertyName(q.name)}: (state: State, ctx: QueryContext${ps.map((p) => `, ${p}`).join("")}): ${types.ts(q.returnType)} =>\nquery_${q.name}(state, { self: ${peer}(ctx.self, "ctx.self") }, new $.Meter(QUERIES.${q.name}.cost)${args}),`;
  });
  return [
    "/** The prelude's abort, as bundled with this module: a host tests `e instanceof SmaltAbort`. */",
    "export const SmaltAbort = $.SmaltAbort;",
    "",
    "/** The state before the first command. */",
    "export function initialState(): State {",
    `return { ${initial.join(", ")} };`,
    "}",
    "",
    ...(verified
      ? [
          "/**",
          " * Recent states returned by an accepted command, with the `self` they were checked under: they satisfy",
          " * every invariant, so the next command need not check the incremental ones in full.",
          " */",
          "const $verified = new $.VerifiedStates<State>();",
          "",
          "/**",
          " * Runs every invariant, in name order; the first that fails aborts the command. `$b`: the state before;",
          " * `$checked`: it is known to satisfy every invariant, so the incremental ones are checked only where they may have changed.",
          " */",
          "function checkInvariants($s: State, $f: QueryFrame, $m: $.Meter, $b: State, $checked: boolean): void {",
        ]
      : ["/** Runs every invariant, in name order; the first that fails aborts the command. */", "function checkInvariants($s: State, $f: QueryFrame, $m: $.Meter): void {"]),
    ...invariants,
    "}",
    "",
    "/**",
    " * Applies one command as a transaction: the handler, then every invariant. On success the",
    " * receipt lists the events and cites; on any abort (require, overflow, capacity, cost,",
    " * invariant, …) the receipt says why and `state` is returned unchanged.",
    " */",
    "export function apply(state: State, command: Command, ctx: Context, options: ApplyOptions = {}): { readonly state: State; readonly receipt: Receipt } {",
    "// Commands from untyped callers may name no handler at all.",
    "const handler: unknown = (command as { readonly handler?: unknown }).handler;",
    "const info = typeof handler === \"string\" && Object.prototype.hasOwnProperty.call(HANDLERS, handler) ? HANDLERS[handler] : undefined;",
    "if (info === undefined) return { state, receipt: { outcome: \"rejected\", code: \"unknown_command\", reason: `no handler ${String(handler)}` } };",
    "const $m = new $.Meter(options.budget === undefined ? info.cost : Math.min(info.cost, options.budget));",
    `const $s: Working = { ${copy.join(", ")} };`,
    `const $f: Frame = { sender: ${peer}(ctx.sender, "ctx.sender"), self: ${peer}(ctx.self, "ctx.self"), index: ctx.index, events: [], cites: [] };`,
    "try {",
    ...(cases.length > 0 ? ["switch (command.handler) {", ...cases, "}"] : []),
    ...(verified
      ? ["const $self = $verified.selfOf(state);", "checkInvariants($s, $f, $m, state, $self !== undefined && $.bytesEqual($self, $f.self));"]
      : ["checkInvariants($s, $f, $m);"]),
    "} catch (e) {",
    "if (e instanceof $.SmaltAbort) return { state, receipt: { outcome: \"rejected\", code: e.code, reason: e.reason } };",
    "throw e;",
    "}",
    ...(verified ? ["$verified.add($s, $f.self);"] : []),
    "return { state: $s, receipt: { outcome: \"ok\", events: $f.events, cites: $f.cites } };",
    "}",
    "",
    "/** Queries, each metered against its own static bound; an abort is thrown as a SmaltAbort. */",
    `export const queries = {\n${queries.join("\n")}\n};`,
    "",
    "const $hasher = new $.StateHasher(STATE_FIELDS);",
    "",
    "/** The state root: keyed BLAKE3 over the sub-root of every state entry (see the prelude's state-root.ts). */",
    "export function stateRoot(state: State): Uint8Array {",
    "return $hasher.root(state);",
    "}",
    "",
    "/** One sub-root per state entry, sorted by name: a divergence between replicas names its field. */",
    "export function subRoots(state: State): $.SubRoot[] {",
    "return $hasher.subRoots(state);",
    "}",
    "",
    "/** The canonical encoding of the whole state (entries in name order). */",
    "export function encodeState(state: State): Uint8Array {",
    "return $.encode(STATE_TYPE, state);",
    "}",
    "",
    "/** The inverse of encodeState: a snapshot's bytes back to the state (throws $.DecodeError on bytes encodeState did not produce). */",
    "export function decodeState(bytes: Uint8Array): State {",
    "return $.decode<State>(STATE_TYPE, bytes);",
    "}",
    "",
    "const STATE_TYPE: $.TypeDesc = { kind: \"record\", name: \"State\", fields: STATE_FIELDS };",
  ].join("\n");
}
