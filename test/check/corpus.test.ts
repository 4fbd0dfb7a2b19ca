// The checker on whole programs: every example and stdlib module checks without a
// diagnostic, test scenarios type-check (E6001 for malformed steps), and suggestions are sane.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkProgram } from "../../compiler/check/check-program.js";
import { closest, editDistance } from "../../compiler/check/suggest.js";
import { corpusFiles } from "../support/corpus.js";
import { codes, memoryLoader, ok, organism, show } from "./support.js";

describe("the corpus", () => {
  const files = corpusFiles().filter((f) => !f.endsWith("all-constructs.smalt"));
  for (const file of files) {
    it(path.relative(path.resolve(import.meta.dirname, "..", ".."), file), () => {
      const text = fs.readFileSync(file, "utf8");
      const r = checkProgram([{ path: "main.smalt", text }], memoryLoader());
      expect(show(text, r.diagnostics)).toEqual([]);
      expect(r.value?.modules.length).toBeGreaterThan(0);
    });
  }
});

describe("test scenarios", () => {
  const base = organism("    n = a\n    emit Done { who: p, amount: a }", "  query count_of(q: peer) -> u64 { return m[q] }");

  it("type steps against handler parameters, with peers written by name", () => {
    const p = ok(
      base +
        'test "t" for O {\n  as alice h(1, bob) ok emits Done\n  as 0x' +
        "01".repeat(32) +
        ' h(2, alice) rejects "no"\n  expect count_of(bob) == 0 && n == 2\n}',
    );
    const [t] = p.modules[0].tests;
    expect(t.steps.map((s) => s.kind)).toEqual(["Command", "Command", "Expect"]);
    const first = t.steps[0];
    expect(first.kind === "Command" && first.args.map((a) => a.kind)).toEqual(["Literal", "NamedPeer"]);
  });

  it("refuse a malformed sender (E6001) and wrong arguments", () => {
    expect(codes(base + 'test "t" for O { as 0x0102 h(1, bob) ok }')).toEqual(["E6001"]);
    expect(codes(base + 'test "t" for O { as alice h(1) ok }')).toEqual(["E2002"]);
    expect(codes(base + 'test "t" for O { as alice h(true, bob) ok }')).toEqual(["E2001"]);
  });
});

describe("suggestions", () => {
  it("measure edits with transpositions", () => {
    expect(editDistance("reserve", "reserve")).toBe(0);
    expect(editDistance("resrve", "reserve")).toBe(1);
    expect(editDistance("rseerve", "reserve")).toBe(1);
    expect(editDistance("abc", "xyz")).toBe(3);
  });

  it("pick the closest plausible candidate", () => {
    expect(closest("reserv", ["reserve", "reverse", "rate"])).toBe("reserve");
    expect(closest("Reserve", ["reserve"])).toBe("reserve");
    expect(closest("t", ["s"])).toBeUndefined();
    expect(closest("quantity", ["qty", "amount"])).toBeUndefined();
  });
});
