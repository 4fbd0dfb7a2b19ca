// Reference evaluator, part 9: `hash(x)` — BLAKE3 of the canonical hash-view encoding.
import type { Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import { hashValue as preludeHash, toHex } from "../../stdlib/prelude/index.js";
import type { ProgramIndex } from "./program-index.js";
import { toPrelude, typeDescOf } from "./to-prelude.js";

export function hashValue(v: Value, t: Type, index: ProgramIndex): Value {
  return { kind: "Bytes", hex: toHex(preludeHash(typeDescOf(t, index), toPrelude(v, t, index))) };
}
