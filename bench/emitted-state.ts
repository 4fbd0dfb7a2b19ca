// A state for an emitted module built outside it: scalar fields as given, maps from their
// entries (with the codec of the field's declared type), encoded with the prelude and handed
// to the bundle's own `decodeState`, so the result is exactly what a replica restoring a
// snapshot of that state would hold. Map and set fields not given start empty (the bundle
// carries its own prelude, so its collections cannot be mixed with these). Used to start
// benchmarks and tests from large states.
import type { EmittedApi, State } from "../compiler/emit/emitted-api.js";
import { mapCodec, setCodec } from "../stdlib/prelude/codec.js";
import { encode } from "../stdlib/prelude/encode.js";
import { PMap } from "../stdlib/prelude/pmap.js";
import { PSet } from "../stdlib/prelude/pset.js";
import type { TypeDesc } from "../stdlib/prelude/types.js";

export function emittedState(
  api: EmittedApi,
  values: Readonly<Record<string, unknown>>,
  maps: Readonly<Record<string, Iterable<readonly [unknown, unknown]>>> = {},
): State {
  const fields = api.STATE_FIELDS as readonly { readonly name: string; readonly type: TypeDesc }[];
  const state: Record<string, unknown> = { ...values };
  for (const name of Object.keys(maps)) {
    if (fields.find((f) => f.name === name)?.type.kind !== "map") throw new Error(`state field ${name} is not a map`);
  }
  for (const { name, type: t } of fields) {
    if (t.kind === "map") state[name] = PMap.fromEntries(mapCodec<unknown, unknown>(t.key, t.value), maps[name] ?? []);
    if (t.kind === "set") state[name] = PSet.empty(setCodec<unknown>(t.of));
  }
  return api.decodeState(encode({ kind: "record", name: "State", fields }, state));
}
