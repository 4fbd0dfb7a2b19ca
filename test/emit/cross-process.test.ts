// Determinism across processes: the bundles `smalt build` writes, loaded in two separate
// Node processes (different time zones, locales and hash seeds), applying the same log give
// the same outcome and state root at every index and byte-identical final state; and logs
// that insert the same entries in different orders (commuting commands reordered, map and
// set arguments listed in another order) end at the same root.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleEmitted } from "../../compiler/scenario/load-emitted.js";
import { emit } from "../../compiler/emit/emit.js";
import { refKey } from "../../compiler/ir/types.js";
import { caseInput, checkSourceFile, ROOT } from "./support/cases.js";
import { peer } from "./support/replica.js";
import { scenarioCommands } from "./support/scenario.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "smalt-xproc-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const RUNNER = path.join(ROOT, "test", "support", "apply-log.mjs");

type Entry = { readonly sender: string; readonly command: { readonly handler: string; readonly args: Record<string, unknown> } };

async function bundleOf(file: string, organism: string): Promise<string> {
  const source = checkSourceFile(file);
  const def = source.organisms.find((o) => o.ref.name === organism)!;
  const js = await bundleEmitted(await emit(source.program, def));
  const out = path.join(scratch, `${organism}.js`);
  fs.writeFileSync(out, js);
  return out;
}

let logs = 0;
function applyInChild(bundle: string, entries: readonly Entry[], env: Record<string, string>): string[] {
  const log = path.join(scratch, `log-${logs++}.jsonl`);
  fs.writeFileSync(log, entries.map((e) => JSON.stringify(e)).join("\n") + "\n");
  const r = spawnSync(process.execPath, [...(env.HASH_SEED ? [`--hash-seed=${env.HASH_SEED}`] : []), RUNNER, bundle, log], {
    env: { PATH: process.env.PATH, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout.trimEnd().split("\n");
}

const A = { TZ: "UTC", LANG: "C", HASH_SEED: "1" };
const B = { TZ: "Pacific/Chatham", LANG: "tr_TR.UTF-8", HASH_SEED: "987654321" };

describe("two processes, one log", () => {
  for (const [example, organism] of [
    ["escrow", "Escrow"],
    ["coordination-market", "GpuHourMarket"],
    ["threshold-agreement", "Treasury"],
  ]) {
    it(`${example}: every test block's commands, in one log, give the same outcomes, roots and state bytes`, async () => {
      const file = path.join(ROOT, "examples", example, `${example}.smalt`);
      const source = checkSourceFile(file);
      const def = source.organisms.find((o) => o.ref.name === organism);
      if (!def) throw new Error(`no organism ${organism} in ${example}: ${source.organisms.map((o) => o.ref.name).join(", ")}`);
      const module = source.program.modules.find((m) => m.key === source.entryKey)!;
      const entries = module.tests.filter((t) => refKey(t.organism) === refKey(def.ref)).flatMap((t) => scenarioCommands(t, def, source.program.modules));
      expect(entries.length).toBeGreaterThan(10);
      const bundle = await bundleOf(file, organism);
      const a = applyInChild(bundle, entries, A);
      const b = applyInChild(bundle, entries, B);
      expect(a.length).toBe(entries.length + 1);
      expect(b).toEqual(a);
      expect(a.some((l) => / ok /.test(l)) && a.some((l) => /rejected/.test(l))).toBe(true);
    });
  }
});

describe("two processes, different insertion orders", () => {
  it("bank: grants to 40 peers in opposite orders end at the same root and state bytes", async () => {
    const bundle = await bundleOf(caseInput("bank"), "Bank");
    const grants: Entry[] = Array.from({ length: 40 }, (_, i) => ({ sender: peer(200), command: { handler: "grant", args: { to: peer(i + 1), amount: String(1000 + i) } } }));
    const forward = applyInChild(bundle, grants, A);
    const backward = applyInChild(bundle, [...grants].reverse(), B);
    expect(backward.at(-1)).toBe(forward.at(-1)); // state bytes
    expect(backward.at(-2)!.split(" ")[2]).toBe(forward.at(-2)!.split(" ")[2]); // final root
    expect(backward[0]).not.toBe(forward[0]); // the paths differ on the way
  });

  it("shapes: map and set arguments listed in another order give the same root", async () => {
    const bundle = await bundleOf(caseInput("shapes"), "Shapes");
    const store = (t: [string, string][]): Entry => ({ sender: peer(1), command: { handler: "store", args: { t, g: [["1"], ["2", "3"]], m: { some: true } } } });
    const configure = (tags: string[]): Entry => ({ sender: peer(1), command: { handler: "configure", args: { slot: "7", c: { name: "n", mode: { tag: "On", fields: { level: "3" } }, tags } } } });
    const a = applyInChild(bundle, [store([["a", "1"], ["b", "2"], ["c", "3"]]), configure(["1", "2", "3"])], A);
    const b = applyInChild(bundle, [store([["c", "3"], ["a", "1"], ["b", "2"]]), configure(["3", "1", "2"])], B);
    expect(a.every((l) => !l.includes("rejected"))).toBe(true);
    expect(b).toEqual(a);
  });
});
