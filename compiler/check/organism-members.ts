// Check stage: an organism's declared members -> OrganismEnv (types resolved, config and
// state initialisers folded, validators and streams looked up). Bodies are checked in check-organism.ts.
import { error } from "../diagnostics/make.js";
import { type DeclRef, showType, type Type } from "../ir/types.js";
import { type Value, zeroValue } from "../ir/values.js";
import {
  type CollectionItem,
  type EventItem,
  type FieldDecl,
  type HandlerItem,
  type Ident,
  type OrganismDecl,
  type QueryItem,
  type StreamItem,
  type TypeExpr,
  type UsesItem,
  unreachable,
} from "../syntax/ast.js";
import { checkExpr } from "./check-expressions.js";
import { Cx } from "./context.js";
import { resolveFields, typeTables } from "./declaration-table.js";
import type { ModuleEnv, OrganismEnv, ProgramEnv } from "./environment.js";
import { foldOrReport } from "./fold-constants.js";
import { lookupTopLevel } from "./resolve-names.js";
import { resolveType } from "./resolve-types.js";
import { didYouMean, suggestOrList } from "./suggest.js";

/**
 * Names in one namespace of an organism. A clash across kinds (a state field and an asset, a
 * handler and a query) is E1002 here; two items of one kind are validators/' E5004 and stay quiet.
 */
class Namespace {
  private readonly seen = new Map<string, { readonly name: Ident; readonly kind: string }>();
  constructor(private readonly env: ProgramEnv) {}
  claim(name: Ident, kind: string, reportSameKind = false): boolean {
    if (name.name === "") return false;
    const first = this.seen.get(name.name);
    if (!first) {
      this.seen.set(name.name, { name, kind });
      return true;
    }
    if (first.kind !== kind || reportSameKind) {
      const what = first.kind === kind ? `duplicate ${kind} \`${name.name}\`` : `\`${name.name}\` is already declared as a ${first.kind}`;
      this.env.report(error("E1002", what, name.span, { secondary: [{ span: first.name.span, message: "first declared here" }] }));
    }
    return false;
  }
}

