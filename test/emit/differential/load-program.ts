// A Smalt source text (generated, or a saved regression case) through the real front end
// and emitter: checked with the in-memory loader, its organism emitted, bundled and
// imported. A program the checker refuses is reported with every diagnostic.
import { emit } from "../../../compiler/emit/emit.js";
import { loadEmitted } from "../../../compiler/scenario/load-emitted.js";
import { check, show } from "../../check/support.js";
import type { LoadedOrganism } from "../support/cases.js";

export const ENTRY = "main.smalt";

export class CheckerRefusal extends Error {
  constructor(readonly diagnostics: readonly string[]) {
    super(`the checker refuses the program:\n${diagnostics.join("\n")}`);
  }
}

/** The diagnostics of the program (empty when it checks). */
export function checkerComplaints(source: string): string[] {
  return show(source, check(source).diagnostics);
}

/** `organismName` may be left out when the program has exactly one organism. */
export async function loadProgram(source: string, organismName?: string): Promise<LoadedOrganism> {
  const r = check(source);
  if (!r.value || r.diagnostics.length > 0) throw new CheckerRefusal(show(source, r.diagnostics));
  const organisms = r.value.modules.find((m) => m.key === ENTRY)?.organisms ?? [];
  const organism = organismName === undefined ? (organisms.length === 1 ? organisms[0] : undefined) : organisms.find((o) => o.ref.name === organismName);
  if (!organism) throw new Error(organismName === undefined ? `the program has ${organisms.length} organisms, not one` : `no organism ${organismName} in the program`);
  const emitted = await emit(r.value, organism);
  return { source: { program: r.value, entryKey: ENTRY, organisms }, organism, emitted, api: await loadEmitted(emitted) };
}

/**
 * Loads each distinct source once while it is among the last few used: shrinking retries one
 * program with many command sequences, and a long run should not keep every module alive.
 */
export function programCache(size = 8): (source: string, organismName: string) => Promise<LoadedOrganism> {
  const cache = new Map<string, Promise<LoadedOrganism>>();
  return (source, organismName) => {
    const key = `${organismName}\n${source}`;
    const loading = cache.get(key) ?? loadProgram(source, organismName);
    cache.delete(key);
    cache.set(key, loading);
    if (cache.size > size) cache.delete(cache.keys().next().value as string);
    return loading;
  };
}
