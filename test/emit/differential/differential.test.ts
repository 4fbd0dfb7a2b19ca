// Differential testing of the emitter against the reference evaluator on random well-typed
// programs: fast-check generates an organism as source text (gen-program.ts) and a command
// sequence for it (gen-commands.ts); the real checker must accept the program, and the
// emitted code and the evaluator must give identical receipts, state roots and query results
// after every command (lockstep.ts). CI runs a fixed seed and a bounded count; a long local
// run: SMALT_PROP_RUNS=500 (another seed: SMALT_PROP_SEED). A shrunk counterexample is printed
// as the two files of a regression case, and written to test/cases/differential/ with
// SMALT_SAVE_COUNTEREXAMPLE=1 (see docs/differential-testing.md).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns, propertySeed } from "../../support/properties.js";
import { commandsFor, rawCommands, type RawCommand } from "./gen-commands.js";
import { program, type GeneratedProgram } from "./gen-program.js";
import { runLockstep } from "./lockstep.js";
import { checkerComplaints, programCache } from "./load-program.js";
import { caseFiles, saveCase, type SavedCase } from "./saved-cases.js";

const RUNS = propertyRuns(30);
const load = programCache();

async function agrees(p: GeneratedProgram, raws: readonly RawCommand[]): Promise<void> {
  const loaded = await load(p.source, p.organism);
  const r = runLockstep(loaded, commandsFor(p, raws));
  if (r.disagreement) {
    const d = r.disagreement;
    throw new Error(`the emitted code and the reference evaluator disagree after step ${d.step} on the ${d.what}:\n  emitted:   ${d.emitted}\n  reference: ${d.reference}`);
  }
}

function counterexampleCase(p: GeneratedProgram, raws: readonly RawCommand[]): SavedCase {
  const seed = propertySeed();
  return { name: `found-seed${seed}-${Date.now().toString(36)}`, source: p.source, commands: commandsFor(p, raws) };
}

describe("random well-typed programs", () => {
  it("all pass the real checker", () => {
    fc.assert(
      fc.property(program, (p) => {
        expect(checkerComplaints(p.source)).toEqual([]);
      }),
      { seed: propertySeed(), numRuns: RUNS * 4 },
    );
  });

  it("give identical receipts, state roots and query results on the emitted code and the reference evaluator", async () => {
    const details = await fc.check(fc.asyncProperty(program, rawCommands(24), agrees), { seed: propertySeed(), numRuns: RUNS, endOnFailure: false });
    if (!details.failed) return;
    const [p, raws] = details.counterexample ?? [];
    const found = p && raws ? counterexampleCase(p, raws) : undefined;
    const files = found ? Object.entries(caseFiles(found)).map(([name, text]) => `--- test/cases/differential/${name}\n${text}`) : [];
    const saved = found && process.env.SMALT_SAVE_COUNTEREXAMPLE === "1" ? `\nsaved: ${saveCase(found).join(", ")}` : "\n(rerun with SMALT_SAVE_COUNTEREXAMPLE=1 to save it as a regression case)";
    throw new Error(`${fc.defaultReportMessage(details)}\n\n${String(details.errorInstance)}\n\nshrunk counterexample as a regression case:\n${files.join("\n")}${saved}`);
  }, 600_000);
});
