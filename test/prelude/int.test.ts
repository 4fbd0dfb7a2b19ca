// Checked integer arithmetic: exact edges of every width (the largest value that fits,
// the first that does not), rounding of the division family, and precise abort reasons.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SmaltAbort } from "../../stdlib/prelude/abort.js";
import * as I from "../../stdlib/prelude/int.js";
import { propertyRuns, propertySeed } from "../support/properties.js";

function aborts(f: () => unknown): { code: string; reason: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof SmaltAbort) return { code: e.code, reason: e.reason };
    throw e;
  }
  throw new Error("expected a SmaltAbort");
}

const settings = () => ({ seed: propertySeed(), numRuns: propertyRuns(300) });

describe("ranges", () => {
  it("match the declared widths", () => {
    expect(I.INT_RANGE.u8).toEqual([0n, 255n]);
    expect(I.INT_RANGE.u16).toEqual([0n, 65535n]);
    expect(I.INT_RANGE.u32).toEqual([0n, 2n ** 32n - 1n]);
    expect(I.INT_RANGE.u64).toEqual([0n, 2n ** 64n - 1n]);
    expect(I.INT_RANGE.u128).toEqual([0n, 2n ** 128n - 1n]);
    expect(I.INT_RANGE.i64).toEqual([-(2n ** 63n), 2n ** 63n - 1n]);
    expect(I.INT_RANGE.bps).toEqual([0n, 10000n]);
    expect(I.INT_RANGE.duration).toEqual(I.INT_RANGE.u64);
    expect(I.INT_RANGE.timestamp).toEqual(I.INT_RANGE.u64);
  });
});

describe.each(I.INT_TYPES)("%s edges", (t) => {
  const [lo, hi] = I.INT_RANGE[t];

  it("adds up to the maximum and overflows one past it", () => {
    expect(I.add(t, hi - 1n, 1n)).toBe(hi);
    expect(aborts(() => I.add(t, hi, 1n))).toEqual({ code: "overflow", reason: `${t} overflow in +` });
  });

  it("subtracts down to the minimum and underflows one past it", () => {
    expect(I.sub(t, lo + 1n, 1n)).toBe(lo);
    expect(aborts(() => I.sub(t, lo, 1n))).toEqual({ code: "overflow", reason: `${t} underflow in -` });
  });

  it("multiplies up to the maximum and overflows past it", () => {
    expect(I.mul(t, hi, 1n)).toBe(hi);
    expect(I.mul(t, hi / 2n, 2n)).toBe((hi / 2n) * 2n);
    expect(aborts(() => I.mul(t, hi, 2n))).toEqual({ code: "overflow", reason: `${t} overflow in *` });
  });

  it("aborts every division by zero", () => {
    for (const [op, f] of [
      ["/", () => I.div(t, hi, 0n)],
      ["%", () => I.mod(t, hi, 0n)],
      ["div_floor", () => I.divFloor(t, hi, 0n)],
      ["div_ceil", () => I.divCeil(t, hi, 0n)],
      ["mul_div", () => I.mulDiv(t, hi, 1n, 0n)],
    ] as const) {
      expect(aborts(f)).toEqual({ code: "division_by_zero", reason: `${t} division by zero in ${op}` });
    }
  });

  it("mul_div uses a wide intermediate and range-checks the result", () => {
    expect(I.mulDiv(t, hi, hi, hi)).toBe(hi);
    if (hi > 1n) expect(I.mulDiv(t, hi, 2n, 4n)).toBe(hi / 2n);
    expect(aborts(() => I.mulDiv(t, hi, 2n, 1n))).toEqual({ code: "overflow", reason: `${t} overflow in mul_div` });
  });

  it("narrows only values that fit", () => {
    expect(I.convert("u128", t, hi)).toBe(hi);
    expect(aborts(() => I.convert("u128", t, hi + 1n))).toEqual({
      code: "narrowing",
      reason: `u128 value ${hi + 1n} does not fit in ${t}`,
    });
  });
});

