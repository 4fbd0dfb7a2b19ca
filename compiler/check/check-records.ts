// Check stage: record and enum values — record literals, variant values (with or without a
// payload), `is` tests, and the variant paths patterns share. Unknown fields E1004, variants E1012.
import { error } from "../diagnostics/make.js";
import type { FieldDef, VariantDef } from "../ir/declarations.js";
import type { Expr as IrExpr, FieldValue } from "../ir/expressions.js";
import { BOOL, type DeclRef, sameRef, showType, type Type } from "../ir/types.js";
import type { Span } from "../source.js";
import type { FieldInit, Ident, IsExpr, RecordLit } from "../syntax/ast.js";
import { checkExpr, inferExpr, invalid, recover } from "./check-expressions.js";
import type { Cx } from "./context.js";
import { enumInfo, recordInfo } from "./declaration-table.js";
import { walkPath } from "./resolve-names.js";
import { suggestOrList } from "./suggest.js";

/** The fields of a record or variant payload type; undefined for other types. */
export function fieldsOfType(cx: Cx, t: Type): readonly FieldDef[] | undefined {
  if (t.kind === "Record") return recordInfo(cx.env, t.ref).fields;
  if (t.kind === "Payload") return enumInfo(cx.env, t.ref).variants.find((v) => v.name === t.variant)?.fields;
  return undefined;
}

/** The variant `name` of enum `ref`, or undefined after reporting E1012. */
export function findVariant(cx: Cx, ref: DeclRef, name: Ident): VariantDef | undefined {
  if (name.name === "") return undefined;
  const variants = enumInfo(cx.env, ref).variants;
  const found = variants.find((v) => v.name === name.name);
  if (!found) {
    cx.report(
      error("E1012", `enum \`${ref.name}\` has no variant \`${name.name}\``, name.span, {
        help: suggestOrList(
          name.name,
          variants.map((v) => v.name),
          "its variants",
        ),
      }),
    );
  }
  return found;
}

/** `Status.Active` or `mod.Status.Active` -> the enum and variant, or undefined after reporting. */
export function resolveVariantPath(cx: Cx, path: readonly Ident[]): { ref: DeclRef; variant: VariantDef } | undefined {
  const found = walkPath(cx.env, cx.module, path, { code: "E1001", what: "name" });
  if (found.kind === "Unknown") return undefined;
  const shown = path.map((i) => i.name).join(".");
  if (found.kind === "Item" && found.item.kind === "Enum" && found.rest.length === 1) {
    const variant = findVariant(cx, found.item.ref, found.rest[0]);
    return variant && { ref: found.item.ref, variant };
  }
  cx.report(error("E1012", `\`${shown}\` is not an enum variant`, path[path.length - 1].span, { help: "name a variant as `Enum.Variant`" }));
  return undefined;
}

/** A variant named without braces: only payload-less variants are complete values. */
export function variantValue(cx: Cx, ref: DeclRef, name: Ident, span: Span): IrExpr {
  const variant = findVariant(cx, ref, name);
  if (!variant) return invalid(span);
  if (variant.fields.length > 0) {
    const missing = variant.fields.map((f) => `\`${f.name}\``).join(", ");
    cx.report(
      error("E2005", `variant \`${ref.name}.${variant.name}\` needs its fields: ${missing}`, span, { help: `write \`${ref.name}.${variant.name} { … }\`` }),
    );
    return invalid(span, { kind: "Enum", ref });
  }
  return { kind: "VariantExpr", ref, variant: variant.name, fields: [], type: { kind: "Enum", ref }, span };
}

export function checkRecordLit(cx: Cx, e: RecordLit): IrExpr {
  const found = walkPath(cx.env, cx.module, e.type, { code: "E1003", what: "type" });
  if (found.kind === "Unknown") {
    for (const f of e.fields) recover(cx, f.value);
    return invalid(e.span);
  }
  const shown = e.type.map((i) => i.name).join(".");
  if (found.kind === "Item" && found.item.kind === "Record" && found.rest.length === 0) {
    const ref = found.item.ref;
    const fields = checkFieldInits(cx, e.fields, recordInfo(cx.env, ref).fields, `record \`${ref.name}\``, e.span);
    return { kind: "RecordExpr", ref, fields, type: { kind: "Record", ref }, span: e.span };
  }
  if (found.kind === "Item" && found.item.kind === "Enum" && found.rest.length === 1) {
    const ref = found.item.ref;
    const variant = findVariant(cx, ref, found.rest[0]);
    if (!variant) return invalid(e.span, { kind: "Enum", ref });
    const fields = checkFieldInits(cx, e.fields, variant.fields, `variant \`${ref.name}.${variant.name}\``, e.span);
    return { kind: "VariantExpr", ref, variant: variant.name, fields, type: { kind: "Enum", ref }, span: e.span };
  }
  cx.report(error("E1003", `\`${shown}\` is not a record type or enum variant`, e.type[e.type.length - 1]?.span ?? e.span));
  for (const f of e.fields) recover(cx, f.value);
  return invalid(e.span);
}

/**
 * `{ a: 1, b: x }` against declared fields: unknown (E1004), repeated (E1002) and missing
 * (E2005) fields are reported; the result lists the given fields in declaration order.
 */
export function checkFieldInits(cx: Cx, inits: readonly FieldInit[], fields: readonly FieldDef[], owner: string, span: Span): FieldValue[] {
  const given = new Map<string, FieldValue>();
  const seen = new Map<string, Ident>();
  for (const init of inits) {
    const def = fields.find((f) => f.name === init.name.name);
    if (!def) {
      if (init.name.name !== "") {
        cx.report(
          error("E1004", `${owner} has no field \`${init.name.name}\``, init.name.span, {
            help: suggestOrList(
              init.name.name,
              fields.map((f) => f.name),
              "its fields",
            ),
          }),
        );
      }
      recover(cx, init.value);
      continue;
    }
    const first = seen.get(def.name);
    if (first) {
      cx.report(error("E1002", `field \`${def.name}\` is given twice`, init.name.span, { secondary: [{ span: first.span, message: "first given here" }] }));
      continue;
    }
    seen.set(def.name, init.name);
    given.set(def.name, { name: def.name, value: checkExpr(cx, init.value, def.type) });
  }
  const missing = fields.filter((f) => !given.has(f.name));
  if (missing.length > 0) {
    const names = missing.map((f) => `\`${f.name}\``).join(", ");
    cx.report(error("E2005", `missing ${missing.length === 1 ? "field" : "fields"} ${names} in ${owner}`, span));
  }
  return fields.flatMap((f) => given.get(f.name) ?? []);
}

export function checkIs(cx: Cx, e: IsExpr): IrExpr {
  const target = inferExpr(cx, e.target);
  const found = resolveVariantPath(cx, e.variant);
  if (!found) return invalid(e.span, BOOL);
  if (target.type.kind !== "Error" && !(target.type.kind === "Enum" && sameRef(target.type.ref, found.ref))) {
    cx.report(
      error(
        "E2001",
        `type mismatch: \`is ${found.ref.name}.${found.variant.name}\` needs a \`${found.ref.name}\`, found \`${showType(target.type)}\``,
        e.target.span,
      ),
    );
  }
  return { kind: "Is", target, ref: found.ref, variant: found.variant.name, type: BOOL, span: e.span };
}
