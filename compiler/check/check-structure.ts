// Check stage: the structural checks of validators and organisms (validators/: clauses, keys,
// measurements, committee, instance, pins, repeated items), run on every module's AST.
import { checkOrganismStructure, checkValidatorDecl } from "./validators/index.js";
import type { ModuleEnv, ProgramEnv } from "./environment.js";

export function checkStructure(env: ProgramEnv, modules: readonly ModuleEnv[]): void {
  for (const module of modules) {
    for (const decl of module.program.decls) {
      if (decl.kind === "ValidatorDecl") checkValidatorDecl(decl).forEach((d) => env.report(d));
      else if (decl.kind === "OrganismDecl") checkOrganismStructure(decl).forEach((d) => env.report(d));
    }
  }
}
