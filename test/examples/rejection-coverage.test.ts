// Every rejection path of every example is exercised: each `require … else "reason"` a
// handler can reach (in its own body or in a fn or clearing rule it calls) is the expected
// reason of at least one `rejects "…"` step of that example's tests. The tests themselves
// run in test/emit/examples.test.ts and with `smalt test examples`.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ProgramIndex } from "../../compiler/eval/program-index.js";
import type { OrganismDef } from "../../compiler/ir/declarations.js";
import { refKey } from "../../compiler/ir/types.js";
import { walkStmts } from "../../compiler/ir/walk.js";
import type { Stmt } from "../../compiler/ir/statements.js";
import { checkSourceFile, ROOT } from "../emit/support/cases.js";

/** Reasons of every `require` reachable from the organism's handlers, with the handler that reaches it. */
function reachableReasons(o: OrganismDef, index: ProgramIndex): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const h of o.handlers) {
    const seen = new Set<string>();
    const visit = (body: readonly Stmt[]) =>
      walkStmts(body, {
        stmt: (s) => {
          if (s.kind === "Require" && s.reason !== undefined && !reasons.has(s.reason)) reasons.set(s.reason, h.name);
        },
        expr: (e) => {
          if (e.kind !== "Call" || seen.has(refKey(e.callee.ref))) return;
          seen.add(refKey(e.callee.ref));
          visit(index.fn(e.callee.ref).body);
        },
      });
    visit(h.body);
  }
  return reasons;
}

const examples = fs
  .readdirSync(path.join(ROOT, "examples"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => fs.readdirSync(path.join(ROOT, "examples", d.name)).filter((f) => f.endsWith(".smalt")).map((f) => path.join(ROOT, "examples", d.name, f)))
  .sort();

describe("every rejection path of every example has a test", () => {
  for (const file of examples) {
    const source = checkSourceFile(file);
    const module = source.program.modules.find((m) => m.key === source.entryKey)!;
    if (source.organisms.length === 0) continue;
    const index = new ProgramIndex(source.program.modules);
    it(path.relative(ROOT, file), () => {
      const uncovered: string[] = [];
      expect(source.organisms.reduce((n, o) => n + reachableReasons(o, index).size, 0)).toBeGreaterThan(0);
      for (const o of source.organisms) {
        const tested = new Set(
          module.tests.filter((t) => refKey(t.organism) === refKey(o.ref)).flatMap((t) => t.steps.flatMap((s) => (s.kind === "Command" && s.expect.kind === "Rejects" && s.expect.reason !== undefined ? [s.expect.reason] : []))),
        );
        for (const [reason, handler] of reachableReasons(o, index)) if (!tested.has(reason)) uncovered.push(`${o.ref.name}.${handler}: "${reason}"`);
      }
      expect(uncovered).toEqual([]);
    });
  }
});
