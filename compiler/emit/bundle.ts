// Emit stage, bundling: an emitted module's TypeScript -> one self-contained ES module with
// the prelude (and the hashing library it uses) inlined, as the runtime loads it. esbuild
// reads the prelude's files under `rootDir`; file names in the output are relative to it,
// so the bundle has no absolute path and is byte-identical wherever and whenever it is built.
import * as esbuild from "esbuild";
import { PRELUDE_IMPORT } from "./emit.js";

export interface BundleOptions {
  /** The project root: esbuild's working directory; every path in the output is relative to it. */
  readonly rootDir: string;
  /** The prelude's entry file, relative to `rootDir` (`./stdlib/prelude/index.ts`). */
  readonly preludeEntry: string;
}

export async function bundle(ts: string, fileName: string, options: BundleOptions): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: ts, loader: "ts", sourcefile: fileName, resolveDir: options.rootDir },
    absWorkingDir: options.rootDir,
    alias: { [PRELUDE_IMPORT]: options.preludeEntry },
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "es2022",
    charset: "utf8",
    legalComments: "inline",
    logLevel: "silent",
  });
  const errors = result.errors.map((e) => e.text);
  if (errors.length > 0 || result.outputFiles.length !== 1) throw new Error(`internal error: bundling ${fileName} failed: ${errors.join("; ")}`);
  return result.outputFiles[0].text;
}
