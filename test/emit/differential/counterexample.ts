// What the property does with a failure: classify it (a checker refusal of a generated
// program, an emitted/evaluator disagreement, or an exception), reduce the shrunk case with
// reduce-case.ts while it fails the same way, print it as the two files of a regression
// case, and with SMALT_SAVE_COUNTEREXAMPLE=1 write them to test/cases/differential/.
import type { LoadedOrganism } from "../support/cases.js";
import type { Command } from "./gen-commands.js";
import { CheckerRefusal } from "./load-program.js";
import { runLockstep } from "./lockstep.js";
import { reduceCase } from "./reduce-case.js";
import { caseFiles, saveCase, type SavedCase } from "./saved-cases.js";

export type Load = (source: string) => Promise<LoadedOrganism>;

/** How the case fails, as a short stable description; undefined when it passes. */
export async function failureOf(load: Load, source: string, commands: readonly Command[]): Promise<string | undefined> {
  try {
    const r = runLockstep(await load(source), commands);
    return r.disagreement ? `disagreement on the ${r.disagreement.what}` : undefined;
  } catch (e) {
    if (e instanceof CheckerRefusal) return `checker refusal: ${e.diagnostics[0] ?? ""}`;
    return `exception: ${String(e instanceof Error ? e.message : e).split("\n")[0]}`;
  }
}

/** The reduced case and a report naming the failure, with the files to save (and where they were saved). */
export async function reportCounterexample(load: Load, found: SavedCase, save: boolean): Promise<string> {
  const kind = await failureOf(load, found.source, found.commands);
  if (kind === undefined) return "the shrunk counterexample passes when run again (flaky?)";
  // A checker refusal is a generator or checker bug; keep the program as it is, reduced.
  const reduced = await reduceCase(found, async (s, cs) => (await failureOf(load, s, cs)) === kind);
  const details = kind.startsWith("disagreement") ? await detail(load, reduced) : "";
  const files = Object.entries(caseFiles(reduced)).map(([name, text]) => `--- test/cases/differential/${name}\n${text}`);
  const where = save ? `saved: ${saveCase(reduced).join(", ")}` : "rerun with SMALT_SAVE_COUNTEREXAMPLE=1 to save it as a regression case";
  return [`${kind}${details}`, "", "reduced counterexample:", ...files, where].join("\n");
}

async function detail(load: Load, c: SavedCase): Promise<string> {
  const d = runLockstep(await load(c.source), c.commands).disagreement;
  return d ? ` after step ${d.step}\n  emitted:   ${d.emitted}\n  reference: ${d.reference}` : "";
}
