// SmaltAbort (stdlib/prelude/abort.ts) is an Error with a code and a reason, built
// without capturing a stack trace (an abort is a verdict, and the capture tripled the cost
// of a rejected command); the engine's stack-trace limit is left as it was found.
import { describe, expect, it } from "vitest";
import { abort, attempt, SmaltAbort } from "../../stdlib/prelude/abort.js";

describe("SmaltAbort", () => {
  it("is an Error with its code, reason and message", () => {
    const e = new SmaltAbort("require", "Amount must be positive");
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.reason, e.message]).toEqual(["SmaltAbort", "require", "Amount must be positive", "require: Amount must be positive"]);
    expect(attempt(() => abort("capacity", "map is full"))).toEqual({ ok: false, code: "capacity", reason: "map is full" });
  });

  it("captures no stack frames and restores the stack-trace limit", () => {
    const before = Error.stackTraceLimit;
    const e = new SmaltAbort("overflow", "u64 overflow in +");
    expect(Error.stackTraceLimit).toBe(before);
    expect(e.stack ?? "").not.toMatch(/\n\s+at /);
    expect(new Error("ordinary").stack).toMatch(/\n\s+at /); // other errors keep theirs
  });
});
