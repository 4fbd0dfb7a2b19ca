// Module loading: entry sources -> parsed module graph. Follows `import std.x` and
// `import "./f.smalt"` through a caller-supplied loader (no fs here); E1005 unknown module, E1006 cycles.
import { sortDiagnostics, type Diagnostic, type Result } from "./diagnostics/diagnostic.js";
import { error } from "./diagnostics/make.js";
import type { SourceFile } from "./source.js";
import type { ImportDecl, Program } from "./syntax/ast.js";
import { parse } from "./syntax/parse.js";
import { findCycles } from "./check/find-cycles.js";
import { didYouMean } from "./check/suggest.js";

export type ModuleRequest =
  | { readonly kind: "std"; readonly path: readonly string[] } // `import std.clearing` -> ["clearing"]
  | { readonly kind: "file"; readonly from: string; readonly spec: string }; // spec as written, relative to `from`

export interface ModuleLoader {
  load(req: ModuleRequest): SourceFile | undefined;
}

export interface ResolvedImport {
  readonly decl: ImportDecl;
  readonly module?: string; // key of the imported module; absent when it could not be loaded
}

export interface LoadedModule {
  /** `std.clearing` for the standard library, the source path for files. */
  readonly key: string;
  readonly file: SourceFile;
  readonly program: Program;
  readonly imports: readonly ResolvedImport[];
  readonly entry: boolean;
}

export interface ModuleGraph {
  readonly entries: readonly string[]; // keys, in the order given
  readonly modules: readonly LoadedModule[]; // sorted by key
}

/** The standard library modules named in docs/language.md §2 (used only for suggestions). */
const KNOWN_STD = ["std.attestation", "std.clearing", "std.ledger", "std.reputation"];

export function loadProgram(entries: readonly SourceFile[], loader: ModuleLoader): Result<ModuleGraph> {
  const diagnostics: Diagnostic[] = [];
  const modules = new Map<string, LoadedModule>();

  const visit = (key: string, file: SourceFile, entry: boolean): void => {
    if (modules.has(key)) return;
    const parsed = parse(file);
    diagnostics.push(...parsed.diagnostics);
    const imports: ResolvedImport[] = [];
    const pending: [string, SourceFile][] = [];
    // Register before following imports so a cycle finds this module instead of loading it twice.
    modules.set(key, { key, file, program: parsed.value, imports, entry });
    for (const decl of parsed.value.decls) {
      if (decl.kind !== "ImportDecl") continue;
      const found = resolveImport(decl, file.path, loader, diagnostics);
      imports.push({ decl, module: found?.[0] });
      if (found) pending.push(found);
    }
    for (const [k, f] of pending) visit(k, f, false);
  };

  for (const file of entries) visit(file.path, file, true);
  const graph: ModuleGraph = {
    entries: entries.map((f) => f.path),
    modules: [...modules.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
  diagnostics.push(...importCycles(graph));
  return { value: graph, diagnostics: sortDiagnostics(diagnostics) };
}

function resolveImport(decl: ImportDecl, from: string, loader: ModuleLoader, diagnostics: Diagnostic[]): [string, SourceFile] | undefined {
  if (decl.file) {
    const file = loader.load({ kind: "file", from, spec: decl.file.value });
    if (file) return [file.path, file];
    diagnostics.push(error("E1005", `unknown module "${decl.file.value}"`, decl.file.span, { label: "no such file" }));
    return undefined;
  }
  const path = (decl.module ?? []).map((i) => i.name);
  if (path.length === 0 || path.includes("")) return undefined; // a syntax error already reported
  const name = path.join(".");
  if (path[0] === "std" && path.length > 1) {
    const file = loader.load({ kind: "std", path: path.slice(1) });
    if (file) return [name, file];
  }
  const span = decl.module && decl.module.length > 0 ? { ...decl.module[0].span, end: decl.module[decl.module.length - 1].span.end } : decl.span;
  const help =
    didYouMean(name, KNOWN_STD) ??
    (path[0] === "std"
      ? `the standard library modules are ${KNOWN_STD.map((m) => `\`${m}\``).join(", ")}`
      : 'import a file with `import "./file.smalt" as name`');
  diagnostics.push(error("E1005", `unknown module \`${name}\``, span, { help }));
  return undefined;
}

/** Every import edge that closes a cycle, reported once at that import, naming the whole path. */
function importCycles(graph: ModuleGraph): Diagnostic[] {
  const byKey = new Map(graph.modules.map((m) => [m.key, m]));
  const edges = (key: string) => (byKey.get(key)?.imports ?? []).flatMap((imp) => (imp.module === undefined ? [] : [{ to: imp.module, site: imp.decl }]));
  return findCycles(
    graph.modules.map((m) => m.key),
    edges,
  ).map(({ path, site }) =>
    error("E1006", `import cycle: ${path.map((k) => `\`${k}\``).join(" -> ")}`, site.span, {
      label: "this import closes the cycle",
      help: "move the shared declarations into a module both can import",
    }),
  );
}
