// Where `smalt run` reads its lines: a scenario file, read and checked whole before
// anything runs, or stdin, checked line by line as it arrives.
import fs from "node:fs";
import readline from "node:readline";
import { Readable } from "node:stream";
import { parseCommandLine, type ParsedLine } from "./command-lines.js";
import type { Io } from "./io.js";

export type InputItem = Extract<ParsedLine, { ok: true }> & { readonly line: number };
type Validate = Parameters<typeof parseCommandLine>[1];

const skipped = (line: string) => line.trim() === "" || line.trimStart().startsWith("//");

export type ScenarioRead =
  | { readonly ok: true; readonly items: readonly InputItem[] }
  | { readonly ok: false; readonly problems: readonly string[]; readonly usage?: string };

export function readScenario(abs: string, shown: string, validate: Validate): ScenarioRead {
  let text: string;
  try {
    text = fs.readFileSync(abs, "utf8");
  } catch (e) {
    return { ok: false, problems: [], usage: `cannot read scenario ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  const items: InputItem[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, i) => {
    if (skipped(line)) return;
    const parsed = parseCommandLine(line, validate);
    if (parsed.ok) items.push({ ...parsed, line: i + 1 });
    else problems.push(`${shown}:${i + 1}: ${parsed.message}`);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, items };
}

/** stdin's lines as they arrive; a bad one is reported (`stdin:LINE: …`) to `bad` and skipped. */
export async function* stdinItems(io: Io, validate: Validate, bad: (message: string) => void): AsyncGenerator<InputItem> {
  const lines = readline.createInterface({ input: io.stdin ?? Readable.from([]), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (skipped(line)) continue;
    const parsed = parseCommandLine(line, validate);
    if (parsed.ok) yield { ...parsed, line: lineNo };
    else bad(`stdin:${lineNo}: ${parsed.message} (not appended)`);
  }
}
