// Golden fingerprints: every example's `smalt fingerprint --json` against
// test/cases/fingerprint/<example>/expected.json (accept changes with `npm run gen`), and
// the mosaik golden vectors reached through the real command on
// examples/interop/mosaik-vectors.smalt (mosaik.md §3.10).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { fingerprintGoldens } from "../../scripts/fingerprint-diff-cases.js";
import { runSmalt } from "../support/cli.js";

describe("fingerprint goldens", () => {
  const goldens = fingerprintGoldens();

  it("covers every example", () => {
    expect(goldens.length).toBeGreaterThanOrEqual(10);
  });

  it.each(goldens.map((g) => [g.file.split("/").slice(-2, -1)[0], g] as const))("%s", (_name, g) => {
    expect(fs.existsSync(g.file), `${g.file} is missing: run npm run gen`).toBe(true);
    expect(g.actual).toBe(fs.readFileSync(g.file, "utf8"));
  });
});

describe("smalt fingerprint examples/interop/mosaik-vectors.smalt", () => {
  it("prints mosaik's Jwt and Tdx golden signatures as JSON", () => {
    const r = runSmalt(["fingerprint", "examples/interop/mosaik-vectors.smalt", "--json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { network: string; organisms: unknown[]; validators: { name: string; signature: string }[] };
    expect(json.network).toBe("universe");
    expect(json.organisms).toEqual([]);
    expect(json.validators).toEqual([
      { name: "MosaikJwt", signature: "5e3521de3d01c4d8590e6be753bb30e51ed7830f3a8ee6e5ee91e0fc9b1b8b7d" },
      { name: "MosaikTdx", signature: "4c641def73856ee5236fe4d9883e509622c47f5aaf6b2e5fc6fdcf1d2b067c30" },
    ]);
  });

  it("prints both signatures in the table", () => {
    const r = runSmalt(["fingerprint", "examples/interop/mosaik-vectors.smalt"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("MosaikJwt  5e3521de3d01c4d8590e6be753bb30e51ed7830f3a8ee6e5ee91e0fc9b1b8b7d");
    expect(r.stdout).toContain("MosaikTdx  4c641def73856ee5236fe4d9883e509622c47f5aaf6b2e5fc6fdcf1d2b067c30");
  });

  it("refuses a file with errors (exit 1) and bad usage (exit 2)", () => {
    expect(runSmalt(["fingerprint", "test/cases/diagnostics/E4002/input.smalt"]).status).toBe(1);
    expect(runSmalt(["fingerprint"]).status).toBe(2);
    expect(runSmalt(["fingerprint", "a.smalt", "b.smalt"]).status).toBe(2);
  });
});
