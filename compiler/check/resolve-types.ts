// Check stage: AST type expressions -> IR types. Unknown types (E1003), floating point
// (E3001), wrong type arguments (E2011), collections without a capacity (E3004), capacity folding.
import { error } from "../diagnostics/make.js";
import { ERROR, INT_RANGES, isIntType, PRIM_NAMES, type PrimName, showType, type Type } from "../ir/types.js";
import { type Expr, type TypeExpr, unreachable } from "../syntax/ast.js";
import { FLOAT_TYPE_NAMES } from "./builtins.js";
import { constInfo } from "./declaration-table.js";
import type { ModuleEnv, ProgramEnv } from "./environment.js";
import { walkPath } from "./resolve-names.js";

export interface TypeOptions {
  /** Config parameters may have type `clearing` (a clearing rule). */
  readonly allowClearing?: boolean;
  /** Inside a body: is this name a local? (A capacity must be a constant, never a local.) */
  readonly isLocal?: (name: string) => boolean;
}

const GENERIC_ARITY: Readonly<Record<string, number>> = { option: 1, list: 1, set: 1, map: 2 };

export function resolveType(env: ProgramEnv, module: ModuleEnv, t: TypeExpr, options: TypeOptions = {}): Type {
  switch (t.kind) {
    case "NamedType":
      return resolveNamed(env, module, t, options);
    case "GenericType":
      return resolveGeneric(env, module, t, options);
    default:
      return unreachable(t);
  }
}

function resolveNamed(env: ProgramEnv, module: ModuleEnv, t: Extract<TypeExpr, { kind: "NamedType" }>, options: TypeOptions): Type {
  const [head] = t.path;
  if (!head || head.name === "") return ERROR;
  if (t.path.length === 1 && !module.items.has(head.name)) {
    const name = head.name;
    if ((PRIM_NAMES as readonly string[]).includes(name)) return { kind: "Prim", name: name as PrimName };
    if (FLOAT_TYPE_NAMES.includes(name)) {
      env.report(
        error("E3001", `floating-point type \`${name}\``, t.span, {
          help: "use integers with explicit rounding (`div_floor`, `mul_div`) or `bps` for fractions",
        }),
      );
      return ERROR;
    }
    if (name === "clearing") {
      if (options.allowClearing) return { kind: "Clearing" };
      env.report(error("E1003", "`clearing` is only the type of a config parameter", t.span, { help: "to pass orders, use `list<Order, N>`" }));
      return ERROR;
    }
    if (name in GENERIC_ARITY) {
      env.report(
        error("E2011", `\`${name}\` needs type arguments`, t.span, {
          help: name === "option" ? "write `option<T>`" : `write \`${name}<…, N>\` with a capacity N`,
        }),
      );
      return ERROR;
    }
  }
  const found = walkPath(env, module, t.path, { code: "E1003", what: "type", extraCandidates: [...PRIM_NAMES, "option", "list", "map", "set"] });
  const shown = t.path.map((i) => i.name).join(".");
  if (found.kind === "Unknown") return ERROR;
  if (found.kind === "Module") {
    env.report(error("E1003", `\`${shown}\` is a module, not a type`, t.span));
    return ERROR;
  }
  const { item, rest } = found;
  if (rest.length === 0 && (item.kind === "Record" || item.kind === "Enum")) return { kind: item.kind, ref: item.ref };
  const what = item.kind === "Enum" ? "an enum variant" : `a ${item.kind === "Fn" ? "function" : item.kind.toLowerCase()}`;
  env.report(error("E1003", `\`${shown}\` is ${what}, not a type`, t.span));
  return ERROR;
}

function resolveGeneric(env: ProgramEnv, module: ModuleEnv, t: Extract<TypeExpr, { kind: "GenericType" }>, options: TypeOptions): Type {
  const name = t.name.name;
  const arity = GENERIC_ARITY[name];
  if (arity === undefined) {
    if (name !== "") env.report(error("E2011", `\`${name}\` takes no type arguments`, t.span, { help: "only `option`, `list`, `map` and `set` are generic" }));
    return ERROR;
  }
  const args = t.args.map((a) => resolveType(env, module, a, options));
  if (args.length !== arity || (name === "option" && t.capacity)) {
    const expected = name === "option" ? "`option<T>`" : name === "map" ? "`map<K, V, N>`" : `\`${name}<T, N>\``;
    env.report(error("E2011", `wrong type arguments for \`${name}\``, t.span, { help: `write ${expected}` }));
    return ERROR;
  }
  if (name === "option") return { kind: "Option", inner: args[0] };
  if (!t.capacity) {
    const shown = name === "map" ? `map<${args.map(showType).join(", ")}, N>` : `${name}<${showType(args[0])}, N>`;
    env.report(error("E3004", `collection type \`${name}\` has no capacity`, t.span, { help: `give its maximum size: \`${shown}\`` }));
    return ERROR;
  }
  const capacity = foldCapacity(env, module, t.capacity, options);
  if (capacity === undefined) return ERROR;
  if (name === "map") return { kind: "Map", key: args[0], value: args[1], capacity };
  return { kind: name === "list" ? "List" : "Set", element: args[0], capacity };
}

/** A capacity is an integer literal or the name of an integer constant, at least 1. */
function foldCapacity(env: ProgramEnv, module: ModuleEnv, e: Expr, options: TypeOptions): bigint | undefined {
  let value: bigint | undefined;
  if (e.kind === "IntLit") value = e.value;
  else if (e.kind === "NameExpr") {
    if (e.name.name === "") return undefined;
    if (options.isLocal?.(e.name.name)) {
      env.report(
        error("E2010", `capacity \`${e.name.name}\` is not a constant`, e.span, {
          label: "a local, known only when the code runs",
          help: `capacities are fixed at compile time: declare \`const ${e.name.name.toUpperCase()}: u64 = …\` at the top level, or write the number`,
        }),
      );
      return undefined;
    }
    const found = walkPath(env, module, [e.name], { code: "E1001", what: "constant" });
    if (found.kind !== "Item") return undefined;
    if (found.item.kind !== "Const") {
      env.report(error("E2010", `capacity \`${e.name.name}\` is not a constant`, e.span, { help: "use an integer literal or a `const`" }));
      return undefined;
    }
    const info = constInfo(env, found.item.ref);
    if (info.value === undefined) return undefined;
    if (!isIntType(info.type) || info.value.kind !== "Int") {
      env.report(error("E2001", `capacity \`${e.name.name}\` has type \`${showType(info.type)}\`, not an integer`, e.span));
      return undefined;
    }
    value = info.value.value;
  } else {
    env.report(error("E2010", "a capacity must be an integer literal or a constant", e.span));
    return undefined;
  }
  if (value < 1n || value > INT_RANGES.u64[1]) {
    env.report(error("E2004", `capacity ${value} is out of range`, e.span, { help: "a capacity is between 1 and 2^64-1" }));
    return undefined;
  }
  return value;
}
