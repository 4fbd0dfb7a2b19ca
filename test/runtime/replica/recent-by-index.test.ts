// The ring of recent per-index values behind a replica's retained steps and the commit
// history: the last `capacity` indexes are kept, older ones are gone, nothing else leaks.
import { describe, expect, it } from "vitest";
import { RecentByIndex } from "../../../runtime/replica/recent-by-index.js";

describe("RecentByIndex", () => {
  it("keeps exactly the last `capacity` indexes", () => {
    const r = new RecentByIndex<string>(4);
    for (let i = 1; i <= 10; i++) r.set(i, `v${i}`);
    expect([5, 6, 7, 8, 9, 10, 11].map((i) => r.get(i) ?? null)).toEqual([null, null, "v7", "v8", "v9", "v10", null]);
    expect(r.get(0)).toBeUndefined();
  });

  it("accepts an earlier index set after a later one while it is within the window, and forgets everything on clear", () => {
    const r = new RecentByIndex<number>(8);
    r.set(12, 12);
    r.set(9, 9);
    expect([r.get(9), r.get(12), r.get(1)]).toEqual([9, 12, undefined]);
    r.clear();
    expect([r.get(9), r.get(12)]).toEqual([undefined, undefined]);
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new RecentByIndex(0)).toThrow(RangeError);
    expect(() => new RecentByIndex(1.5)).toThrow(/positive integer/);
  });
});
