// Canonical encoding, part 1: declarations, types and values. Records, enums, fns and
// clearing rules are content-addressed: a reference to one is the BLAKE3 digest of its own
// encoding (a Merkle DAG, since the checker forbids recursion), so module keys — file paths
// — never enter a hash, and only declarations actually reached contribute.
import type { CheckedModule, EnumDef, FieldDef, FnDef, RecordDef } from "../ir/declarations.js";
import { BUILTIN_MODULE, refKey, type DeclRef, type Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import { unreachable } from "../syntax/ast.js";
import { BodyEncoder } from "./canonical-bodies.js";
import { boolAtom, intAtom, node, termDigest, type Term } from "./canonical-sexp.js";
import { fromHex } from "./bytes.js";
import type { Digest } from "./digest.js";

/** Lookups and memoised digests over one checked program; shared by every organism of it. */
export class CanonContext {
  private readonly records = new Map<string, RecordDef>();
  private readonly enums = new Map<string, EnumDef>();
  private readonly fns = new Map<string, FnDef>();
  private readonly digests = new Map<string, Digest>();

  constructor(readonly modules: readonly CheckedModule[]) {
    for (const m of modules) {
      for (const r of m.records) this.records.set(refKey(r.ref), r);
      for (const e of m.enums) this.enums.set(refKey(e.ref), e);
      for (const f of m.fns) this.fns.set(refKey(f.ref), f);
    }
  }

  fn(ref: DeclRef): FnDef {
    return must(this.fns.get(refKey(ref)), ref);
  }

  /** The digest a reference to a record, enum, fn or clearing rule stands for. */
  declDigest(ref: DeclRef): Digest {
    const key = refKey(ref);
    const known = this.digests.get(key);
    if (known) return known;
    const digest = termDigest(this.declTerm(ref));
    this.digests.set(key, digest);
    return digest;
  }

  /** `(builtin Name)` for Order, Fill, Allocation, Evidence; `(decl <digest>)` otherwise. */
  refTerm(ref: DeclRef): Term {
    if (ref.module === BUILTIN_MODULE) return node("builtin", ref.name);
    return node("decl", this.declDigest(ref));
  }

  /** The encoding of a declaration, whose digest names it. Names of fns are not part of it. */
  declTerm(ref: DeclRef): Term {
    const key = refKey(ref);
    const record = this.records.get(key);
    if (record) return node("record", record.ref.name, this.fieldsTerm(record.fields));
    const en = this.enums.get(key);
    if (en) return node("enum", en.ref.name, en.variants.map((v) => node("variant", v.name, this.fieldsTerm(v.fields))));
    const fn = this.fns.get(key);
    if (fn) return this.fnTerm(fn);
    throw new Error(`internal error: ${key} is not in the checked program`);
  }

  private fnTerm(fn: FnDef): Term {
    const body = new BodyEncoder(this, undefined);
    const params = fn.params.map((p) => body.declare(p));
    return node(
      fn.kind,
      params,
      this.typeTerm(fn.returnType),
      fn.tieBreak.map((k) => node("key", k.field, k.direction)),
      body.stmts(fn.body),
    );
  }

  fieldsTerm(fields: readonly FieldDef[]): Term {
    return fields.map((f) => node("field", f.name, this.typeTerm(f.type)));
  }

  typeTerm(t: Type): Term {
    switch (t.kind) {
      case "Prim":
        return node(t.name);
      case "Option":
        return node("option", this.typeTerm(t.inner));
      case "List":
        return node("list", this.typeTerm(t.element), intAtom(t.capacity));
      case "Set":
        return node("set", this.typeTerm(t.element), intAtom(t.capacity));
      case "Map":
        return node("map", this.typeTerm(t.key), this.typeTerm(t.value), intAtom(t.capacity));
      case "Record":
        return node("record", this.refTerm(t.ref));
      case "Enum":
        return node("enum", this.refTerm(t.ref));
      case "Payload":
        return node("payload", this.refTerm(t.ref), t.variant);
      case "Clearing":
        return node("clearing");
      case "Claim":
        return node("claim");
      case "Unit":
        return node("unit");
      case "Error":
        throw new Error("internal error: an error type reached the fingerprint stage");
      default:
        return unreachable(t);
    }
  }

  valueTerm(v: Value): Term {
    switch (v.kind) {
      case "Int":
        return node("int", intAtom(v.value));
      case "Bool":
        return node("bool", boolAtom(v.value));
      case "String":
        return node("string", v.value);
      case "Bytes":
        return node("bytes", hexBytes(v.hex));
      case "None":
        return node("none");
      case "Some":
        return node("some", this.valueTerm(v.value));
      case "List":
        return node("list", v.elements.map((e) => this.valueTerm(e)));
      case "Map":
        return node("map", v.entries.map(([k, x]) => node("entry", this.valueTerm(k), this.valueTerm(x))));
      case "Record":
        return node("record", v.fields.map((f) => node("field", f.name, this.valueTerm(f.value))));
      case "Variant":
        return node("variant", v.variant, v.fields.map((f) => node("field", f.name, this.valueTerm(f.value))));
      case "Rule":
        return node("rule", this.refTerm(v.rule));
      default:
        return unreachable(v);
    }
  }
}

/** The bytes of an IR hex string (lowercase, no prefix). */
export function hexBytes(hex: string): Uint8Array {
  const bytes = fromHex(hex);
  if (!bytes) throw new Error(`internal error: malformed hex ${hex} in the IR`);
  return bytes;
}

function must<T>(x: T | undefined, ref: DeclRef): T {
  if (x === undefined) throw new Error(`internal error: ${refKey(ref)} is not in the checked program`);
  return x;
}