describe("signed and rounding", () => {
  const MIN = -(2n ** 63n);

  it("i64 MIN / -1 and -MIN overflow", () => {
    expect(aborts(() => I.div("i64", MIN, -1n)).reason).toBe("i64 overflow in /");
    expect(aborts(() => I.neg("i64", MIN)).reason).toBe("i64 overflow in unary -");
    expect(I.mod("i64", MIN, -1n)).toBe(0n);
    expect(I.neg("u64", 0n)).toBe(0n);
    expect(aborts(() => I.neg("u64", 1n)).reason).toBe("u64 underflow in unary -");
  });

  it("`/` truncates toward zero and `%` takes the sign of the dividend", () => {
    expect(I.div("i64", -7n, 2n)).toBe(-3n);
    expect(I.div("i64", 7n, -2n)).toBe(-3n);
    expect(I.mod("i64", -7n, 2n)).toBe(-1n);
    expect(I.mod("i64", 7n, -2n)).toBe(1n);
  });

  it("div_floor and div_ceil round as their names say", () => {
    expect(I.divFloor("i64", -7n, 2n)).toBe(-4n);
    expect(I.divFloor("i64", 7n, 2n)).toBe(3n);
    expect(I.divCeil("i64", -7n, 2n)).toBe(-3n);
    expect(I.divCeil("i64", 7n, 2n)).toBe(4n);
    expect(I.divCeil("u64", 6n, 3n)).toBe(2n);
  });

  it("div_floor(MIN, -1) overflows", () => {
    expect(aborts(() => I.divFloor("i64", MIN, -1n)).reason).toBe("i64 overflow in div_floor");
  });

  it("bps arithmetic stays within 0..=10000", () => {
    expect(I.add("bps", 5000n, 5000n)).toBe(10000n);
    expect(aborts(() => I.add("bps", 5000n, 5001n)).reason).toBe("bps overflow in +");
    expect(I.applyBps("u64", 2n ** 64n - 1n, 10000n)).toBe(2n ** 64n - 1n);
    expect(I.applyBps("u64", 1_000_001n, 2500n)).toBe(250_000n);
    expect(aborts(() => I.convert("u64", "bps", 10001n))).toEqual({ code: "narrowing", reason: "u64 value 10001 does not fit in bps" });
  });

  it("div_floor and div_ceil bracket the exact quotient", () => {
    const i64 = fc.bigInt({ min: MIN, max: -MIN - 1n });
    fc.assert(
      fc.property(i64, i64.filter((b) => b !== 0n), (a, b) => {
        if (a === MIN && b === -1n) return;
        const q = I.divFloor("i64", a, b);
        const c = I.divCeil("i64", a, b);
        // q <= a/b < q + 1, i.e. for b > 0: q*b <= a < (q+1)*b (mirrored for b < 0)
        if (b > 0n) expect(q * b <= a && a < (q + 1n) * b).toBe(true);
        else expect(q * b >= a && a > (q + 1n) * b).toBe(true);
        expect(c - q).toBe(a % b === 0n ? 0n : 1n);
        expect(I.div("i64", a, b)).toBe(a / b);
      }),
      settings(),
    );
  });

  it("mul_div is floor(a*b/c) whenever that fits", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }),
        (a, b, c) => {
          const exact = (a * b) / c;
          if (exact <= 2n ** 64n - 1n) expect(I.mulDiv("u64", a, b, c)).toBe(exact);
          else expect(aborts(() => I.mulDiv("u64", a, b, c)).code).toBe("overflow");
        },
      ),
      settings(),
    );
  });
});

describe("toInt (values from outside)", () => {
  it("accepts bigints, safe integers and decimal strings in range", () => {
    expect(I.toInt("u64", 5, "b.amount")).toBe(5n);
    expect(I.toInt("u64", "18446744073709551615", "b.amount")).toBe(2n ** 64n - 1n);
    expect(I.toInt("i64", "-3", "x")).toBe(-3n);
    expect(I.toInt("u8", 255n, "x")).toBe(255n);
  });

  it("rejects everything else, naming the field", () => {
    expect(aborts(() => I.toInt("u64", 1.5, "b.amount"))).toEqual({ code: "invalid_value", reason: "b.amount: expected an integer (u64)" });
    expect(aborts(() => I.toInt("u64", "01", "b.amount")).code).toBe("invalid_value");
    expect(aborts(() => I.toInt("u64", "1e3", "b.amount")).code).toBe("invalid_value");
    expect(aborts(() => I.toInt("u8", 256, "b.qty")).reason).toBe("b.qty: 256 is out of range for u8 (0..=255)");
    expect(aborts(() => I.toInt("u64", -1, "b.qty")).code).toBe("invalid_value");
  });
});
