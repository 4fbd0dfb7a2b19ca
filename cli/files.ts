// Which files a command works on: the paths given on the command line, folders searched
// recursively for `*.smalt`, sorted and de-duplicated; and how a path is shown to the user.
import fs from "node:fs";
import path from "node:path";

export type FileSelection = { readonly ok: true; readonly files: readonly string[] } | { readonly ok: false; readonly message: string };

/** Folders never searched: dependencies and hidden folders (.git, editor state). */
function skipFolder(name: string): boolean {
  return name === "node_modules" || name.startsWith(".");
}

/**
 * Absolute paths of the files named by `paths` (relative to `cwd`). A file named directly
 * is taken whatever its extension; a folder contributes every `*.smalt` below it.
 */
export function findSmaltFiles(paths: readonly string[], cwd: string): FileSelection {
  if (paths.length === 0) return { ok: false, message: "no path given" };
  const found = new Set<string>();
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    const stat = statOrUndefined(abs);
    if (!stat) return { ok: false, message: `no such file or folder: ${given}` };
    if (stat.isDirectory()) {
      const before = found.size;
      walk(abs, found);
      if (found.size === before) return { ok: false, message: `no .smalt files in ${given}` };
    } else found.add(abs);
  }
  return { ok: true, files: [...found].sort(byDisplayOrder) };
}

function walk(dir: string, found: Set<string>): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipFolder(entry.name)) walk(p, found);
    } else if (entry.name.endsWith(".smalt") && (entry.isFile() || statOrUndefined(p)?.isFile())) {
      found.add(p);
    }
  }
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code) return undefined;
    throw e;
  }
}

/** Code-unit order on the path segments, so `a/b.smalt` sorts before `a-b.smalt` on every OS. */
function byDisplayOrder(a: string, b: string): number {
  const sa = a.split(path.sep);
  const sb = b.split(path.sep);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return sa[i] < sb[i] ? -1 : 1;
  }
  return sa.length - sb.length;
}

/** How a file is named in output: relative to `cwd`, with `/` separators, never absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === "" ? path.basename(abs) : rel).split(path.sep).join("/");
}
