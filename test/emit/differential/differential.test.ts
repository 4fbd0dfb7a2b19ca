// Differential testing of the emitter against the reference evaluator on random well-typed
// programs: fast-check generates an organism as source text (gen-program.ts) and a command
// sequence for it (gen-commands.ts); the real checker must accept the program, and the
// emitted code and the evaluator must give identical receipts, state roots and query results
// after every command (lockstep.ts). CI runs a fixed seed and a bounded count; a long local
// run: SMALT_PROP_RUNS=500 (another seed: SMALT_PROP_SEED). A failure is reduced and printed
// as the two files of a regression case, and written to test/cases/differential/ with
// SMALT_SAVE_COUNTEREXAMPLE=1 (see docs/differential-testing.md).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns, propertySeed } from "../../support/properties.js";
import { reportCounterexample } from "./counterexample.js";
import { commandsFor, rawCommands, type RawCommand } from "./gen-commands.js";
import { ORGANISM, program, programWithEveryEntry, type GeneratedProgram } from "./gen-program.js";
import { checkerComplaints, programCache } from "./load-program.js";
import { runLockstep } from "./lockstep.js";

const RUNS = propertyRuns(40);
const cached = programCache();
const load = (source: string) => cached(source, ORGANISM);

async function agrees(p: GeneratedProgram, raws: readonly RawCommand[]): Promise<void> {
  const r = runLockstep(await load(p.source), commandsFor(p, raws));
  if (r.disagreement) throw new Error(`disagreement after step ${r.disagreement.step} on the ${r.disagreement.what}`);
}

describe("random well-typed programs", () => {
  it("all pass the real checker", () => {
    fc.assert(
      fc.property(program, (p) => {
        expect(checkerComplaints(p.source)).toEqual([]);
      }),
      { seed: propertySeed(), numRuns: RUNS * 2 },
    );
  }, 300_000);

  it("give identical receipts, state roots and query results on the emitted code and the reference evaluator", async () => {
    await agreeOn(program);
  }, 900_000);

  it("agree when the invariant quantifies over state (checked incrementally by the emitted code)", async () => {
    let incremental = 0;
    await agreeOn(programWithEveryEntry, async (p) => {
      if ((await load(p.source)).emitted.text.includes("$.allAtChanged(")) incremental += 1;
    });
    // Most of these invariants read other state only at the bound key, so they take the incremental path.
    expect(incremental).toBeGreaterThan(RUNS / 2);
  }, 900_000);
});

async function agreeOn(programs: fc.Arbitrary<GeneratedProgram>, seen: (p: GeneratedProgram) => Promise<void> = async () => {}): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(programs, rawCommands(24), async (p, raws) => {
      await agrees(p, raws);
      await seen(p);
    }),
    { seed: propertySeed(), numRuns: RUNS },
  );
  if (!details.failed || !details.counterexample) return;
  const [p, raws] = details.counterexample;
  const found = { name: `found-seed${propertySeed()}-${Date.now().toString(36)}`, source: p.source, commands: commandsFor(p, raws) };
  const report = await reportCounterexample(load, found, process.env.SMALT_SAVE_COUNTEREXAMPLE === "1");
  throw new Error(`${fc.defaultReportMessage(details)}\n\n${report}`);
}
