// The empty case: a module with no handlers, queries, events or state still exposes every
// entry point; every command is refused (by `apply`, by the decoder, by the schema).
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { caseInput, loadOrganism, type LoadedOrganism } from "./support/cases.js";
import { peer, SELF } from "./support/replica.js";

let loaded: LoadedOrganism;
beforeAll(async () => {
  loaded = await loadOrganism(caseInput("empty"), "Empty");
});

describe("emitted Empty", () => {
  it("refuses every command, leaving the state as it was", () => {
    const api = loaded.api;
    const state = api.initialState();
    const r = api.apply(state, { handler: "anything", args: {} }, { sender: peer(1), self: SELF, index: 0n });
    expect(r.receipt).toEqual({ outcome: "rejected", code: "unknown_command", reason: "no handler anything" });
    expect(r.state).toBe(state);
    expect(api.apply(state, {}, { sender: peer(1), self: SELF, index: 0n }).receipt).toMatchObject({ code: "unknown_command" });
    expect(() => api.decodeCommand({ handler: "anything", args: {} })).toThrow("handler: expected nothing: this organism has none (not \"anything\")");
    expect(new Ajv({ strict: true }).compile(loaded.emitted.schemas)({ handler: "anything", args: {} })).toBe(false);
  });

  it("has a state root over no fields, and empty JSON views", () => {
    const api = loaded.api;
    expect(api.subRoots(api.initialState())).toEqual([]);
    expect(api.stateRoot(api.initialState())).toHaveLength(32);
    expect(api.stateToJson(api.initialState())).toEqual({});
    expect(api.configToJson()).toEqual({});
    expect(api.runQuery(api.initialState(), { self: SELF }, { query: "x", args: {} })).toEqual({ outcome: "rejected", code: "invalid_value", reason: "query: expected nothing: this organism has none (not \"x\")" });
  });
});
