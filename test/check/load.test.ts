// Module loading: entries are parsed, `import std.x` and `import "./f.smalt"` are followed
// through the loader once per module, unknown modules are E1005 and import cycles E1006.
import { describe, expect, it } from "vitest";
import { loadProgram, type ModuleRequest } from "../../compiler/load.js";
import { check, memoryLoader, ok, show } from "./support.js";

describe("loadProgram", () => {
  it("follows std and file imports, parsing each module once", () => {
    const requests: ModuleRequest[] = [];
    const files = {
      "./a.smalt": 'import "./b.smalt" as b\nconst A: u64 = 1',
      "./b.smalt": "const B: u64 = 2",
    };
    const main = { path: "main.smalt", text: 'import std.clearing\nimport "./a.smalt" as a\nimport "./b.smalt" as b' };
    const r = loadProgram([main], memoryLoader(files, requests));
    expect(r.diagnostics).toEqual([]);
    expect(r.value.entries).toEqual(["main.smalt"]);
    expect(r.value.modules.map((m) => m.key)).toEqual(["a.smalt", "b.smalt", "main.smalt", "std.clearing"]);
    expect(requests).toContainEqual({ kind: "std", path: ["clearing"] });
    expect(requests).toContainEqual({ kind: "file", from: "main.smalt", spec: "./a.smalt" });
    expect(requests).toContainEqual({ kind: "file", from: "a.smalt", spec: "./b.smalt" });
    const main2 = r.value.modules.find((m) => m.key === "main.smalt");
    expect(main2?.entry).toBe(true);
    expect(main2?.imports.map((i) => i.module)).toEqual(["std.clearing", "a.smalt", "b.smalt"]);
  });

  it("reports an unknown std module with a suggestion (E1005)", () => {
    const text = "import std.clearng";
    const r = check(text);
    expect(show(text, r.diagnostics)).toEqual(['E1005 unknown module `std.clearng` @ "std.clearng"']);
    expect(r.diagnostics[0].help).toBe("did you mean `std.clearing`?");
  });

  it("reports an unknown file (E1005)", () => {
    const text = 'import "./missing.smalt" as m';
    expect(show(text, check(text).diagnostics)).toEqual(['E1005 unknown module "./missing.smalt" @ "\\"./missing.smalt\\""']);
  });

  it("reports an import cycle once, naming its path (E1006)", () => {
    const files = { "./a.smalt": 'import "./b.smalt" as b', "./b.smalt": 'import "./a.smalt" as a' };
    const r = check('import "./a.smalt" as a', files);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message} @ ${d.primary.span.file}`)).toEqual([
      "E1006 import cycle: `a.smalt` -> `b.smalt` -> `a.smalt` @ b.smalt",
    ]);
  });

  it("checks imported modules too, and resolves names through aliases and std paths", () => {
    const files = { "./money.smalt": "record Price { amount: u64 }\nconst FEE: u64 = 3\nfn add_fee(x: u64) -> u64 { return x + FEE }" };
    const p = ok(
      `import "./money.smalt" as money
import std.clearing
fn total(p: money.Price) -> u64 { return money.add_fee(p.amount) + money.FEE }
const RULE_ORDERS: u64 = 256`,
      files,
    );
    expect(p.modules.map((m) => m.key)).toEqual(["main.smalt", "money.smalt", "std.clearing"]);
    const broken = check("fn f() -> u64 { return 1 }", { "./x.smalt": "fn g() -> u64 { return nope }" });
    expect(broken.diagnostics).toEqual([]); // not imported: not loaded
    const imported = check('import "./x.smalt" as x', { "./x.smalt": "fn g() -> u64 { return nope }" });
    expect(imported.diagnostics.map((d) => `${d.code} ${d.primary.span.file}`)).toEqual(["E1001 x.smalt"]);
  });

  it("stops after syntax errors instead of checking a partial tree", () => {
    const text = "fn f( -> u64 { return nope }";
    const r = check(text);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.every((d) => d.code.startsWith("E0"))).toBe(true);
  });
});
