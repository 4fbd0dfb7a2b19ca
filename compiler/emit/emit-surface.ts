// Emit stage, the organism's public surface: the types of its config, state, commands,
// events, cites and receipts, and the exported constants describing it (identity,
// fingerprints, config values, handlers with their cost bounds, queries, state layout).
import { assetStateFields, BALANCES_TYPE } from "../eval/assets.js";
import { EVIDENCE_TYPE } from "../ir/builtin-records.js";
import type { Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import type { EmitEnv } from "./emit-env.js";
import { propertyName } from "./emit-types.js";
import { cmpStr } from "./program-tables.js";

export interface StateEntry {
  readonly name: string;
  readonly type: Type;
  readonly initial: Value;
}

const U128: Type = { kind: "Prim", name: "u128" };

/** Every state entry (fields, collections, each asset's ledger), sorted by name as the state root sorts them. */
export function stateEntries(env: EmitEnv): StateEntry[] {
  const o = env.organism;
  return [
    ...o.state.map((s) => ({ name: s.name, type: s.type, initial: s.initial })),
    ...o.collections.map((c) => ({ name: c.name, type: c.type, initial: env.tables.zero(c.type) })),
    ...o.assets.flatMap((a) => [
      { name: assetStateFields(a).balances, type: BALANCES_TYPE, initial: { kind: "Map", entries: [] } as Value },
      { name: assetStateFields(a).supply, type: U128, initial: { kind: "Int", value: 0n } as Value },
    ]),
  ].sort((a, b) => cmpStr(a.name, b.name));
}

function objectType(fields: readonly { readonly name: string; readonly type: Type }[], env: EmitEnv): string {
  if (fields.length === 0) return "{ readonly [field: string]: never }";
  return `{ ${fields.map((f) => `readonly ${propertyName(f.name)}: ${env.types.ts(f.type)}`).join("; ")} }`;
}

const union = (arms: readonly string[]) => (arms.length === 0 ? "never" : arms.join(" | "));

export function surfaceTypes(env: EmitEnv): string {
  const o = env.organism;
  const types = env.types;
  const params = (ps: readonly { readonly name: string; readonly type: Type }[]) => objectType(ps, env);
  return [
    "/** The JSON form of values (see the module's schema file): integers are decimal strings, bytes lowercase hex. */",
    "export type Json = null | boolean | string | readonly Json[] | { readonly [key: string]: Json };",
    `export type Config = ${objectType(o.config, env)};`,
    `/** One property per state entry; asset ledgers are \`$<asset>.balances\` and \`$<asset>.supply\`. */`,
    `export type State = ${objectType(stateEntries(env), env)};`,
    `export type Command = ${union(o.handlers.map((h) => `{ readonly handler: ${JSON.stringify(h.name)}; readonly args: ${params(h.params)} }`))};`,
    `export type HandlerName = Command["handler"];`,
    `export type Query = ${union(o.queries.map((q) => `{ readonly query: ${JSON.stringify(q.name)}; readonly args: ${params(q.params)} }`))};`,
    `export type QueryName = Query["query"];`,
    `export type Event = ${union(o.events.map((e) => `{ readonly name: ${JSON.stringify(e.name)}; readonly fields: ${objectType(e.fields, env)} }`))};`,
    `/** An evidence pointer added by \`cite\`. */`,
    `export type Cite = { readonly kind: "evidence"; readonly value: ${types.ts(EVIDENCE_TYPE)} } | { readonly kind: "digest"; readonly value: Uint8Array };`,
    "export type Receipt =",
    "  | { readonly outcome: \"ok\"; readonly events: readonly Event[]; readonly cites: readonly Cite[] }",
    "  | { readonly outcome: \"rejected\"; readonly code: $.AbortCode | \"unknown_command\"; readonly reason: string };",
    "/** What the host supplies with each command: peers as 64 lowercase hex digits, the log index. */",
    "export interface Context {\n  readonly sender: string;\n  readonly self: string;\n  readonly index: bigint;\n}",
    "export interface QueryContext {\n  readonly self: string;\n}",
    "/** `budget`: a lower cost cap than the handler's static bound (tests, or a host's own limit). */",
    "export interface ApplyOptions {\n  readonly budget?: number;\n}",
    "export interface HandlerInfo {\n  readonly via: string | null;\n  readonly params: readonly string[];\n  readonly cost: number;\n}",
    "export interface QueryInfo {\n  readonly params: readonly string[];\n  readonly cost: number;\n}",
    "export interface SurfaceInfo {\n  readonly kind: \"stream\" | \"collection\";\n  readonly requires: readonly string[];\n}",
    "/** The state a handler works on: a shallow copy whose entries are replaced by new versions. */",
    "type Working = { -readonly [K in keyof State]: State[K] };",
    "interface QueryFrame {\n  readonly self: Uint8Array;\n}",
    "interface Frame extends QueryFrame {\n  readonly sender: Uint8Array;\n  readonly index: bigint;\n  readonly events: Event[];\n  readonly cites: Cite[];\n}",
  ].join("\n");
}

/** The exported constants; `fingerprints` are the formatted fingerprints of the organism. */
export function surfaceConstants(env: EmitEnv, fingerprints: Readonly<Record<string, string>>): string {
  const o = env.organism;
  const types = env.types;
  const committee = o.committee ? `{ quorum: ${o.committee.quorum}, size: ${o.committee.size} }` : "null";
  const fps = Object.keys(fingerprints).sort().map((k) => `${propertyName(k)}: ${JSON.stringify(fingerprints[k])}`);
  const config = o.config.map((c) => `${propertyName(c.name)}: ${types.literal(c.value, c.type, `K_${c.name}`)}`);
  const handlers = o.handlers.map(
    (h) => `${propertyName(h.name)}: { via: ${h.via ? JSON.stringify(h.via) : "null"}, params: ${JSON.stringify(h.params.map((p) => p.name))}, cost: ${h.cost} }`,
  );
  const queries = o.queries.map((q) => `${propertyName(q.name)}: { params: ${JSON.stringify(q.params.map((p) => p.name))}, cost: ${q.cost} }`);
  const requires = (rs: readonly { readonly name: string }[]) => JSON.stringify(rs.map((r) => r.name));
  const surfaces = [
    ...o.streams.map((s) => ({ name: s.name, code: `{ kind: "stream", requires: ${requires(s.requires)} }` })),
    ...o.collections.map((c) => ({ name: c.name, code: `{ kind: "collection", requires: ${requires(c.requires)} }` })),
  ]
    .sort((a, b) => cmpStr(a.name, b.name))
    .map((s) => `${propertyName(s.name)}: ${s.code}`);
  const fieldsDesc = (fs: readonly { readonly name: string; readonly type: Type }[]) => `[${fs.map((f) => `[${JSON.stringify(f.name)}, ${types.desc(f.type)}]`).join(", ")}]`;
  const entries = stateEntries(env);
  return [
    `export const ORGANISM = { name: ${JSON.stringify(o.ref.name)}, instance: ${JSON.stringify(o.instance)}, network: ${JSON.stringify(env.tables.networkOf(env.moduleKey))}, committee: ${committee} } as const;`,
    `export const FINGERPRINTS = { ${fps.join(", ")} } as const;`,
    `export const CONFIG: Config = { ${config.join(", ")} };`,
    `export const HANDLERS: { readonly [handler: string]: HandlerInfo } = { ${handlers.join(", ")} };`,
    `export const QUERIES: { readonly [query: string]: QueryInfo } = { ${queries.join(", ")} };`,
    `/** The write-side streams and read-side collections, with the validators each requires (AND-ed). */`,
    `export const SURFACES: { readonly [surface: string]: SurfaceInfo } = { ${surfaces.join(", ")} };`,
    `/** The state layout the state root is computed over (sorted by name). */`,
    `export const STATE_FIELDS: readonly $.StateField[] = [${entries.map((e) => `{ name: ${JSON.stringify(e.name)}, type: ${types.desc(e.type)} }`).join(", ")}];`,
    `/** Each command's arguments as a record type, for the canonical encoding of inputs. */`,
    `export const COMMAND_TYPES: { readonly [handler: string]: $.TypeDesc } = { ${o.handlers.map((h) => `${propertyName(h.name)}: $.T.record(${JSON.stringify(h.name)}, ${fieldsDesc(h.params)})`).join(", ")} };`,
    `export const EVENT_TYPES: { readonly [event: string]: $.TypeDesc } = { ${o.events.map((e) => `${propertyName(e.name)}: $.T.record(${JSON.stringify(e.name)}, ${fieldsDesc(e.fields)})`).join(", ")} };`,
  ].join("\n");
}
