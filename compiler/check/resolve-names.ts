// Check stage: name resolution. A bare name in a body -> local, organism member, special
// (`sender`, `self`, `now`, `random`, `ticket`), module item or built-in; a dotted path -> module item.
import { error } from "../diagnostics/make.js";
import { BUILTIN_RECORD_NAMES } from "../ir/builtin-records.js";
import { BUILTIN_MODULE } from "../ir/types.js";
import type { Ident } from "../syntax/ast.js";
import { BUILTIN_FUNCTIONS, CONVERSIONS } from "./builtins.js";
import type { Cx } from "./context.js";
import type { ModuleEnv, ModuleItem, ProgramEnv } from "./environment.js";
import { didYouMean, didYouMeanType } from "./suggest.js";

export type DeclItem = Exclude<ModuleItem, { kind: "Module" | "Namespace" }>;

/** A top-level name of `module`, then the built-in records. */
export function lookupTopLevel(module: ModuleEnv, name: string): ModuleItem | undefined {
  return module.items.get(name) ?? builtinRecord(name);
}

/** A declaration of the module `key` reached through an import (its own imports are not re-exported). */
export function lookupInModule(env: ProgramEnv, key: string, name: string): ModuleItem | undefined {
  const item = env.modules.get(key)?.items.get(name);
  if (item && item.kind !== "Module" && item.kind !== "Namespace") return item;
  return builtinRecord(name);
}

function builtinRecord(name: string): ModuleItem | undefined {
  return BUILTIN_RECORD_NAMES.includes(name) ? { kind: "Record", ref: { module: BUILTIN_MODULE, name } } : undefined;
}

export type PathResult =
  /** A declaration, and the idents after it (a variant name, or fields of a constant). */
  | { readonly kind: "Item"; readonly item: DeclItem; readonly rest: readonly Ident[] }
  /** The path named a module or a prefix of one, not a declaration. */
  | { readonly kind: "Module"; readonly name: string; readonly at: Ident }
  /** Nothing by that name: already reported (or silently, after a failed import). */
  | { readonly kind: "Unknown" };

export interface PathOptions {
  readonly code: "E1001" | "E1003";
  readonly what: string; // "name", "type"
  readonly extraCandidates?: readonly string[];
}

/** Walk `a.b.c` through import namespaces and modules until a declaration is reached. */
export function walkPath(env: ProgramEnv, module: ModuleEnv, path: readonly Ident[], options: PathOptions): PathResult {
  const [head, ...tail] = path;
  if (!head || head.name === "") return { kind: "Unknown" };
  let item = lookupTopLevel(module, head.name);
  if (!item) {
    const candidates = [...module.items.keys(), ...BUILTIN_RECORD_NAMES, ...(options.extraCandidates ?? [])];
    const help = options.code === "E1003" ? didYouMeanType(head.name, candidates) : didYouMean(head.name, candidates);
    env.report(error(options.code, `unknown ${options.what} \`${head.name}\``, head.span, { help }));
    return { kind: "Unknown" };
  }
  let shown = head.name;
  for (let i = 0; i < tail.length; i++) {
    if (item.kind !== "Module" && item.kind !== "Namespace") return { kind: "Item", item, rest: tail.slice(i) };
    const step: Ident = tail[i];
    if (step.name === "") return { kind: "Unknown" };
    if (item.kind === "Module" && item.key === "") return { kind: "Unknown" }; // the import failed: reported by the loader
    const next: ModuleItem | undefined = item.kind === "Namespace" ? item.children.get(step.name) : lookupInModule(env, item.key, step.name);
    if (!next) {
      const candidates = item.kind === "Namespace" ? [...item.children.keys()] : [...(env.modules.get(item.key)?.items.keys() ?? [])];
      env.report(error(options.code, `\`${shown}\` has no ${options.what} \`${step.name}\``, step.span, { help: didYouMean(step.name, candidates) }));
      return { kind: "Unknown" };
    }
    shown = `${shown}.${step.name}`;
    item = next;
  }
  if (item.kind === "Module" || item.kind === "Namespace") return { kind: "Module", name: shown, at: path[path.length - 1] };
  return { kind: "Item", item, rest: [] };
}

/** What a bare name denotes inside a body (locals shadow everything else). */
export type NameTarget =
  | { readonly kind: "Local"; readonly local: number; readonly isParam: boolean; readonly name: string }
  | { readonly kind: "Special"; readonly which: "sender" | "self" | "now" | "random" | "ticket" | "config" }
  | { readonly kind: "State"; readonly name: string }
  | { readonly kind: "Collection"; readonly name: string }
  | { readonly kind: "Asset"; readonly name: string }
  | { readonly kind: "Uses"; readonly name: string }
  /** Tests only: a query of the organism under test, called in an `expect`. */
  | { readonly kind: "Query"; readonly name: string }
  | { readonly kind: "TopLevel"; readonly item: ModuleItem }
  | { readonly kind: "Builtin"; readonly name: string };

export function resolveName(cx: Cx, name: string): NameTarget | undefined {
  const local = cx.lookup(name);
  if (local) return { kind: "Local", local: local.decl.id, isParam: local.isParam, name };
  if (name === "sender" || name === "self" || name === "now" || name === "random") return { kind: "Special", which: name };
  if (name === "ticket" && cx.body === "validator") return { kind: "Special", which: "ticket" };
  const org = cx.organism;
  if (org) {
    if (name === "config") return { kind: "Special", which: "config" };
    if (org.state.has(name)) return { kind: "State", name };
    if (org.collections.has(name)) return { kind: "Collection", name };
    if (org.assets.has(name)) return { kind: "Asset", name };
    if (org.uses.has(name)) return { kind: "Uses", name };
    if (cx.body === "test" && org.queries.has(name)) return { kind: "Query", name };
  }
  const item = lookupTopLevel(cx.module, name);
  if (item) return { kind: "TopLevel", item };
  if ((BUILTIN_FUNCTIONS as readonly string[]).includes(name) || (CONVERSIONS as readonly string[]).includes(name) || name === "some")
    return { kind: "Builtin", name };
  return undefined;
}

/** Every name visible in a body, for "did you mean" help. */
export function visibleNames(cx: Cx): string[] {
  const org = cx.organism;
  const members = org ? [...org.state.keys(), ...org.collections.keys(), ...org.assets, ...org.uses.keys(), "config"] : [];
  if (org && cx.body === "test") members.push(...org.queries.keys());
  const specials = cx.body === "validator" ? ["now", "ticket"] : cx.body === "handler" ? ["sender", "self"] : org ? ["self"] : [];
  return [...cx.localNames(), ...members, ...specials, ...cx.module.items.keys(), ...BUILTIN_FUNCTIONS, ...CONVERSIONS];
}

export function unknownName(cx: Cx, name: Ident): void {
  if (name.name === "") return;
  if (cx.body === "validator") {
    const owner = [...cx.env.organisms.values()].find((o) => o.ref.module === cx.module.key && (o.state.has(name.name) || o.collections.has(name.name)));
    if (owner) {
      cx.report(
        error("E4008", `state read in a validator: \`${name.name}\` is state of organism \`${owner.ref.name}\``, name.span, {
          help: "validators run at admission, before any command: they see only the ticket (`ticket.…`) and the clock (`now`)",
        }),
      );
      return;
    }
  }
  cx.report(error("E1001", `unknown name \`${name.name}\``, name.span, { help: didYouMean(name.name, visibleNames(cx)) }));
}
