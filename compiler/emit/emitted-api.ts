// The shape of an emitted organism module as its loaders (`smalt test`, tests) see it: the
// exports every module has; values are loose because each organism has its own types.
export type Json = null | boolean | string | readonly Json[] | { readonly [key: string]: Json };

export interface Context {
  readonly sender: string;
  readonly self: string;
  readonly index: bigint;
}

export type Receipt =
  | { readonly outcome: "ok"; readonly events: readonly unknown[]; readonly cites: readonly unknown[] }
  | { readonly outcome: "rejected"; readonly code: string; readonly reason: string };

export type State = { readonly [entry: string]: unknown };

export interface EmittedApi {
  readonly ORGANISM: { readonly name: string; readonly instance: string; readonly network: string };
  readonly FINGERPRINTS: Readonly<Record<string, string>>;
  readonly CONFIG: Readonly<Record<string, unknown>>;
  readonly HANDLERS: Readonly<Record<string, { readonly via: string | null; readonly params: readonly string[]; readonly cost: number }>>;
  readonly QUERIES: Readonly<Record<string, { readonly params: readonly string[]; readonly cost: number }>>;
  readonly STATE_FIELDS: readonly { readonly name: string }[];
  initialState(): State;
  apply(state: State, command: unknown, ctx: Context, options?: { readonly budget?: number }): { readonly state: State; readonly receipt: Receipt };
  readonly queries: Readonly<Record<string, (state: State, ctx: { readonly self: string }, ...args: never[]) => unknown>>;
  stateRoot(state: State): Uint8Array;
  subRoots(state: State): { readonly name: string; readonly root: Uint8Array }[];
  encodeState(state: State): Uint8Array;
  decodeState(bytes: Uint8Array): State;
  decodeCommand(json: unknown): unknown;
  commandToJson(command: unknown): Json;
  receiptToJson(receipt: Receipt): Json;
  runQuery(state: State, ctx: { readonly self: string }, json: unknown): Json;
  configToJson(): Json;
  readonly SmaltAbort: new (...args: never[]) => Error & { readonly code: string; readonly reason: string };
  stateToJson(state: State): Json;
}
