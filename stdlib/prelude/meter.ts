// Prelude: the cost meter of one command. Emitted code charges abstract cost units (the
// same units as the checker's static bound) as it runs; crossing the budget aborts with
// "cost". Units are counted exactly, so every replica aborts at the same point.
import { SmaltAbort } from "./abort.js";

export class Meter {
  private spent = 0;

  /** `budget`: the most units this command may spend (a non-negative safe integer). */
  constructor(readonly budget: number) {
    if (!Number.isSafeInteger(budget) || budget < 0) throw new RangeError(`Meter: invalid budget ${budget}`);
  }

  /** A meter that never aborts (queries run by the host, tests). */
  static unlimited(): Meter {
    return new Meter(Number.MAX_SAFE_INTEGER);
  }

  /** Spend `units`; aborts the command with "cost" if that would exceed the budget. */
  charge(units: number): void {
    if (!Number.isSafeInteger(units) || units < 0) throw new RangeError(`Meter: invalid charge ${units}`);
    const next = this.spent + units;
    if (next > this.budget) {
      throw new SmaltAbort("cost", `cost budget of ${this.budget} units exceeded (needed ${next})`);
    }
    this.spent = next;
  }

  /** Spend `perItem` units for each of `count` items (a loop over a collection), in one check. */
  chargeEach(count: number, perItem: number): void {
    this.charge(count * perItem);
  }

  get used(): number {
    return this.spent;
  }

  get remaining(): number {
    return this.budget - this.spent;
  }
}
