// Check stage: declaration facts resolved on first use and memoised in the ProgramEnv —
// record fields, enum variants, fn/clearing signatures and folded constants (cycles: E2010).
import { error } from "../diagnostics/make.js";
import type { FieldDef } from "../ir/declarations.js";
import { BUILTIN_RECORDS } from "../ir/builtin-records.js";
import { BUILTIN_MODULE, type DeclRef, refKey, UNIT } from "../ir/types.js";
import type { TypeTables } from "../ir/values.js";
import type { Field, Ident } from "../syntax/ast.js";
import { checkExpr } from "./check-expressions.js";
import { Cx } from "./context.js";
import type { ConstInfo, EnumInfo, ModuleEnv, ProgramEnv, RecordInfo, Signature } from "./environment.js";
import { foldOrReport } from "./fold-constants.js";
import { resolveType } from "./resolve-types.js";

function declOf<K extends string>(env: ProgramEnv, ref: DeclRef, kind: K) {
  const module = env.module(ref.module);
  const item = module.items.get(ref.name);
  if (!item || item.kind !== kind) throw new Error(`internal error: ${refKey(ref)} is not a ${kind}`);
  return { module, item: item as Extract<typeof item, { kind: K }> };
}

export function recordInfo(env: ProgramEnv, ref: DeclRef): RecordInfo {
  const key = refKey(ref);
  const memo = env.records.get(key);
  if (memo) return memo;
  let info: RecordInfo;
  if (ref.module === BUILTIN_MODULE) {
    const builtin = BUILTIN_RECORDS.find((r) => r.ref.name === ref.name);
    if (!builtin) throw new Error(`internal error: no built-in record ${ref.name}`);
    info = builtin;
  } else {
    const { module, item } = declOf(env, ref, "Record");
    if (!item.decl) throw new Error(`internal error: record ${key} has no declaration`);
    // Memoise before resolving fields so a record that mentions itself finds an entry.
    const fields: FieldDef[] = [];
    info = { ref, fields, span: item.decl.span };
    env.records.set(key, info);
    fields.push(...resolveFields(env, module, item.decl.fields, `record \`${ref.name}\``));
  }
  env.records.set(key, info);
  return info;
}

export function enumInfo(env: ProgramEnv, ref: DeclRef): EnumInfo {
  const key = refKey(ref);
  const memo = env.enums.get(key);
  if (memo) return memo;
  const { module, item } = declOf(env, ref, "Enum");
  const variants: EnumInfo["variants"][number][] = [];
  const info: EnumInfo = { ref, variants, span: item.decl.span };
  env.enums.set(key, info);
  const seen = new Map<string, Ident>();
  for (const v of item.decl.variants) {
    if (v.name.name === "") continue;
    const first = seen.get(v.name.name);
    if (first) {
      env.report(
        error("E1002", `duplicate variant \`${v.name.name}\` in enum \`${ref.name}\``, v.name.span, {
          secondary: [{ span: first.span, message: "first declared here" }],
        }),
      );
      continue;
    }
    seen.set(v.name.name, v.name);
    variants.push({ name: v.name.name, fields: resolveFields(env, module, v.fields, `variant \`${ref.name}.${v.name.name}\``), span: v.span });
  }
  return info;
}

/** Field lists of records, variants and events: types resolved, duplicate names reported. */
export function resolveFields(env: ProgramEnv, module: ModuleEnv, fields: readonly Field[], owner: string): FieldDef[] {
  const out: FieldDef[] = [];
  const seen = new Map<string, Ident>();
  for (const f of fields) {
    const type = resolveType(env, module, f.type);
    if (f.name.name === "") continue;
    const first = seen.get(f.name.name);
    if (first) {
      env.report(
        error("E1002", `duplicate field \`${f.name.name}\` in ${owner}`, f.name.span, { secondary: [{ span: first.span, message: "first declared here" }] }),
      );
      continue;
    }
    seen.set(f.name.name, f.name);
    out.push({ name: f.name.name, type, span: f.span });
  }
  return out;
}

export function signature(env: ProgramEnv, ref: DeclRef): Signature {
  const key = refKey(ref);
  const memo = env.signatures.get(key);
  if (memo) return memo;
  const module = env.module(ref.module);
  const item = module.items.get(ref.name);
  if (!item || (item.kind !== "Fn" && item.kind !== "Clearing")) throw new Error(`internal error: ${key} is not callable`);
  const params = item.decl.params.map((p) => ({ name: p.name.name, type: resolveType(env, module, p.type), span: p.span }));
  const returnType = item.decl.returnType ? resolveType(env, module, item.decl.returnType) : UNIT;
  const sig: Signature = { kind: item.kind === "Fn" ? "fn" : "clearing", ref, params, returnType };
  env.signatures.set(key, sig);
  return sig;
}

export function constInfo(env: ProgramEnv, ref: DeclRef): ConstInfo {
  const key = refKey(ref);
  const memo = env.consts.get(key);
  if (memo) {
    if (env.pendingConsts.delete(key)) {
      const decl = declOf(env, ref, "Const").item.decl;
      env.report(error("E2010", `constant \`${ref.name}\` is defined in terms of itself`, decl.name.span, { help: "break the cycle with a literal value" }));
    }
    return memo;
  }
  const { module, item } = declOf(env, ref, "Const");
  const type = resolveType(env, module, item.decl.type);
  env.consts.set(key, { ref, type, value: undefined });
  env.pendingConsts.add(key);
  const cx = new Cx(env, module, "const");
  const ir = checkExpr(cx, item.decl.value, type);
  const value = type.kind === "Error" ? undefined : foldOrReport(cx, ir, `the value of constant \`${ref.name}\``);
  env.pendingConsts.delete(key);
  const info: ConstInfo = { ref, type, value };
  env.consts.set(key, info);
  return info;
}

export function typeTables(env: ProgramEnv): TypeTables {
  return {
    recordFields: (ref) => recordInfo(env, ref).fields,
    enumVariants: (ref) => enumInfo(env, ref).variants,
  };
}
