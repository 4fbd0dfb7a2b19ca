// Emit stage, the JSON entry points a host uses at the boundary: decoding a command
// (`{ "handler": …, "args": { … } }`) with a field path in every error, and writing
// commands, receipts, query results, the config and the state as JSON.
import type { EmitEnv } from "./emit-env.js";
import { readFields, readJson, writeJson } from "./emit-json.js";
import { stateEntries } from "./emit-surface.js";
import { propertyName } from "./emit-types.js";
import { EVIDENCE_TYPE } from "../ir/builtin-records.js";

/** Code for ` (not "x")`, naming the unknown name the input gave, when it gave a string. */
const NOT_GIVEN = (x: string) => `(typeof ${x} === "string" ? \` (not \${JSON.stringify(${x})})\` : "")`;

export function emitJsonApi(env: EmitEnv): string {
  const o = env.organism;
  const invalid = env.helper("$invalid");
  const readObject = env.helper("$readObject");
  const oneOf = (xs: readonly { readonly name: string }[]) =>
    JSON.stringify(xs.length === 0 ? "nothing: this organism has none" : `one of ${xs.map((x) => x.name).join(", ")}`);

  const decodeCases = o.handlers.map((h) => {
    const args = h.params.map((p) => `${propertyName(p.name)}: ${readJson(env, p.type, `a.${p.name}`, JSON.stringify(`args.${p.name}`))}`);
    return `case ${JSON.stringify(h.name)}: {\n${readFields(env, h.params, "o.args", '"args"', "a")}\nreturn { handler: ${JSON.stringify(h.name)}, args: { ${args.join(", ")} } };\n}`;
  });
  const encodeCases = o.handlers.map((h) => {
    const args = h.params.map((p) => `${propertyName(p.name)}: ${writeJson(env, p.type, `c.args.${p.name}`)}`);
    return `case ${JSON.stringify(h.name)}:\nreturn { handler: c.handler, args: { ${args.join(", ")} } };`;
  });
  const eventCases = o.events.map((e) => {
    const fields = e.fields.map((f) => `${propertyName(f.name)}: ${writeJson(env, f.type, `e.fields.${f.name}`)}`);
    return `case ${JSON.stringify(e.name)}:\nreturn { name: e.name, fields: { ${fields.join(", ")} } };`;
  });
  const queryCases = o.queries.map((q) => {
    const args = q.params.map((p) => `, ${readJson(env, p.type, `a.${p.name}`, JSON.stringify(`args.${p.name}`))}`).join("");
    const call = `queries.${q.name}(state, ctx${args})`;
    return `case ${JSON.stringify(q.name)}: {\n${readFields(env, q.params, "o.args", '"args"', "a")}\nreturn { outcome: "ok", value: ${writeJson(env, q.returnType, call)} };\n}`;
  });
  const config = o.config.map((c) => `${propertyName(c.name)}: ${writeJson(env, c.type, `CONFIG.${c.name}`)}`);
  const state = stateEntries(env).map((s) => `${propertyName(s.name)}: ${writeJson(env, s.type, env.stateField(s.name).replace(/^\$s/, "state"))}`);
  const evidence = writeJson(env, EVIDENCE_TYPE, "c.value");
  const switchOr = (subject: string, cases: readonly string[], fallback: string) =>
    cases.length === 0 ? fallback : `switch (${subject}) {\n${cases.join("\n")}\ndefault:\n${fallback}\n}`;

  return [
    "/**",
    " * A command from its JSON form. Malformed input (unknown handler, missing or unknown field,",
    " * wrong type, out-of-range integer, bad hex) aborts with \"invalid_value\" and names the field.",
    " */",
    "export function decodeCommand(json: unknown): Command {",
    `const o = ${readObject}(json, "", ["handler", "args"]);`,
    switchOr("o.handler", decodeCases, `return ${invalid}("handler", ${oneOf(o.handlers)} + ${NOT_GIVEN("o.handler")});`),
    "}",
    "",
    "export function commandToJson(c: Command): Json {",
    switchOr("c.handler", encodeCases, `return ${invalid}("handler", "a known handler");`),
    "}",
    "",
    "export function eventToJson(e: Event): Json {",
    switchOr("e.name", eventCases, `return ${invalid}("event", "a known event");`),
    "}",
    "",
    "function citeToJson(c: Cite): Json {",
    `return c.kind === "digest" ? { kind: c.kind, value: $.toHex(c.value) } : { kind: c.kind, value: ${evidence} };`,
    "}",
    "",
    "export function receiptToJson(r: Receipt): Json {",
    "if (r.outcome === \"rejected\") return { outcome: r.outcome, code: r.code, reason: r.reason };",
    "return { outcome: r.outcome, events: r.events.map(eventToJson), cites: r.cites.map(citeToJson) };",
    "}",
    "",
    "/** Runs a query given as JSON (`{ \"query\": …, \"args\": { … } }`); aborts become a rejected result. */",
    "export function runQuery(state: State, ctx: QueryContext, json: unknown): Json {",
    "try {",
    `const o = ${readObject}(json, "", ["query", "args"]);`,
    switchOr("o.query", queryCases, `return ${invalid}("query", ${oneOf(o.queries)} + ${NOT_GIVEN("o.query")});`),
    "} catch (e) {",
    "if (e instanceof $.SmaltAbort) return { outcome: \"rejected\", code: e.code, reason: e.reason };",
    "throw e;",
    "}",
    "}",
    "",
    "export function configToJson(): Json {",
    `return { ${config.join(", ")} };`,
    "}",
    "",
    "export function stateToJson(state: State): Json {",
    `return { ${state.join(", ")} };`,
    "}",
  ].join("\n");
}

