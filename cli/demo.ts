// `smalt demo` (what `npm start` runs): a list of steps over the real project: check the
// standard library, check every example and show its organisms' costs. Later stages
// (fingerprints, running scenarios) add a step to DEMO_STEPS and read what earlier steps
// left in the context.
import fs from "node:fs";
import path from "node:path";
import { hasErrors } from "../compiler/diagnostics/diagnostic.js";
import { plural, renderText } from "../compiler/diagnostics/render-text.js";
import { checkFiles, type CheckRun } from "./check.js";
import { DEMO_SLOTS, runMarketDemo } from "./demo-market.js";
import { formatCostTable } from "./cost-table.js";
import { displayPath, findSmaltFiles } from "./files.js";
import { EXIT, usageError, type Io } from "./io.js";
import { STDLIB_DIR } from "./loader.js";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");
export const EXAMPLES_DIR = path.join(PROJECT_ROOT, "examples");

/** One checked example: a folder under examples/ (or a lone .smalt file there). */
export interface DemoExample {
  readonly name: string;
  readonly files: readonly string[];
  readonly run: CheckRun;
}

export interface DemoContext {
  readonly io: Io;
  /** Filled by the examples step; later steps reuse the checked programs. */
  readonly examples: DemoExample[];
}

export interface DemoStep {
  readonly title: string;
  /** Prints its own report; false stops the demo with exit code 1. */
  run(cx: DemoContext): boolean | Promise<boolean>;
}

const stdlibStep: DemoStep = {
  title: "Standard library",
  run(cx) {
    const selection = findSmaltFiles([STDLIB_DIR], cx.io.cwd);
    if (!selection.ok) {
      cx.io.out("no standard library modules found\n");
      return false;
    }
    const run = checkFiles(selection.files, cx.io.cwd);
    if (!reportProblems(cx, run)) return false;
    const names = selection.files.map((f) => "std." + path.relative(STDLIB_DIR, f).replace(/\.smalt$/, "").split(path.sep).join("."));
    cx.io.out(`checked ${plural(names.length, "module")}: ${names.join(", ")}\n`);
    if (run.program && run.program.costs.length > 0) cx.io.out(formatCostTable(run.program.costs, "  "));
    return true;
  },
};

const examplesStep: DemoStep = {
  title: "Examples",
  run(cx) {
    const found = discoverExamples();
    if (found.length === 0) {
      cx.io.out(`no examples found in ${displayPath(EXAMPLES_DIR, cx.io.cwd)}\n`);
      return false;
    }
    let allOk = true;
    for (const { name, files } of found) {
      cx.io.out(`\n${name} (${files.map((f) => displayPath(f, cx.io.cwd)).join(", ")})\n`);
      const run = checkFiles(files, cx.io.cwd);
      if (!reportProblems(cx, run) || !run.program) {
        allOk = false;
        continue;
      }
      const organisms = [...new Set(run.program.costs.map((c) => c.organism))].sort();
      cx.io.out(`  organisms: ${organisms.length > 0 ? organisms.join(", ") : "none"}\n`);
      if (run.program.costs.length > 0) cx.io.out(formatCostTable(run.program.costs, "  "));
      cx.io.out(`  ok: checked ${plural(files.length, "file")}\n`);
      cx.examples.push({ name, files, run });
    }
    return allOk;
  },
};

const marketStep: DemoStep = {
  title: "A reputation-gated slot auction on a committee of 3 replicas",
  run: (cx) => runMarketDemo(cx.io),
};

export const DEMO_STEPS: readonly DemoStep[] = [stdlibStep, examplesStep, marketStep];

export async function runDemo(argv: readonly string[], io: Io, steps: readonly DemoStep[] = DEMO_STEPS): Promise<number> {
  if (argv.length > 0) return usageError(io, `\`smalt demo\` takes no arguments (got \`${argv[0]}\`)`, "demo");
  const cx: DemoContext = { io, examples: [] };
  io.out("Smalt demo: every standard library module and every example checked, then a market run on a replicated committee.\n");
  for (const step of steps) {
    io.out(`\n== ${step.title}\n`);
    if (!(await step.run(cx))) {
      io.out(`\nDemo stopped: step "${step.title}" failed.\n`);
      return EXIT.problems;
    }
  }
  io.out(`\nDemo finished: the standard library and ${plural(cx.examples.length, "example")} check; the market ran ${DEMO_SLOTS} slots on a committee of 3 and its replay matches.\n`);
  return EXIT.ok;
}

/** Prints the run's diagnostics; true when there are no errors. */
function reportProblems(cx: DemoContext, run: CheckRun): boolean {
  cx.io.out(renderText(run.diagnostics, run.sources, { color: cx.io.color }));
  return !hasErrors(run.diagnostics);
}

/** Each folder under examples/ is one example; a .smalt file directly in examples/ is one too. */
function discoverExamples(): { name: string; files: string[] }[] {
  if (!fs.existsSync(EXAMPLES_DIR)) return [];
  const entries = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const examples: { name: string; files: string[] }[] = [];
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const abs = path.join(EXAMPLES_DIR, e.name);
    if (e.isDirectory()) {
      const selection = findSmaltFiles([abs], EXAMPLES_DIR);
      if (selection.ok) examples.push({ name: e.name, files: [...selection.files] });
    } else if (e.name.endsWith(".smalt")) {
      examples.push({ name: e.name.replace(/\.smalt$/, ""), files: [abs] });
    }
  }
  return examples;
}
