// Run the front end on one in-memory source and return every diagnostic (never throws
// for user input: an exception here is a Smalt bug and fails the calling test).
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import { parse } from "../../compiler/syntax/parse.js";

export function checkSource(file: string, text: string): readonly Diagnostic[] {
  return parse({ path: file, text }).diagnostics;
}
