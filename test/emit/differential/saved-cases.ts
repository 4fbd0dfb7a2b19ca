// Regression cases of the differential harness, one pair of files per case under
// test/cases/differential/: NAME.smalt (a program with one organism) and NAME.commands.json
// (the command sequence, JSON commands with their senders). Found counterexamples are written
// here by the property test when SMALT_SAVE_COUNTEREXAMPLE=1.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../support/cases.js";
import type { Command } from "./gen-commands.js";

export const SAVED_DIR = path.join(ROOT, "test", "cases", "differential");

export interface SavedCase {
  readonly name: string;
  readonly source: string;
  readonly commands: readonly Command[];
}

export function listSavedCases(dir = SAVED_DIR): SavedCase[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".smalt"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -".smalt".length);
      const commandsFile = path.join(dir, `${name}.commands.json`);
      if (!fs.existsSync(commandsFile)) throw new Error(`${path.relative(ROOT, commandsFile)} is missing (every saved case needs its commands)`);
      return { name, source: fs.readFileSync(path.join(dir, f), "utf8"), commands: JSON.parse(fs.readFileSync(commandsFile, "utf8")) as Command[] };
    });
}

/** The two files of a case as text, the form printed when a property fails. */
export function caseFiles(c: SavedCase): Record<string, string> {
  return { [`${c.name}.smalt`]: c.source, [`${c.name}.commands.json`]: `${JSON.stringify(c.commands, null, 2)}\n` };
}

export function saveCase(c: SavedCase, dir = SAVED_DIR): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(caseFiles(c)).map(([file, text]) => {
    const out = path.join(dir, file);
    fs.writeFileSync(out, text);
    return out;
  });
}