export function buildOrganismEnv(env: ProgramEnv, module: ModuleEnv, decl: OrganismDecl, ref: DeclRef): OrganismEnv {
  const members = new Namespace(env); // state fields, collections, assets and `uses` share bare names
  const configNames = new Namespace(env);
  const commands = new Namespace(env); // handlers and queries
  const streamNames = new Namespace(env);
  const eventNames = new Namespace(env);
  const org = {
    ref,
    decl,
    config: new Map<string, { decl: FieldDecl; type: Type; value: Value | undefined }>(),
    state: new Map<string, { decl: FieldDecl; type: Type; initial: Value | undefined }>(),
    collections: new Map<string, { item: CollectionItem; type: Type; requires: DeclRef[] }>(),
    assets: new Set<string>(),
    uses: new Map<string, UsesItem>(),
    streams: new Map<string, { item: StreamItem; requires: DeclRef[] }>(),
    events: new Map<string, { item: EventItem; fields: ReturnType<typeof resolveFields> }>(),
    handlers: new Map<string, { item: HandlerItem; params: Type[] }>(),
    queries: new Map<string, { item: QueryItem; params: Type[]; returnType: Type }>(),
  };
  const constCx = new Cx(env, module, "const");
  const paramTypes = (params: readonly { readonly type: TypeExpr }[]) => params.map((p) => resolveType(env, module, p.type));

  for (const item of decl.items) {
    switch (item.kind) {
      case "ConfigItem":
        for (const f of item.fields) {
          const type = resolveType(env, module, f.type, { allowClearing: true });
          const value = initialValue(env, constCx, f, type, `config parameter \`${f.name.name}\``);
          if (configNames.claim(f.name, "config parameter", true)) org.config.set(f.name.name, { decl: f, type, value });
        }
        break;
      case "StateItem":
        for (const f of item.fields) {
          const type = resolveType(env, module, f.type);
          const initial = initialValue(env, constCx, f, type, `the initial value of \`${f.name.name}\``);
          if (members.claim(f.name, "state field", true)) org.state.set(f.name.name, { decl: f, type, initial });
        }
        break;
      case "CollectionItem": {
        const type = resolveType(env, module, item.type);
        if (type.kind !== "Error" && type.kind !== "Map" && type.kind !== "List" && type.kind !== "Set") {
          env.report(error("E2001", `collection \`${item.name.name}\` must be a \`map\`, \`list\` or \`set\`, not \`${showType(type)}\``, item.type.span));
        }
        const requires = validatorRefs(env, module, item.requires);
        if (members.claim(item.name, "collection")) org.collections.set(item.name.name, { item, type, requires });
        break;
      }
      case "AssetItem":
        if (members.claim(item.name, "asset")) org.assets.add(item.name.name);
        break;
      case "UsesItem":
        if (members.claim(item.alias, "`uses` reference")) org.uses.set(item.alias.name, item);
        break;
      case "StreamItem": {
        const requires = validatorRefs(env, module, item.requires);
        if (streamNames.claim(item.name, "stream")) org.streams.set(item.name.name, { item, requires });
        break;
      }
      case "EventItem": {
        const fields = resolveFields(env, module, item.fields, `event \`${item.name.name}\``);
        if (eventNames.claim(item.name, "event")) org.events.set(item.name.name, { item, fields });
        break;
      }
      case "HandlerItem": {
        const params = paramTypes(item.params);
        if (commands.claim(item.name, "handler")) org.handlers.set(item.name.name, { item, params });
        break;
      }
      case "QueryItem": {
        const params = paramTypes(item.params);
        const returnType = resolveType(env, module, item.returnType);
        if (commands.claim(item.name, "query")) org.queries.set(item.name.name, { item, params, returnType });
        break;
      }
      case "InstanceItem":
      case "CommitteeItem":
      case "MeasurementsItem":
      case "InvariantItem":
        break; // structure is checked by validators/check-organism-structure; invariants with the bodies
      default:
        return unreachable(item);
    }
  }
  // `via` names a stream of this organism; checked once every stream is known.
  for (const { item } of org.handlers.values()) {
    if (item.via && item.via.name !== "" && !org.streams.has(item.via.name)) {
      env.report(
        error("E1008", `unknown stream \`${item.via.name}\``, item.via.span, {
          help: suggestOrList(item.via.name, org.streams.keys(), "its streams") ?? `declare it: \`stream ${item.via.name} requires …\``,
        }),
      );
    }
  }
  return org;
}

/** A config or state initialiser folded to a constant; without one, the zero value (clearing configs need one). */
function initialValue(env: ProgramEnv, cx: Cx, f: FieldDecl, type: Type, what: string): Value | undefined {
  if (type.kind === "Error") return undefined;
  if (!f.value) {
    if (type.kind === "Clearing") {
      env.report(
        error("E2010", `config parameter \`${f.name.name}\` of type \`clearing\` needs a value`, f.span, {
          help: "name a clearing rule, e.g. `= std.clearing.second_price`",
        }),
      );
      return undefined;
    }
    return zeroValue(type, typeTables(env));
  }
  return foldOrReport(cx, checkExpr(cx, f.value, type), what);
}

function validatorRefs(env: ProgramEnv, module: ModuleEnv, names: readonly Ident[]): DeclRef[] {
  return names.flatMap((n) => {
    if (n.name === "") return [];
    const item = lookupTopLevel(module, n.name);
    if (item?.kind === "Validator") return [item.ref];
    const validators = [...module.items.values()].flatMap((i) => (i.kind === "Validator" ? [i.ref.name] : []));
    env.report(
      error("E1007", `unknown validator \`${n.name}\``, n.span, { help: didYouMean(n.name, validators) ?? `declare it: \`validator ${n.name} { … }\`` }),
    );
    return [];
  });
}
