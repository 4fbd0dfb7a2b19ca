// The corpus of real Smalt sources robustness tests run over: every example, every
// stdlib module and the all-constructs fixture, sorted so runs are reproducible.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return e.name.endsWith(".smalt") ? [p] : [];
  });
}

export function corpusFiles(): string[] {
  return [...walk(path.join(root, "examples")), ...walk(path.join(root, "stdlib")), path.join(root, "test", "fixtures", "all-constructs.smalt")].sort();
}
