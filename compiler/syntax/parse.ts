// Text -> AST: the parse stage. Runs the chevrotain front end (grammar/) and lowers its CST.
// Syntax diagnostics (E0xxx) come back with the tree; a tree with syntax errors is partial.
import { parseCst } from "../../grammar/parse-cst.js";
import { sortDiagnostics, type Result } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../source.js";
import type { Program } from "./ast.js";
import { LowerContext } from "./cst-access.js";
import { lowerProgram } from "./lower-decls.js";

export function parse(file: SourceFile): Result<Program> {
  const cst = parseCst(file);
  const cx = new LowerContext(file.path);
  const program = lowerProgram(cx, cst.cst);
  return { value: program, diagnostics: sortDiagnostics([...cst.diagnostics, ...cx.diagnostics]) };
}
