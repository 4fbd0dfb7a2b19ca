// Check stage, first pass: loaded modules -> ModuleEnv item tables (top-level names and
// import bindings). Reports duplicate declarations (E1002); never looks inside bodies.
import { error } from "../diagnostics/make.js";
import { PRIM_NAMES } from "../ir/types.js";
import type { LoadedModule } from "../load.js";
import { type Ident, unreachable } from "../syntax/ast.js";
import { BUILTIN_RECORD_NAMES } from "../ir/builtin-records.js";
import type { ModuleEnv, ModuleItem, ProgramEnv } from "./environment.js";

export function collectDeclarations(env: ProgramEnv, loaded: LoadedModule): ModuleEnv {
  const items = new Map<string, ModuleItem>();
  const firstSpan = new Map<string, Ident>();
  const ref = (name: Ident) => ({ module: loaded.key, name: name.name });

  const declare = (name: Ident, item: ModuleItem): void => {
    if (name.name === "") return; // a syntax error, already reported
    const builtin = BUILTIN_RECORD_NAMES.includes(name.name) || (PRIM_NAMES as readonly string[]).includes(name.name);
    if (builtin && item.kind !== "Module" && item.kind !== "Namespace") {
      env.report(error("E1002", `\`${name.name}\` is already a built-in type`, name.span, { help: "choose another name" }));
      return;
    }
    const previous = firstSpan.get(name.name);
    if (previous) {
      env.report(
        error("E1002", `duplicate declaration \`${name.name}\``, name.span, {
          label: "declared again here",
          secondary: [{ span: previous.span, message: "first declared here" }],
        }),
      );
      return;
    }
    firstSpan.set(name.name, name);
    items.set(name.name, item);
  };

  let network: Ident | undefined;
  const testNames = new Map<string, Ident>();
  for (const decl of loaded.program.decls) {
    switch (decl.kind) {
      case "RecordDecl":
        declare(decl.name, { kind: "Record", ref: ref(decl.name), decl });
        break;
      case "EnumDecl":
        declare(decl.name, { kind: "Enum", ref: ref(decl.name), decl });
        break;
      case "ConstDecl":
        declare(decl.name, { kind: "Const", ref: ref(decl.name), decl });
        break;
      case "FnDecl":
        declare(decl.name, { kind: "Fn", ref: ref(decl.name), decl });
        break;
      case "ClearingDecl":
        declare(decl.name, { kind: "Clearing", ref: ref(decl.name), decl });
        break;
      case "ValidatorDecl":
        declare(decl.name, { kind: "Validator", ref: ref(decl.name), decl });
        break;
      case "OrganismDecl":
        declare(decl.name, { kind: "Organism", ref: ref(decl.name), decl });
        break;
      case "NetworkDecl": {
        const here: Ident = { kind: "Ident", name: "network", span: decl.span };
        if (network) {
          env.report(
            error("E1002", "duplicate declaration `network`", decl.span, {
              secondary: [{ span: network.span, message: "first declared here" }],
              help: "a file declares at most one network",
            }),
          );
        } else network = here;
        break;
      }
      case "TestDecl": {
        const name: Ident = { kind: "Ident", name: decl.name.value, span: decl.name.span };
        const previous = testNames.get(name.name);
        if (previous) {
          env.report(error("E1002", `duplicate test "${name.name}"`, name.span, { secondary: [{ span: previous.span, message: "first declared here" }] }));
        } else testNames.set(name.name, name);
        break;
      }
      case "ImportDecl":
        break;
      default:
        return unreachable(decl);
    }
  }
  bindImports(loaded, declare, items);
  return { key: loaded.key, path: loaded.file.path, program: loaded.program, items };
}

/** `import std.clearing` binds the path `std.clearing`; `as x` binds `x`; a file import binds its alias or file stem. */
function bindImports(loaded: LoadedModule, declare: (name: Ident, item: ModuleItem) => void, items: Map<string, ModuleItem>): void {
  for (const imp of loaded.imports) {
    const target: ModuleItem = { kind: "Module", key: imp.module ?? "" }; // "" = failed to load: lookups stay silent
    const { decl } = imp;
    if (decl.alias) {
      declare(decl.alias, target);
    } else if (decl.file) {
      const stem = decl.file.value.replace(/^.*\//, "").replace(/\.smalt$/, "");
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(stem)) declare({ kind: "Ident", name: stem, span: decl.file.span }, target);
    } else if (decl.module && decl.module.length > 0) {
      bindPath(decl.module, target, items, declare);
    }
  }
}

function bindPath(path: readonly Ident[], target: ModuleItem, items: Map<string, ModuleItem>, declare: (name: Ident, item: ModuleItem) => void): void {
  const [head, ...rest] = path;
  if (rest.length === 0) return declare(head, target);
  if (!items.has(head.name)) declare(head, { kind: "Namespace", children: new Map<string, ModuleItem>() });
  const existing = items.get(head.name);
  if (existing?.kind !== "Namespace") return declare(head, target); // reports the clash
  // The namespace was created just above by this pass, so its map is ours to extend.
  const children = existing.children as Map<string, ModuleItem>;
  bindPath(rest, target, children, (name, item) => {
    if (!children.has(name.name)) children.set(name.name, item); // the same module imported twice is harmless
  });
}
