// Emit stage, the top level of one emitted module: the identifiers it declares (never a
// JavaScript keyword, a global it uses, or another declaration's name) and its module
// constants, kept in dependency order because each is registered after the ones it uses.

/** Words no emitted identifier may be: keywords, and the globals emitted code refers to. */
const RESERVED_VALUES = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await async of arguments eval undefined " +
    "NaN Infinity BigInt Array Uint8Array Object Number String Boolean Symbol JSON Math TextEncoder Error globalThis " +
    "Map Set Record"
  ).split(" "),
);

/** Type names emitted code uses: TypeScript's own and the module's fixed declarations. */
const RESERVED_TYPES = new Set(
  (
    "any unknown never object string number boolean bigint symbol void undefined null Readonly ReadonlyArray Array " +
    "Uint8Array Record Partial Required Extract Exclude Omit Pick Map Set Error Object String Number Boolean BigInt " +
    "Symbol Promise Function Date JSON Math State Config Command Event Receipt Context Cite Json ApplyOptions " +
    "QueryName Working Outcome HandlerName EventName HandlerInfo QueryInfo SurfaceInfo QueryContext Frame QueryFrame Query"
  ).split(" "),
);

export function isReservedValueName(name: string): boolean {
  return RESERVED_VALUES.has(name);
}

/** Hands out unique identifiers: the preferred one when free, else `name_2`, `name_3`, … */
export class Namer {
  private readonly taken = new Set<string>();

  constructor(private readonly reserved: ReadonlySet<string>) {}

  claim(preferred: string): string {
    let name = preferred;
    for (let i = 2; this.taken.has(name) || this.reserved.has(name); i++) name = `${preferred}_${i}`;
    this.taken.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.taken.has(name) || this.reserved.has(name);
  }
}

interface ConstantDecl {
  readonly name: string;
  readonly type?: string;
  readonly code: string;
}

export class ModuleScope {
  readonly values = new Namer(RESERVED_VALUES);
  readonly types = new Namer(RESERVED_TYPES);
  private readonly byKey = new Map<string, string>();
  private readonly constants: ConstantDecl[] = [];
  private readonly support = new Map<string, string>();

  /**
   * The module constant for `key`, declared on first use. `build` runs before the constant is
   * recorded, so any constant it needs is declared (and emitted) first.
   */
  constant(key: string, hint: string, build: () => string, type?: string): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const code = build();
    const again = this.byKey.get(key);
    if (again !== undefined) return again;
    const name = this.values.claim(hint);
    this.byKey.set(key, name);
    this.constants.push({ name, type, code });
    return name;
  }

  /** A module-private helper function, emitted once (its name is reserved up front by the caller). */
  helper(name: string, code: string): string {
    if (!this.support.has(name)) this.support.set(name, code);
    return name;
  }

  constantDeclarations(): string {
    return this.constants.map((c) => `const ${c.name}${c.type ? `: ${c.type}` : ""} = ${c.code};`).join("\n");
  }

  helperDeclarations(): string {
    return [...this.support.keys()].sort().map((k) => this.support.get(k)).join("\n\n");
  }
}
