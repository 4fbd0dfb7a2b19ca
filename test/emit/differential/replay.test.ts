// Replays every saved regression case of the differential harness (test/cases/differential/)
// in lockstep on the emitted code and the reference evaluator; also shows the runner reports
// a disagreement when the emitted side is deliberately made wrong.
import { describe, expect, it } from "vitest";
import type { EmittedApi } from "../../../compiler/emit/emitted-api.js";
import { runLockstep } from "./lockstep.js";
import { loadProgram } from "./load-program.js";
import { listSavedCases } from "./saved-cases.js";

const cases = listSavedCases();

describe("saved differential cases", () => {
  it("there is at least one", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(`${c.name}: the emitted code and the reference evaluator agree on every step`, async () => {
      const loaded = await loadProgram(c.source);
      const r = runLockstep(loaded, c.commands);
      expect(r.disagreement).toBeUndefined();
      expect(r.steps).toBe(c.commands.length);
    }, 60_000);
  }
});

describe("the lockstep runner", () => {
  it("reports the first step at which a tampered emitted module differs", async () => {
    const c = cases[0];
    const loaded = await loadProgram(c.source);
    const honest = runLockstep(loaded, c.commands);
    expect(honest.disagreement).toBeUndefined();
    // The same module, but every receipt after the first command claims success.
    let calls = 0;
    const api: EmittedApi = {
      ...loaded.api,
      apply: (state, command, ctx, options) => {
        const r = loaded.api.apply(state, command, ctx, options);
        calls += 1;
        return calls < 2 ? r : { state, receipt: { outcome: "ok", events: [], cites: [] } };
      },
    };
    const tampered = runLockstep({ ...loaded, api }, c.commands);
    expect(tampered.disagreement?.step).toBe(2);
    expect(tampered.disagreement?.what).toMatch(/^receipt /);
  });

  it("reports a state root that differs initially", async () => {
    const loaded = await loadProgram(cases[0].source);
    const api: EmittedApi = { ...loaded.api, stateRoot: () => new Uint8Array(32) };
    expect(runLockstep({ ...loaded, api }, cases[0].commands).disagreement).toMatchObject({ step: 0, what: "state root" });
  });
});
