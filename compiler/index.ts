// The whole compiler pipeline on one screen:
//   text --parse--> AST --load imports--> module graph --check--> typed IR (+ costs)
// Pure: no fs, no clock, no process. File access goes through a ModuleLoader the caller supplies.
export type { SourceFile, Span } from "./source.js";
export type { Diagnostic, Result } from "./diagnostics/diagnostic.js";
export { parse } from "./syntax/parse.js";
export { loadProgram, type ModuleGraph, type ModuleLoader, type ModuleRequest } from "./load.js";
export { checkProgram, type CheckedProgram, type CostEntry } from "./check/check-program.js";
