// Reference evaluator, part 1: lookups over the checked modules by DeclRef, and the
// type tables zero values need. Built once per evaluation session; read-only.
import type { CheckedModule, ConstDef, EnumDef, FnDef, OrganismDef, RecordDef } from "../ir/declarations.js";
import { BUILTIN_MODULE, refKey, type DeclRef, type Type } from "../ir/types.js";
import { zeroValue, type TypeTables, type Value } from "../ir/values.js";

const u64: Type = { kind: "Prim", name: "u64" };
const peer: Type = { kind: "Prim", name: "peer" };
const digest: Type = { kind: "Prim", name: "digest" };

/** The built-in records of docs/language.md §3, as the evaluator sees them. */
const builtinRecords: Readonly<Record<string, readonly { name: string; type: Type }[]>> = {
  Order: [
    { name: "agent", type: peer },
    { name: "qty", type: u64 },
    { name: "price", type: u64 },
    { name: "seq", type: u64 },
  ],
  Fill: [
    { name: "agent", type: peer },
    { name: "qty", type: u64 },
    { name: "pay", type: u64 },
  ],
  Allocation: [
    { name: "fills", type: { kind: "List", element: { kind: "Record", ref: { module: BUILTIN_MODULE, name: "Fill" } }, capacity: 1024n } },
    { name: "price", type: { kind: "Option", inner: u64 } },
  ],
  Evidence: [
    { name: "organism", type: digest },
    { name: "index", type: u64 },
    { name: "root", type: digest },
    { name: "commit", type: digest },
  ],
};

export class ProgramIndex implements TypeTables {
  private readonly records = new Map<string, RecordDef>();
  private readonly enums = new Map<string, EnumDef>();
  private readonly fns = new Map<string, FnDef>();
  private readonly consts = new Map<string, ConstDef>();
  private readonly organisms = new Map<string, OrganismDef>();

  constructor(readonly modules: readonly CheckedModule[]) {
    for (const m of modules) {
      for (const r of m.records) this.records.set(refKey(r.ref), r);
      for (const e of m.enums) this.enums.set(refKey(e.ref), e);
      for (const f of m.fns) this.fns.set(refKey(f.ref), f);
      for (const c of m.consts) this.consts.set(refKey(c.ref), c);
      for (const o of m.organisms) this.organisms.set(refKey(o.ref), o);
    }
  }

  fn(ref: DeclRef): FnDef {
    return must(this.fns.get(refKey(ref)), ref);
  }

  organism(ref: DeclRef): OrganismDef {
    return must(this.organisms.get(refKey(ref)), ref);
  }

  organismNamed(name: string): OrganismDef | undefined {
    return [...this.organisms.values()].find((o) => o.ref.name === name);
  }

  recordFields(ref: DeclRef): readonly { readonly name: string; readonly type: Type }[] {
    if (ref.module === BUILTIN_MODULE) return builtinRecords[ref.name] ?? [];
    return must(this.records.get(refKey(ref)), ref).fields;
  }

  enumVariants(ref: DeclRef): readonly { readonly name: string; readonly fields: readonly { readonly name: string; readonly type: Type }[] }[] {
    return must(this.enums.get(refKey(ref)), ref).variants;
  }

  variantIndex(ref: DeclRef, variant: string): number {
    return this.enumVariants(ref).findIndex((v) => v.name === variant);
  }

  zero(type: Type): Value {
    return zeroValue(type, this);
  }
}

function must<T>(x: T | undefined, ref: DeclRef): T {
  if (x === undefined) throw new Error(`internal error: ${ref.module}::${ref.name} is not in the checked program`);
  return x;
}
