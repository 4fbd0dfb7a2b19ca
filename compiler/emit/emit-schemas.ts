// Emit stage, JSON Schemas (draft-07) of one organism's JSON surface, written to
// <Name>.schema.json. The document itself validates a command envelope
// `{ "handler": …, "args": { … } }`; its definitions describe queries, results, events,
// receipts, the config and every named type. Conventions (the same as emit-json.ts):
// integers are decimal strings (exact ranges are checked when decoding), bytes are
// lowercase hex with exact lengths, options are null or the value, maps are [key, value]
// pairs, enum values are { "tag", "fields"? }. Objects allow no extra properties.
import { EVIDENCE_TYPE } from "../ir/builtin-records.js";
import { INT_RANGES, type Type } from "../ir/types.js";
import { unreachable } from "../syntax/ast.js";
import type { EmitEnv } from "./emit-env.js";

export type JsonSchema = { readonly [keyword: string]: unknown };

const HEX_LENGTHS: Readonly<Record<string, number>> = { digest: 32, peer: 32, measurement: 48 };

function digitsOf(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
}

/** The schema of a scalar, stored once in `definitions` under the type's name. */
function scalarDefinition(name: string): JsonSchema {
  if (name === "bool") return { type: "boolean" };
  if (name === "string") return { type: "string", description: "UTF-8 text" };
  if (name === "bytes") return { type: "string", pattern: "^([0-9a-f]{2})*$", description: "bytes as lowercase hex, without 0x" };
  const hex = HEX_LENGTHS[name];
  if (hex !== undefined) return { type: "string", pattern: `^[0-9a-f]{${2 * hex}}$`, description: `${hex} bytes as ${2 * hex} lowercase hex digits` };
  const [lo, hi] = (INT_RANGES as Record<string, readonly [bigint, bigint]>)[name];
  const sign = lo < 0n ? "-?" : "";
  const more = digitsOf(hi) - 1;
  return {
    type: "string",
    pattern: `^${sign}(0|[1-9][0-9]{0,${more}})$`,
    description: `${name}: an integer in ${lo}..=${hi}, as a decimal string`,
  };
}

const object = (properties: Record<string, JsonSchema>, required = Object.keys(properties)): JsonSchema => ({
  type: "object",
  required,
  additionalProperties: false,
  properties,
});

class SchemaBuilder {
  readonly definitions = new Map<string, JsonSchema>();

  constructor(private readonly env: EmitEnv) {}

  private ref(name: string, build: () => JsonSchema): JsonSchema {
    if (!this.definitions.has(name)) {
      this.definitions.set(name, {});
      this.definitions.set(name, build());
    }
    return { $ref: `#/definitions/${name}` };
  }

  of(t: Type): JsonSchema {
    const tables = this.env.tables;
    switch (t.kind) {
      case "Prim":
        return this.ref(t.name, () => scalarDefinition(t.name));
      case "Option": {
        const inner = this.of(t.inner);
        return { anyOf: [{ type: "null" }, t.inner.kind === "Option" ? object({ some: inner }) : inner] };
      }
      case "List":
        return { type: "array", maxItems: Number(t.capacity), items: this.of(t.element) };
      case "Set":
        return { type: "array", maxItems: Number(t.capacity), uniqueItems: true, items: this.of(t.element) };
      case "Map":
        return {
          type: "array",
          maxItems: Number(t.capacity),
          description: "[key, value] pairs, keys distinct",
          items: { type: "array", minItems: 2, maxItems: 2, items: [this.of(t.key), this.of(t.value)], additionalItems: false },
        };
      case "Record":
        return this.ref(`type.${this.env.types.typeName(t.ref, "Record")}`, () => this.fields(tables.recordFields(t.ref)));
      case "Payload":
        return this.fields(tables.variantFields(t.ref, t.variant));
      case "Enum":
        return this.ref(`type.${this.env.types.typeName(t.ref, "Enum")}`, () => {
          const variants = tables.enumVariants(t.ref);
          return {
            type: "object",
            required: ["tag"],
            properties: { tag: { enum: variants.map((v) => v.name) } },
            allOf: variants.map((v) => ({
              if: { type: "object", required: ["tag"], properties: { tag: { const: v.name } } },
              then: v.fields.length === 0 ? object({ tag: {} }) : object({ tag: {}, fields: this.fields(v.fields) }),
            })),
          };
        });
      case "Clearing":
        return { type: "string", description: "the name of a clearing rule" };
      case "Unit":
      case "Claim":
      case "Error":
        throw new Error(`internal error: ${t.kind} has no JSON schema`);
      default:
        return unreachable(t);
    }
  }

  fields(fields: readonly { readonly name: string; readonly type: Type }[]): JsonSchema {
    return object(Object.fromEntries(fields.map((f) => [f.name, this.of(f.type)])));
  }
}

/** An envelope `{ <tag>: name, <body>: … }` whose body schema is chosen by the tag. */
function envelope(tag: string, body: string, arms: readonly { readonly name: string; readonly schema: JsonSchema }[]): JsonSchema {
  if (arms.length === 0) return { not: {}, description: `there is no ${tag}` };
  return {
    type: "object",
    required: [tag, body],
    additionalProperties: false,
    properties: { [tag]: { enum: arms.map((a) => a.name) }, [body]: { type: "object" } },
    allOf: arms.map((a) => ({
      if: { type: "object", required: [tag], properties: { [tag]: { const: a.name } } },
      then: { type: "object", properties: { [body]: a.schema } },
    })),
  };
}

export function emitSchemas(env: EmitEnv): JsonSchema {
  const o = env.organism;
  const s = new SchemaBuilder(env);
  const defs: Record<string, JsonSchema> = {};
  for (const h of o.handlers) defs[`command.${h.name}`] = s.fields(h.params);
  const commands = envelope("handler", "args", o.handlers.map((h) => ({ name: h.name, schema: { $ref: `#/definitions/command.${h.name}` } })));
  for (const q of o.queries) {
    defs[`query.${q.name}`] = s.fields(q.params);
    defs[`query.${q.name}.result`] = s.of(q.returnType);
  }
  defs.query = envelope("query", "args", o.queries.map((q) => ({ name: q.name, schema: { $ref: `#/definitions/query.${q.name}` } })));
  for (const e of o.events) defs[`event.${e.name}`] = object({ name: { const: e.name }, fields: s.fields(e.fields) });
  const cite = { anyOf: [object({ kind: { const: "evidence" }, value: s.of(EVIDENCE_TYPE) }), object({ kind: { const: "digest" }, value: s.of({ kind: "Prim", name: "digest" }) })] };
  defs.receipt = {
    anyOf: [
      object({
        outcome: { const: "ok" },
        events: o.events.length === 0 ? { type: "array", maxItems: 0 } : { type: "array", items: { anyOf: o.events.map((e) => ({ $ref: `#/definitions/event.${e.name}` })) } },
        cites: { type: "array", items: cite },
      }),
      object({ outcome: { const: "rejected" }, code: { type: "string" }, reason: { type: "string" } }),
    ],
  };
  defs.config = s.fields(o.config);
  for (const [name, schema] of s.definitions) defs[name] = schema;
  const sorted = Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]]));
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: `urn:smalt:organism:${o.ref.name}`,
    title: `${o.ref.name} commands`,
    description:
      "A command envelope. Definitions: command.<handler> (arguments), query and query.<name>(.result), event.<Name>, receipt, config, type.<Name> and scalars. " +
      "Integers are decimal strings; bytes are lowercase hex; options are null or the value; maps are arrays of [key, value] pairs; enum values are { tag, fields? }.",
    ...commands,
    definitions: sorted,
  };
}

