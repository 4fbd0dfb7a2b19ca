// Building diagnostics at the place a problem is found.
import type { Span } from "../source.js";
import type { Code } from "./codes.js";
import type { Diagnostic, Label } from "./diagnostic.js";

export interface DiagnosticExtras {
  readonly label?: string; // message under the primary span
  readonly secondary?: readonly Label[];
  readonly help?: string;
}

export function error(code: Code, message: string, span: Span, extras: DiagnosticExtras = {}): Diagnostic {
  return {
    code,
    severity: "error",
    message,
    primary: { span, message: extras.label },
    secondary: extras.secondary ?? [],
    help: extras.help,
  };
}
