// What the apply benchmarks share: checking a policy (a file, or the text of one with a
// declaration widened) as `smalt build` does, loading one organism's bundled module, a
// hand-written command in the JSON form the emitted decoder reads, and running a decoded
// command stream through the emitted `apply` (with a state root after each command, or not).
import path from "node:path";
import { createFsLoader } from "../cli/loader.js";
import { emit } from "../compiler/emit/emit.js";
import type { EmittedApi, State } from "../compiler/emit/emitted-api.js";
import { checkProgram, type CheckedProgram } from "../compiler/index.js";
import { bundleEmitted, importBundle } from "../compiler/scenario/load-emitted.js";

export const SELF = "5e".repeat(32);

/**
 * Checks a policy file as `smalt build` does; with `text`, checks that text in the file's
 * place (its imports resolve beside it). Throws if it has errors: a broken benchmark must not report.
 */
export function checkPolicy(abs: string, text?: string): CheckedProgram {
  const loader = createFsLoader({ cwd: path.dirname(abs) });
  const entry = text === undefined ? loader.readEntry(abs) : { path: path.basename(abs), text };
  const r = checkProgram([entry], loader);
  if (!r.value) throw new Error(`${abs}${text === undefined ? "" : " (edited)"} does not check: ${r.diagnostics[0]?.message}`);
  return r.value;
}

/** The emitted, bundled module of `organism`, as the runtime loads it. */
export async function loadEmitted(program: CheckedProgram, organism: string): Promise<EmittedApi> {
  return importBundle(await bundleEmitted(await emit(program, organism)));
}

/** A hand-written command (`handler` plus its arguments, bigints anywhere) as the JSON the emitted decoder reads. */
export function commandJson(c: { readonly handler: string }): { handler: string; args: Record<string, unknown> } {
  const { handler, ...rest } = c;
  const str = (v: unknown): unknown => (typeof v === "bigint" ? v.toString() : typeof v === "object" && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, str(x)])) : v);
  return { handler, args: str(rest) as Record<string, unknown> };
}

export type DecodedStream = readonly { readonly sender: string; readonly cmd: unknown }[];

export function decodeStream(api: EmittedApi, stream: readonly { readonly sender: string; readonly cmd: { readonly handler: string } }[]): DecodedStream {
  return stream.map((s) => ({ sender: s.sender, cmd: api.decodeCommand(commandJson(s.cmd)) }));
}

/** Applies the stream from `start` and returns the state it ends in; throws on a rejection (every benchmark stream is accepted). */
export function runStream(api: EmittedApi, start: State, decoded: DecodedStream, withRoot: boolean, what: string): State {
  let state = start;
  decoded.forEach((s, i) => {
    const r = api.apply(state, s.cmd as Parameters<EmittedApi["apply"]>[1], { sender: s.sender, self: SELF, index: BigInt(i + 1) });
    if (r.receipt.outcome !== "ok") throw new Error(`emitted ${what} rejected command ${i}: ${JSON.stringify(api.receiptToJson(r.receipt))}`);
    state = r.state;
    if (withRoot) api.stateRoot(state);
  });
  return state;
}
