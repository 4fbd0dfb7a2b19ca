// Emit stage, what every body of one organism's module shares: the program tables, the
// module scope, the type emitter, the cost rule, and the names of the module's functions
// (fns, checked clearing wrappers, asset ledgers, `uses` constants, support helpers).
import { assetStateFields } from "../eval/assets.js";
import { networkId, stableId } from "../fingerprint/group-id.js";
import { isHex64 } from "../fingerprint/bytes.js";
import { toHex } from "../../stdlib/prelude/index.js";
import type { OrganismDef } from "../ir/declarations.js";
import { type DeclRef, refKey } from "../ir/types.js";
import { EmitCosts } from "./emit-cost.js";
import { SUPPORT, SUPPORT_DEPENDENCIES } from "./emit-support.js";
import { TypeEmitter } from "./emit-types.js";
import { ModuleScope } from "./module-scope.js";
import { moduleShortName, type ProgramTables } from "./program-tables.js";

export class EmitEnv {
  readonly scope = new ModuleScope();
  readonly types: TypeEmitter;
  readonly costs: EmitCosts;
  private readonly fnNames = new Map<string, { readonly body: string; readonly checked: string }>();
  readonly assetOpsUsed = new Set<string>();

  constructor(
    readonly tables: ProgramTables,
    readonly organism: OrganismDef,
    readonly moduleKey: string,
  ) {
    const counts = new Map<string, number>();
    for (const m of tables.modules) for (const n of [...m.records, ...m.enums].map((d) => d.ref.name)) counts.set(n, (counts.get(n) ?? 0) + 1);
    this.types = new TypeEmitter(tables, this.scope, new Set([...counts].filter(([, n]) => n > 1).map(([k]) => k)));
    this.costs = new EmitCosts(tables);
    const fns = tables.reachableFns(organism);
    const fnCounts = new Map<string, number>();
    for (const f of fns) fnCounts.set(f.ref.name, (fnCounts.get(f.ref.name) ?? 0) + 1);
    for (const f of fns) {
      const base = fnCounts.get(f.ref.name)! > 1 ? `${moduleShortName(f.ref.module)}_${f.ref.name}` : f.ref.name;
      this.fnNames.set(refKey(f.ref), {
        body: this.scope.values.claim(`fn_${base}`),
        checked: f.kind === "clearing" ? this.scope.values.claim(`clearing_${base}`) : "",
      });
    }
  }

  /** The function holding a fn's or clearing rule's body. */
  fnName(ref: DeclRef): string {
    const n = this.fnNames.get(refKey(ref));
    if (!n) throw new Error(`internal error: ${refKey(ref)} is not reachable from ${this.organism.ref.name}`);
    return n.body;
  }

  /** What a call site calls: the contract-checking wrapper of a clearing rule, or the fn itself. */
  callee(ref: DeclRef): string {
    const n = this.fnNames.get(refKey(ref));
    if (!n) throw new Error(`internal error: ${refKey(ref)} is not reachable from ${this.organism.ref.name}`);
    return n.checked || n.body;
  }

  /** Reading a state field (state, collection or asset ledger entry) of the state object `of` (`$s` by default). */
  stateField(name: string, of = "$s"): string {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${of}.${name}` : `${of}[${JSON.stringify(name)}]`;
  }

  assetFields(asset: string): { balances: string; supply: string } {
    const f = assetStateFields(asset);
    return { balances: this.stateField(f.balances), supply: this.stateField(f.supply) };
  }

  /** The ledger function for `asset.op` (mint, burn, transfer; the reads are inlined). */
  assetOp(asset: string, op: "mint" | "burn" | "transfer"): string {
    this.assetOpsUsed.add(`${asset}.${op}`);
    return `ledger_${asset}_${op}`;
  }

  /** `alias.stable_id` / `alias.content_hash` of a `uses` reference, as module constants. */
  usesValue(alias: string, field: "stable_id" | "content_hash"): string {
    const u = this.organism.uses.find((x) => x.alias === alias);
    if (!u) throw new Error(`internal error: no uses reference ${alias}`);
    if (field === "content_hash") {
      if (!u.contentHash) return "null";
      const bytes = this.types.literal({ kind: "Bytes", hex: u.contentHash }, { kind: "Prim", name: "digest" });
      return this.scope.constant(`uses:${alias}:content_hash`, `USES_${alias}_content_hash`, () => `{ value: ${bytes} }`, "$.Option<Uint8Array>");
    }
    const hex = isHex64(u.target) ? u.target.toLowerCase() : toHex(stableId(u.target, networkId(this.tables.networkOf(this.moduleKey))));
    return this.types.literal({ kind: "Bytes", hex }, { kind: "Prim", name: "digest" });
  }

  /** A support helper from emit-support.ts, emitted once in the module's last section. */
  helper(name: keyof typeof SUPPORT): string {
    for (const dep of SUPPORT_DEPENDENCIES[name] ?? []) this.helper(dep);
    return this.scope.helper(name, SUPPORT[name]);
  }
}
