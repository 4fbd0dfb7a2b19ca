// The lockstep comparison can fail: deliberately different receipts, roots and query results
// are reported as disagreements (and equal ones, or reasons the evaluator words differently
// for the same code, are not).
import { describe, expect, it } from "vitest";
import type { Json } from "../../../compiler/emit/emitted-api.js";
import { receiptMismatch, stepMismatch, type StepResults } from "./compare-step.js";

const ok = (events: Json[] = []): Json => ({ outcome: "ok", events, cites: [] });
const rejected = (code: string, reason: string): Json => ({ outcome: "rejected", code, reason });
const step = (receipt: Json, root = "aa", queries: Record<string, Json> = {}): StepResults => ({ receipt, root, queries });
const event = (n: string): Json => ({ name: "E0", fields: { f0: n } });

describe("receiptMismatch", () => {
  it("accepts identical receipts, in any key order", () => {
    expect(receiptMismatch(ok([event("1")]), { cites: [], events: [{ fields: { f0: "1" }, name: "E0" }], outcome: "ok" })).toBeUndefined();
    expect(receiptMismatch(rejected("require", "r"), rejected("require", "r"))).toBeUndefined();
    expect(receiptMismatch(null, null)).toBeUndefined();
  });

  it("reports a different outcome, code, reason, events or cites", () => {
    expect(receiptMismatch(ok(), rejected("overflow", "u8 overflow in +"))?.what).toBe("outcome");
    expect(receiptMismatch(rejected("narrowing", "x"), rejected("overflow", "x"))?.what).toBe("abort code");
    expect(receiptMismatch(rejected("require", "reason 1"), rejected("require", "reason 2"))?.what).toBe("abort reason");
    expect(receiptMismatch(ok([event("1")]), ok([event("2")]))?.what).toBe("events");
    expect(receiptMismatch(ok([event("1")]), ok([]))?.what).toBe("events");
    expect(receiptMismatch({ outcome: "ok", events: [], cites: [{ kind: "digest", value: "00" }] }, ok())?.what).toBe("cites");
    expect(receiptMismatch(null, ok())?.what).toBe("presence");
  });

  it("compares only the code of aborts the evaluator words differently", () => {
    expect(receiptMismatch(rejected("narrowing", "u128 value 300 does not fit in u8"), rejected("narrowing", "300 does not fit"))).toBeUndefined();
    expect(receiptMismatch(rejected("division_by_zero", "a"), rejected("division_by_zero", "b"))).toBeUndefined();
  });
});

describe("stepMismatch", () => {
  it("reports a different state root after an agreeing receipt", () => {
    expect(stepMismatch(step(ok(), "aa"), step(ok(), "aa"))).toBeUndefined();
    expect(stepMismatch(step(ok(), "aa"), step(ok(), "bb"))).toEqual({ what: "state root", emitted: "aa", reference: "bb" });
  });

  it("reports a receipt difference before a root difference", () => {
    expect(stepMismatch(step(ok(), "aa"), step(rejected("require", "r"), "bb"))?.what).toBe("receipt outcome");
  });

  it("reports different query results", () => {
    const q = (value: Json): Json => ({ outcome: "ok", value });
    expect(stepMismatch(step(ok(), "aa", { q0: q("1") }), step(ok(), "aa", { q0: q("1") }))).toBeUndefined();
    expect(stepMismatch(step(ok(), "aa", { q0: q("1") }), step(ok(), "aa", { q0: q("2") }))?.what).toBe("query q0 value");
    expect(stepMismatch(step(ok(), "aa", { q0: q("1") }), step(ok(), "aa", { q0: rejected("overflow", "u8 overflow in +") }))?.what).toBe("query q0 outcome");
  });
});
