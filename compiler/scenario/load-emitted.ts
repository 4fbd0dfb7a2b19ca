// Loading an emitted organism into this process: bundled with the prelude exactly as
// `smalt build` bundles it, then imported from a data: URL, so nothing is written to disk.
import path from "node:path";
import { bundle } from "../emit/bundle.js";
import type { EmittedModule } from "../emit/emit.js";
import type { EmittedApi } from "../emit/emitted-api.js";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");
export const PRELUDE_ENTRY = "./stdlib/prelude/index.ts";

export function bundleEmitted(m: EmittedModule): Promise<string> {
  return bundle(m.text, m.fileName, { rootDir: PROJECT_ROOT, preludeEntry: PRELUDE_ENTRY });
}

export async function importBundle(js: string): Promise<EmittedApi> {
  return (await import(`data:text/javascript;base64,${Buffer.from(js, "utf8").toString("base64")}`)) as EmittedApi;
}

export async function loadEmitted(m: EmittedModule): Promise<EmittedApi> {
  return importBundle(await bundleEmitted(m));
}
