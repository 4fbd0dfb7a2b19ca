// Check stage: one module's declarations -> a ModuleDraft (typed IR without costs). Only the
// declaration that owns a name is checked: a duplicate (E1002) would only repeat diagnostics.
import type { ConstDef, EnumDef, RecordDef, TestDef, ValidatorDef } from "../ir/declarations.js";
import { refKey } from "../ir/types.js";
import { unreachable } from "../syntax/ast.js";
import { checkFunction, type FnDraft } from "./check-functions.js";
import { checkOrganism, type OrganismDraft } from "./check-organism.js";
import { checkTests } from "./check-tests.js";
import { checkValidatorExpressions } from "./check-validator-expressions.js";
import { constInfo, enumInfo, recordInfo } from "./declaration-table.js";
import type { ModuleEnv, ProgramEnv } from "./environment.js";

export interface ModuleDraft {
  readonly key: string;
  readonly path: string;
  readonly network: string;
  readonly records: readonly RecordDef[];
  readonly enums: readonly EnumDef[];
  readonly consts: readonly ConstDef[];
  readonly fns: readonly FnDraft[];
  readonly validators: readonly ValidatorDef[];
  readonly organisms: readonly OrganismDraft[];
  readonly tests: readonly TestDef[];
}

const byRef = <T extends { readonly ref: { readonly name: string } }>(xs: T[]): T[] =>
  xs.sort((a, b) => (a.ref.name < b.ref.name ? -1 : a.ref.name > b.ref.name ? 1 : 0));

export function checkModule(env: ProgramEnv, module: ModuleEnv): ModuleDraft {
  const records: RecordDef[] = [];
  const enums: EnumDef[] = [];
  const consts: ConstDef[] = [];
  const fns: FnDraft[] = [];
  const validators: ValidatorDef[] = [];
  const organisms: OrganismDraft[] = [];
  let network = "universe";
  for (const decl of module.program.decls) {
    if (decl.kind === "NetworkDecl") {
      network = decl.name.value;
      continue;
    }
    if (decl.kind === "ImportDecl" || decl.kind === "TestDecl") continue;
    const item = module.items.get(decl.name.name);
    if (!item || !("decl" in item) || item.decl !== decl) continue; // a duplicate, already reported
    switch (item.kind) {
      case "Record":
        records.push(recordInfo(env, item.ref));
        break;
      case "Enum":
        enums.push(enumInfo(env, item.ref));
        break;
      case "Const": {
        const info = constInfo(env, item.ref);
        if (info.value) consts.push({ ref: item.ref, type: info.type, value: info.value, span: item.decl.span });
        break;
      }
      case "Fn":
      case "Clearing":
        fns.push(checkFunction(env, module, item));
        break;
      case "Validator":
        validators.push(checkValidatorExpressions(env, module, item));
        break;
      case "Organism": {
        const org = env.organisms.get(refKey(item.ref));
        if (org) organisms.push(checkOrganism(env, module, org));
        break;
      }
      default:
        return unreachable(item);
    }
  }
  return {
    key: module.key,
    path: module.path,
    network,
    records: byRef(records),
    enums: byRef(enums),
    consts: byRef(consts),
    fns: byRef(fns),
    validators: byRef(validators),
    organisms: byRef(organisms),
    tests: checkTests(env, module),
  };
}
