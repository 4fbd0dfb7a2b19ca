// The file-system ModuleLoader: `import std.x` reads the project's stdlib/x.smalt (found
// relative to this file, not to the user's folder); `import "./y.smalt"` reads a file
// relative to the importing file. Every file read is kept, so renderers get the sources.
import fs from "node:fs";
import path from "node:path";
import type { ModuleLoader, ModuleRequest, SourceFile } from "../compiler/index.js";
import { displayPath } from "./files.js";

export const STDLIB_DIR = path.resolve(import.meta.dirname, "..", "stdlib");

/** A file the user named cannot be read (permissions, a folder where a file was expected). */
export class FileAccessError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot read ${file}: ${reason}`);
  }
}

export interface FsLoader extends ModuleLoader {
  /** Reads a file given on the command line (absolute path); throws FileAccessError. */
  readEntry(abs: string): SourceFile;
  /** Every file read so far, entries and imports, in reading order. */
  sources(): readonly SourceFile[];
}

export interface FsLoaderOptions {
  /** Paths in diagnostics are shown relative to this folder. */
  readonly cwd: string;
  readonly stdlibDir?: string;
}

export function createFsLoader(options: FsLoaderOptions): FsLoader {
  const stdlibDir = options.stdlibDir ?? STDLIB_DIR;
  const byAbsolute = new Map<string, SourceFile>();

  const read = (abs: string): SourceFile => {
    const known = byAbsolute.get(abs);
    if (known) return known;
    let text: string;
    try {
      text = fs.readFileSync(abs, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!code) throw e;
      throw new FileAccessError(displayPath(abs, options.cwd), REASONS[code] ?? code);
    }
    const file: SourceFile = { path: displayPath(abs, options.cwd), text };
    byAbsolute.set(abs, file);
    return file;
  };

  const resolve = (req: ModuleRequest): string | undefined => {
    if (req.kind === "std") {
      const segments = req.path[0] === "std" ? req.path.slice(1) : req.path;
      if (segments.length === 0 || !segments.every((s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s))) return undefined;
      return path.join(stdlibDir, ...segments) + ".smalt";
    }
    return path.resolve(options.cwd, path.dirname(req.from), req.spec);
  };

  return {
    load(req: ModuleRequest): SourceFile | undefined {
      const abs = resolve(req);
      if (abs === undefined) return undefined;
      try {
        return read(abs);
      } catch (e) {
        if (e instanceof FileAccessError) return undefined;
        throw e;
      }
    },
    readEntry: read,
    sources: () => [...byAbsolute.values()],
  };
}

const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
};
