// Golden policy diffs: each test/cases/diff/<case>/ holds two versions (old.smalt and
// new.smalt, or folders old/ and new/) with the expected human report (expected.txt, the
// changed lines echoed first) and JSON report (expected.json). `npm run gen` accepts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIFF_CASES_DIR, listDiffCases, runDiffCase } from "../../scripts/fingerprint-diff-cases.js";
import { runSmalt } from "../support/cli.js";

const read = (c: string, f: string) => {
  const p = path.join(DIFF_CASES_DIR, c, f);
  return fs.existsSync(p) ? fs.readFileSync(p, "utf8") : undefined;
};

describe("diff goldens", () => {
  const cases = listDiffCases();

  it("has at least 15 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)("%s", (c) => {
    const out = runDiffCase(c);
    expect(read(c, "expected.txt"), "run npm run gen").toBe(out.text);
    expect(read(c, "expected.json"), "run npm run gen").toBe(out.json);
  });
});

describe("smalt diff", () => {
  const dir = (c: string) => path.join(DIFF_CASES_DIR, c);

  it("prints the same JSON as the golden file", () => {
    const r = runSmalt(["diff", "old.smalt", "new.smalt", "--json"], { cwd: dir("claim-tightened") });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(read("claim-tightened", "expected.json"));
  });

  it("--exit-code exits 1 when anything changed", () => {
    expect(runSmalt(["diff", "old.smalt", "new.smalt", "--exit-code"], { cwd: dir("config-value-change") }).status).toBe(1);
  });

  it("--exit-code exits 0 when only comments moved", () => {
    expect(runSmalt(["diff", "old.smalt", "new.smalt", "--exit-code"], { cwd: dir("comment-only") }).status).toBe(0);
  });

  it("--exit-code exits 0 for folders whose files only moved", () => {
    expect(runSmalt(["diff", "old", "new", "--exit-code"], { cwd: dir("folder-moved-files") }).status).toBe(0);
  });

  it("reports bad usage with exit 2", () => {
    expect(runSmalt(["diff", "only-one.smalt"]).status).toBe(2);
    expect(runSmalt(["diff", "no-such.smalt", "other.smalt"]).status).toBe(2);
  });

  it("refuses a version with errors (exit 1)", () => {
    const r = runSmalt(["diff", "test/cases/diagnostics/E4002/input.smalt", "examples/gatekeeper/gatekeeper.smalt"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("does not check");
  });
});
