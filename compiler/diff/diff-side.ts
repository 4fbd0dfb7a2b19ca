// One side of a policy diff: the checked program, its fingerprints, and lookups the
// comparison needs (validators by reference, source text for quoting a predicate).
import type { CheckedModule, ValidatorDef } from "../ir/declarations.js";
import { refKey, type DeclRef } from "../ir/types.js";
import { ProgramIndex } from "../eval/program-index.js";
import { CanonContext } from "../fingerprint/canonical-context.js";
import { fingerprintProgram, type ProgramFingerprints } from "../fingerprint/fingerprint-program.js";
import type { SourceFile, Span } from "../source.js";

/** What the caller hands the diff for each version. */
export interface DiffInput {
  /** How the version is named in the report (a path as the user typed it). */
  readonly label: string;
  readonly modules: readonly CheckedModule[];
  /** Keys of the modules whose organisms and validators are compared. */
  readonly entries: readonly string[];
  readonly sources: readonly SourceFile[];
}

export class DiffSide {
  readonly index: ProgramIndex;
  readonly fingerprints: ProgramFingerprints;
  readonly canon: CanonContext;
  private readonly validators = new Map<string, ValidatorDef>();
  private readonly texts = new Map<string, string>();

  constructor(readonly input: DiffInput) {
    this.index = new ProgramIndex(input.modules);
    this.canon = new CanonContext(input.modules);
    this.fingerprints = fingerprintProgram(input.modules, { entries: input.entries, context: this.canon });
    for (const m of input.modules) for (const v of m.validators) this.validators.set(refKey(v.ref), v);
    for (const s of input.sources) this.texts.set(s.path, s.text);
  }

  validator(ref: DeclRef): ValidatorDef {
    const v = this.validators.get(refKey(ref));
    if (!v) throw new Error(`internal error: validator ${refKey(ref)} is not in the checked program`);
    return v;
  }

  /** Top-level validators of the entry modules, by name (the first of a name wins). */
  entryValidators(): Map<string, ValidatorDef> {
    const out = new Map<string, ValidatorDef>();
    for (const m of this.input.modules) {
      if (!this.input.entries.includes(m.key)) continue;
      for (const v of m.validators) if (!out.has(v.ref.name)) out.set(v.ref.name, v);
    }
    return out;
  }

  /** The source text under a span, with runs of whitespace collapsed (for quoting a condition). */
  quote(s: Span): string {
    const text = this.texts.get(s.file);
    return text === undefined ? "…" : text.slice(s.start, s.end).replace(/\s+/g, " ").trim();
  }
}
