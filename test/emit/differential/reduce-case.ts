// Shrinking a counterexample further than fast-check can: generated bodies are built with
// `chain`, which cannot drop a statement in the middle, so a failing case is reduced greedily
// on its text instead. Each command, then each source line (a line opening a block together
// with the block), is dropped while the program still checks and the same kind of
// disagreement still happens; until nothing more can go.
import type { Command } from "./gen-commands.js";
import type { SavedCase } from "./saved-cases.js";

/** Does this case still fail the same way? (false when it no longer checks or runs) */
export type StillFails = (source: string, commands: readonly Command[]) => Promise<boolean>;

export async function reduceCase(c: SavedCase, stillFails: StillFails): Promise<SavedCase> {
  let source = c.source;
  let commands = [...c.commands];
  for (let progress = true; progress; ) {
    progress = false;
    for (let i = commands.length - 1; i >= 0; i--) {
      const fewer = commands.filter((_, j) => j !== i);
      if (await stillFails(source, fewer)) {
        commands = fewer;
        progress = true;
      }
    }
    const lines = source.split("\n");
    for (let i = lines.length - 1; i >= 0; i--) {
      const end = blockEnd(lines, i);
      if (end === undefined) continue;
      const shorter = [...lines.slice(0, i), ...lines.slice(end + 1)];
      if (await stillFails(shorter.join("\n"), commands)) {
        lines.splice(i, end - i + 1);
        source = lines.join("\n");
        progress = true;
      }
    }
  }
  return { ...c, source, commands };
}

/** The last line of what removing line `i` removes: itself, or through the `}` closing the block it opens. */
export function blockEnd(lines: readonly string[], i: number): number | undefined {
  const line = lines[i].trim();
  if (line === "" || line.startsWith("}") || line.startsWith("//") || /^(network|organism|instance|committee|state|config)\b/.test(line)) return undefined;
  if (!line.endsWith("{")) return i;
  let depth = 0;
  for (let j = i; j < lines.length; j++) {
    for (const ch of lines[j]) depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
    if (depth === 0) return j;
  }
  return undefined;
}
