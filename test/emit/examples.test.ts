// Every example policy, emitted, bundled and run: each `test` block passes as `smalt test`
// runs it (every step's outcome, every `expect`), and each command step gives exactly the
// same receipt (events and cites included) and state root as the reference evaluator.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { refKey } from "../../compiler/ir/types.js";
import { checkSourceFile, loadEmitted, ROOT, type LoadedOrganism } from "./support/cases.js";
import { emit } from "../../compiler/emit/emit.js";
import { Replica } from "./support/replica.js";
import { scenarioCommands } from "./support/scenario.js";
import { runTest } from "../../compiler/scenario/run-test.js";

const EXAMPLES = path.join(ROOT, "examples");

function exampleFiles(): string[] {
  return fs
    .readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(EXAMPLES, d.name)).filter((f) => f.endsWith(".smalt")).map((f) => path.join(EXAMPLES, d.name, f)))
    .sort();
}

describe("example scenarios on the emitted code", () => {
  for (const file of exampleFiles()) {
    const rel = path.relative(ROOT, file);
    const source = checkSourceFile(file);
    const module = source.program.modules.find((m) => m.key === source.entryKey)!;
    if (module.tests.length === 0) continue;
    const loaded = new Map<string, Promise<LoadedOrganism>>();
    const load = (key: string) => {
      let p = loaded.get(key);
      if (!p) {
        const organism = source.organisms.find((o) => refKey(o.ref) === key)!;
        p = emit(source.program, organism).then(async (emitted) => ({ source, organism, emitted, api: await loadEmitted(emitted) }));
        loaded.set(key, p);
      }
      return p;
    };
    describe(rel, () => {
      for (const test of module.tests) {
        it(test.name, async () => {
          const l = await load(refKey(test.organism));
          expect(runTest(source.program.modules, l.organism, l.api, test).failure).toBeUndefined();
          const r = new Replica(l);
          for (const step of scenarioCommands(test, l.organism, source.program.modules)) {
            const { receipt } = r.send(step.sender, step.command);
            const what = `${step.command.handler} in "${test.name}"`;
            if (step.expect.kind === "Ok") {
              expect(receipt, what).toMatchObject({ outcome: "ok" });
              const names = (receipt as { events: { name: string }[] }).events.map((e) => e.name);
              for (const name of step.expect.emits) expect(names, what).toContain(name);
            } else {
              expect(receipt, what).toMatchObject({ outcome: "rejected" });
              if (step.expect.reason !== undefined) expect((receipt as { reason: string }).reason, what).toBe(step.expect.reason);
            }
          }
        });
      }
    });
  }
});
