// Aborts and metering: only SmaltAbort is turned into a rejection, and the cost meter
// aborts at exactly the same point on every run.
import { describe, expect, it } from "vitest";
import { abort, ABORT_CODES, attempt, checkInvariant, isSmaltAbort, requireThat, SmaltAbort } from "../../stdlib/prelude/abort.js";
import { Meter } from "../../stdlib/prelude/meter.js";

describe("SmaltAbort", () => {
  it("carries a code and a reason", () => {
    const e = new SmaltAbort("require", "below reserve");
    expect(e.code).toBe("require");
    expect(e.reason).toBe("below reserve");
    expect(e.message).toBe("require: below reserve");
    expect(isSmaltAbort(e)).toBe(true);
    expect(isSmaltAbort(new Error("x"))).toBe(false);
    expect(ABORT_CODES).toContain("missing_key");
  });

  it("attempt turns aborts into outcomes and lets bugs through", () => {
    expect(attempt(() => 3)).toEqual({ ok: true, value: 3 });
    expect(attempt(() => requireThat(false, "too many bids"))).toEqual({ ok: false, code: "require", reason: "too many bids" });
    expect(attempt(() => checkInvariant("conserved", false))).toEqual({
      ok: false,
      code: "invariant",
      reason: "invariant conserved violated",
    });
    expect(attempt(() => abort("asset", "balance would go negative"))).toMatchObject({ ok: false, code: "asset" });
    expect(() => attempt(() => { throw new TypeError("bug"); })).toThrow(TypeError);
  });
});

describe("Meter", () => {
  it("charges up to the budget and aborts past it", () => {
    const m = new Meter(10);
    m.charge(4);
    m.chargeEach(3, 2);
    expect(m.used).toBe(10);
    expect(m.remaining).toBe(0);
    expect(() => m.charge(1)).toThrow(new SmaltAbort("cost", "cost budget of 10 units exceeded (needed 11)"));
    expect(m.used).toBe(10);
  });

  it("rejects nonsense charges as bugs, not aborts", () => {
    expect(() => new Meter(-1)).toThrow(RangeError);
    expect(() => new Meter(1).charge(0.5)).toThrow(RangeError);
    expect(() => new Meter(1).charge(-1)).toThrow(RangeError);
    expect(Meter.unlimited().remaining).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("aborts at the same unit on every run", () => {
    const run = () => {
      const m = new Meter(1000);
      let steps = 0;
      const r = attempt(() => {
        for (;;) {
          m.charge(7);
          steps++;
        }
      });
      return { r, steps, used: m.used };
    };
    expect(run()).toEqual(run());
    expect(run().steps).toBe(142);
  });
});
