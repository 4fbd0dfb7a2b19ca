// The adapter from an emitted organism module (compiler/emit) to the runtime's
// StateMachine: commands arrive as JSON and are decoded by the module's own schema
// reader (a malformed one becomes a deterministic `invalid_value` rejection naming the
// field, never an exception); receipts leave as the module's JSON form; roots as hex.
// The organism's own account (`self`) is its stable id, so every replica and every client
// agree on it without configuration.
import type { EmittedApi, Json as ApiJson } from "../../compiler/emit/emitted-api.js";
import { toHex } from "../../compiler/fingerprint/bytes.js";
import type { ApplyContext, Json, StateMachine, StateRoots } from "../replica/state-machine.js";

type State = ReturnType<EmittedApi["initialState"]>;

const FINGERPRINT_PREFIX = /^[a-z0-9-]+\/[a-z]+@\d+:/;

/** The 64 hex digits of a fingerprint as the manifest writes it (`blake3-256/mosaik@1:…`). */
export function fingerprintHex(fingerprint: string): string {
  return fingerprint.replace(FINGERPRINT_PREFIX, "");
}

/** What an organism's receipt looks like in the runtime: the module's receiptToJson form. */
export type OrganismReceipt =
  | { readonly outcome: "ok"; readonly events: readonly Json[]; readonly cites: readonly Json[] }
  | { readonly outcome: "rejected"; readonly code: string; readonly reason: string };

export interface EmittedMachine extends StateMachine<State, OrganismReceipt> {
  readonly api: EmittedApi;
  /** The organism's own account: its stable id, hex. */
  readonly self: string;
  /** Checks a command against the organism's schema before it is appended; a message naming the field, or null when well-formed. */
  validate(command: Json): string | null;
}

type Decoded = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly code: string; readonly reason: string };

export function emittedMachine(api: EmittedApi): EmittedMachine {
  const self = fingerprintHex(String(api.FINGERPRINTS.stableId));
  const decode = (command: Json) => api.decodeCommand(command as ApiJson);
  // The committee hands every member the same decoded envelope for an entry, so the members
  // sharing this machine see the same command object one after another: it is decoded into
  // the module's typed form once for all of them (decoding is a pure function of the JSON,
  // and emitted code never mutates a command).
  let last: { readonly command: Json; readonly decoded: Decoded } | null = null;
  const decodeShared = (command: Json): Decoded => {
    if (last !== null && last.command === command && typeof command === "object" && command !== null) return last.decoded;
    let decoded: Decoded;
    try {
      decoded = { ok: true, value: decode(command) };
    } catch (e) {
      if (!(e instanceof api.SmaltAbort)) throw e;
      decoded = { ok: false, code: e.code, reason: e.reason };
    }
    last = { command, decoded };
    return decoded;
  };
  return {
    api,
    self,
    contentHash: fingerprintHex(String(api.FINGERPRINTS.contentHash)),
    initialState: () => api.initialState(),
    apply(state: State, command: Json, ctx: ApplyContext) {
      const decoded = decodeShared(command);
      if (!decoded.ok) return { state, receipt: { outcome: "rejected", code: decoded.code, reason: decoded.reason } };
      const out = api.apply(state, decoded.value, { sender: ctx.sender, self, index: BigInt(ctx.index) });
      return { state: out.state, receipt: api.receiptToJson(out.receipt) as OrganismReceipt };
    },
    stateRoot(state: State): StateRoots {
      // The sub-roots are only read to name a diverging field, so they are made on first read.
      let subRoots: Readonly<Record<string, string>> | undefined;
      return {
        root: toHex(api.stateRoot(state)),
        get subRoots() {
          subRoots ??= Object.fromEntries(api.subRoots(state).map((s) => [s.name, toHex(s.root)]));
          return subRoots;
        },
      };
    },
    encodeState: (state: State) => api.encodeState(state),
    decodeState: (bytes: Uint8Array) => api.decodeState(bytes),
    validate(command: Json): string | null {
      try {
        decode(command);
        return null;
      } catch (e) {
        if (!(e instanceof api.SmaltAbort)) throw e;
        return e.reason;
      }
    },
  };
}
