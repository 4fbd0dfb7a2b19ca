// Prelude: the one module emitted code imports (`import * as $ from ".../prelude/index.js"`).
// Everything here is deterministic: no clock, randomness, I/O, floats or global mutable state.
export * from "./abort.js";
export * as int from "./int.js";
export { INT_RANGE, INT_TYPES, BPS_ONE, type IntType } from "./int.js";
export * from "./types.js";
export * from "./hash.js";
export * from "./compare.js";
export * from "./encode.js";
export * from "./decode.js";
export * from "./pmap.js";
export * from "./pset.js";
export * from "./codec.js";
export * from "./list.js";
export * from "./meter.js";
export * from "./incremental.js";
export * from "./state-root.js";
