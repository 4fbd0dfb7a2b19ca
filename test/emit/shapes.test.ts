// The shapes case: every kind of value crosses the JSON boundary (maps as [key, value]
// pairs, sets, nested lists, nested options, records, enums), round-trips, and is refused
// with the path of the offending element when malformed or over capacity.
import { Ajv } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { caseInput, loadOrganism, type LoadedOrganism } from "./support/cases.js";
import { peer, Replica } from "./support/replica.js";

let loaded: LoadedOrganism;
beforeAll(async () => {
  loaded = await loadOrganism(caseInput("shapes"), "Shapes");
});

const store = (t: unknown, g: unknown, m: unknown) => ({ handler: "store", args: { t, g, m } });

function decodeError(json: unknown): string {
  try {
    loaded.api.decodeCommand(json);
  } catch (e) {
    if (e instanceof loaded.api.SmaltAbort) return e.reason;
    throw e;
  }
  throw new Error("decodeCommand accepted malformed input");
}

describe("emitted Shapes", () => {
  it("round-trips maps, nested lists and nested options, keeping maps in key order", () => {
    const r = new Replica(loaded);
    r.send(peer(1), store([["b", "2"], ["a", "1"]], [["1", "2"], []], { some: null }));
    expect(r.api.stateToJson(r.state)).toMatchObject({ table: [["a", "1"], ["b", "2"]], grid: [["1", "2"], []], maybe: { some: null } });
    expect(r.query("lookup", { k: "b" })).toEqual({ outcome: "ok", value: "2" });
    expect(r.query("lookup", { k: "z" })).toEqual({ outcome: "ok", value: null });
    expect(r.query("inner")).toEqual({ outcome: "ok", value: { some: null } });
    r.send(peer(1), store([], [], { some: true }));
    expect(r.query("inner")).toEqual({ outcome: "ok", value: { some: true } });
    r.send(peer(1), store([], [], null));
    expect(r.query("inner")).toEqual({ outcome: "ok", value: null });
  });

  it("round-trips records holding sets and enums", () => {
    const r = new Replica(loaded);
    const c = { name: "gpu", mode: { tag: "On", fields: { level: "3" } }, tags: ["9", "1"] };
    r.send(peer(1), { handler: "configure", args: { slot: "0", c } });
    expect(r.query("setting", { slot: "0" })).toEqual({ outcome: "ok", value: { ...c, tags: ["1", "9"] } });
    r.send(peer(1), { handler: "configure", args: { slot: "1", c: { name: "", mode: { tag: "Off" }, tags: [] } } });
    expect(r.send(peer(1), { handler: "configure", args: { slot: "2", c: { name: "", mode: { tag: "Off" }, tags: [] } } }).receipt).toEqual({
      outcome: "rejected",
      code: "capacity",
      reason: "map is full (capacity 2)",
    });
  });

  it("names the element at fault in malformed input", () => {
    expect(decodeError(store([["a", "1"], ["a", "2"]], [], null))).toBe("args.t: expected distinct keys");
    expect(decodeError(store([["a", "1"], ["b", "2"], ["c", "3"], ["d", "4"]], [], null))).toBe("args.t: expected at most 3 elements, got 4");
    expect(decodeError(store([["a"]], [], null))).toBe("args.t[0]: expected a [key, value] pair");
    expect(decodeError(store([["a", "256"]], [], null))).toBe("args.t[0][1]: 256 is out of range for u8 (0..=255)");
    expect(decodeError(store([], [["1", "2", "3"]], null))).toBe("args.g[0]: expected at most 2 elements, got 3");
    expect(decodeError(store([], [], { some: 1 }))).toBe("args.m.some: expected true or false");
    expect(decodeError(store([], [], true))).toBe("args.m: expected an object");
    const bad = { name: "x", mode: { tag: "On" }, tags: [] };
    expect(decodeError({ handler: "configure", args: { slot: "0", c: bad } })).toBe("args.c.mode.fields: missing field");
    expect(decodeError({ handler: "configure", args: { slot: "0", c: { ...bad, mode: { tag: "Dim" } } } })).toBe("args.c.mode.tag: expected one of Off, On");
    expect(decodeError({ handler: "configure", args: { slot: "0", c: { ...bad, mode: { tag: "Off" }, tags: ["1", "1"] } } })).toBe("args.c.tags: expected distinct elements");
  });

  it("has schemas that agree with the decoder", () => {
    const validate = new Ajv({ strict: true }).compile(loaded.emitted.schemas);
    expect(validate(store([["a", "1"]], [["1"]], { some: false }))).toBe(true);
    expect(validate(store([["a"]], [], null))).toBe(false);
    expect(validate.errors![0].instancePath).toBe("/args/t/0");
    expect(validate({ handler: "configure", args: { slot: "0", c: { name: "x", mode: { tag: "Off" }, tags: ["1", "1"] } } })).toBe(false);
    expect(validate.errors![0].instancePath).toBe("/args/c/tags");
    expect(validate({ handler: "configure", args: { slot: "0", c: { name: "x", mode: { tag: "On", fields: { level: "1" } }, tags: [] } } })).toBe(true);
    expect(validate({ handler: "configure", args: { slot: "0", c: { name: "x", mode: { tag: "On" }, tags: [] } } })).toBe(false);
  });
});
