// The emitted JSON Schemas with ajv: they compile in strict mode, accept what the module
// accepts and writes (commands, receipts, query results, config), and reject malformed
// commands (unknown handler, wrong type, missing or extra field, bad hex, bad integer) with
// an error naming the field — as `decodeCommand` does, so bad input never reaches `apply`.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadOrganism, ROOT, type LoadedOrganism } from "./support/cases.js";
import { peer, Replica, SELF } from "./support/replica.js";

let escrow: LoadedOrganism;
let ajv: Ajv;
let validateCommand: ValidateFunction;
const ARTIFACT = "77".repeat(32);

beforeAll(async () => {
  escrow = await loadOrganism(path.join(ROOT, "examples", "escrow", "escrow.smalt"), "Escrow");
  ajv = new Ajv({ strict: true, allErrors: false });
  validateCommand = ajv.compile(escrow.emitted.schemas);
});

function definition(name: string): ValidateFunction {
  const v = ajv.getSchema(`${escrow.emitted.schemas.$id as string}#/definitions/${name}`);
  if (!v) throw new Error(`no definition ${name}`);
  return v;
}

/** How a host reports a schema error: the field's path, then what is wrong. */
function describeError(e: ErrorObject): string {
  const field = e.instancePath.slice(1).split("/").join(".");
  const missing = e.keyword === "required" ? (e.params as { missingProperty: string }).missingProperty : undefined;
  const extra = e.keyword === "additionalProperties" ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
  const at = [field, missing ?? extra].filter((x) => x).join(".");
  return `${at || "command"}: ${e.message ?? e.keyword}`;
}

function schemaError(json: unknown): string {
  expect(validateCommand(json)).toBe(false);
  return describeError(validateCommand.errors![0]);
}

function decodeError(json: unknown): string {
  try {
    escrow.api.decodeCommand(json);
  } catch (e) {
    if (e instanceof escrow.api.SmaltAbort) return `${e.code}: ${e.reason}`;
    throw e;
  }
  throw new Error("decodeCommand accepted malformed input");
}

const deposit = (args: Record<string, unknown>) => ({ handler: "deposit", args: { artifact: ARTIFACT, price: "40", buyer: null, ...args } });

describe("emitted JSON Schemas", () => {
  it("accept well-formed commands, which decode", () => {
    for (const c of [deposit({}), deposit({ buyer: peer(2) }), { handler: "endow", args: { agent: peer(1), amount: "10" } }]) {
      expect(validateCommand(c), JSON.stringify(validateCommand.errors)).toBe(true);
      expect(escrow.api.commandToJson(escrow.api.decodeCommand(c))).toEqual(c);
    }
  });

  it("reject an unknown command", () => {
    expect(schemaError({ handler: "steal", args: {} })).toBe("handler: must be equal to one of the allowed values");
    expect(decodeError({ handler: "steal", args: {} })).toBe("invalid_value: handler: expected one of cancel, delete, deposit, endow, purchase, register (not \"steal\")");
  });

  it("reject a wrong type, naming the field", () => {
    expect(schemaError(deposit({ price: 40 }))).toBe("args.price: must be string");
    expect(decodeError(deposit({ price: true }))).toBe("invalid_value: args.price: expected an integer (u64) as a decimal string");
    expect(decodeError(deposit({ price: 40 }))).toBe("invalid_value: args.price: expected an integer (u64) as a decimal string");
    expect(schemaError(deposit({ buyer: 7 }))).toMatch(/^args\.buyer: /);
    expect(decodeError(deposit({ buyer: 7 }))).toBe("invalid_value: args.buyer: expected lowercase hex bytes");
  });

  it("reject a missing or an unknown field, naming it", () => {
    expect(schemaError({ handler: "deposit", args: { artifact: ARTIFACT, price: "1" } })).toBe("args.buyer: must have required property 'buyer'");
    expect(decodeError({ handler: "deposit", args: { artifact: ARTIFACT, price: "1" } })).toBe("invalid_value: args.buyer: missing field");
    expect(schemaError(deposit({ colour: "red" }))).toBe("args.colour: must NOT have additional properties");
    expect(decodeError(deposit({ colour: "red" }))).toBe("invalid_value: args.colour: unknown field (expected artifact, price, buyer)");
    expect(schemaError({ handler: "deposit" })).toBe("args: must have required property 'args'");
  });

  it("reject bad bytes and bad integers", () => {
    expect(schemaError(deposit({ artifact: "77" }))).toMatch(/^args\.artifact: must match pattern/);
    expect(decodeError(deposit({ artifact: "77" }))).toBe("invalid_value: args.artifact: expected 32 bytes (64 hex digits)");
    expect(schemaError(deposit({ artifact: "AB".repeat(32) }))).toMatch(/^args\.artifact: must match pattern/);
    expect(schemaError(deposit({ price: "-1" }))).toMatch(/^args\.price: must match pattern/);
    expect(schemaError(deposit({ price: "007" }))).toMatch(/^args\.price: must match pattern/);
    expect(schemaError(deposit({ price: "123456789012345678901" }))).toMatch(/^args\.price: must match pattern/);
    // Exact range: 2^64 has 20 digits like u64 max, so the decoder catches it.
    expect(decodeError(deposit({ price: (2n ** 64n).toString() }))).toBe("invalid_value: args.price: 18446744073709551616 is out of range for u64 (0..=18446744073709551615)");
  });

  it("describe what the module writes: receipts, query results, config", () => {
    const r = new Replica(escrow);
    r.send(peer(1), { handler: "endow", args: { agent: peer(1), amount: "10" } });
    r.send(peer(1), { handler: "register", args: { artifact: ARTIFACT } });
    const ok = r.send(peer(1), deposit({}));
    const rejected = r.send(peer(1), deposit({}));
    for (const s of [ok, rejected]) expect(definition("receipt")(s.receipt), JSON.stringify(s.receipt)).toBe(true);
    const check = r.query("check", { artifact: ARTIFACT }) as { value: unknown };
    expect(definition("query.check.result")(check.value)).toBe(true);
    expect(definition("query.list_active.result")((r.query("list_active") as { value: unknown }).value)).toBe(true);
    expect(definition("query")({ query: "check", args: { artifact: ARTIFACT } })).toBe(true);
    expect(definition("query")({ query: "check", args: {} })).toBe(false);
    expect(definition("config")(escrow.api.configToJson())).toBe(true);
    expect(r.api.runQuery(r.state, { self: SELF }, { query: "check", args: { artifact: 5 } })).toEqual({
      outcome: "rejected",
      code: "invalid_value",
      reason: "args.artifact: expected lowercase hex bytes",
    });
  });

  it("are deterministic JSON with sorted definitions", () => {
    const defs = Object.keys(escrow.emitted.schemas.definitions as object);
    expect(defs).toEqual([...defs].sort());
    expect(defs).toContain("type.Listing");
    expect(defs).toContain("event.Purchased");
    expect(defs).toContain("u64");
  });
});
