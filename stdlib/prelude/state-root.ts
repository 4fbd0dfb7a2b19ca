// Prelude: state roots. Each state field has a sub-root (a map/set field: its Merkle
// root; any other field: keyed("field", its hash-view encoding)), and the state root is
// keyed("root", version ‖ the (name, sub-root) list sorted by field name). Keeping
// sub-roots lets a divergence report name the field that differs.
import { compareStrings } from "./compare.js";
import { encoderFor, ENCODING_VERSION } from "./encode.js";
import { bytesEqual, hashIn } from "./hash.js";
import type { PMap } from "./pmap.js";
import type { PSet } from "./pset.js";
import type { TypeDesc } from "./types.js";

const utf8 = new TextEncoder();

export interface StateField {
  readonly name: string;
  readonly type: TypeDesc;
}

export interface SubRoot {
  readonly name: string;
  readonly root: Uint8Array;
}

/** A state value: an object with one property per declared field (emitted code declares its interface). */
export type StateValue = object;

/**
 * The sub-root function of a field type. Fields are sorted by name (not declaration
 * order) so the root, like the content hash, is unaffected by reordering the declarations.
 */
function subRootOf(type: TypeDesc): (v: unknown) => Uint8Array {
  if (type.kind === "map" || type.kind === "set") {
    return (v) => (v as PMap<unknown, unknown> | PSet<unknown>).rootHash();
  }
  const enc = encoderFor(type, "hash");
  return (v) => hashIn("field", enc(v));
}

/**
 * The bytes the state root hashes for these field names, with a 32-byte gap after each
 * name for its sub-root: u16 version ‖ u32 count ‖ per field u32 name length ‖ name ‖ sub-root.
 * `names` sorted, distinct. Returns the bytes and where each sub-root goes.
 */
function rootLayout(names: readonly string[]): { readonly bytes: Uint8Array; readonly at: readonly number[] } {
  const encoded = names.map((n) => utf8.encode(n));
  const bytes = new Uint8Array(2 + 4 + encoded.reduce((n, b) => n + 4 + b.length + 32, 0));
  const view = new DataView(bytes.buffer);
  view.setUint16(0, ENCODING_VERSION);
  view.setUint32(2, names.length);
  const at: number[] = [];
  let p = 6;
  encoded.forEach((name) => {
    view.setUint32(p, name.length);
    bytes.set(name, p + 4);
    p += 4 + name.length;
    at.push(p);
    p += 32;
  });
  return { bytes, at };
}

function checkedSubRoot(name: string, root: Uint8Array): Uint8Array {
  if (root.length !== 32) throw new TypeError(`sub-root of ${name} is not 32 bytes`);
  return root;
}

/** The state root of a list of sub-roots (any order; it is sorted by name here). */
export function combineSubRoots(subRoots: readonly SubRoot[]): Uint8Array {
  const sorted = [...subRoots].sort((a, b) => compareStrings(a.name, b.name));
  sorted.forEach((s, i) => {
    if (i > 0 && sorted[i - 1].name === s.name) throw new TypeError(`duplicate state field ${s.name}`);
  });
  const { bytes, at } = rootLayout(sorted.map((s) => s.name));
  sorted.forEach((s, i) => bytes.set(checkedSubRoot(s.name, s.root), at[i]));
  return hashIn("root", bytes);
}

/**
 * Computes sub-roots and roots of successive states of one organism. It remembers the
 * last value and sub-root of each field and reuses the sub-root when the field holds the
 * same value (`Object.is`), so a commit only rehashes the fields it replaced; maps and
 * sets additionally reuse every untouched node digest. Relies on the prelude's rule that
 * state values are never mutated in place.
 */
export class StateHasher {
  private readonly fields: readonly { readonly name: string; readonly subRoot: (v: unknown) => Uint8Array }[];
  private readonly memo = new Map<string, { readonly value: unknown; readonly root: Uint8Array }>();
  /** The bytes the root hashes, names in place (laid out once: the schema is fixed); sub-roots are copied in per root. */
  private readonly layout: ReturnType<typeof rootLayout>;

  constructor(schema: readonly StateField[]) {
    const sorted = [...schema].sort((a, b) => compareStrings(a.name, b.name));
    sorted.forEach((f, i) => {
      if (i > 0 && sorted[i - 1].name === f.name) throw new TypeError(`duplicate state field ${f.name}`);
    });
    this.fields = sorted.map((f) => ({ name: f.name, subRoot: subRootOf(f.type) }));
    this.layout = rootLayout(sorted.map((f) => f.name));
  }

  /** A field's sub-root (the memoized array itself: callers copy it before handing it out). */
  private subRootOf(name: string, subRoot: (v: unknown) => Uint8Array, state: StateValue): Uint8Array {
    if (!(name in state)) throw new TypeError(`state has no field ${name}`);
    const value = (state as { readonly [field: string]: unknown })[name];
    const last = this.memo.get(name);
    if (last !== undefined && Object.is(last.value, value)) return last.root;
    const root = subRoot(value);
    this.memo.set(name, { value, root });
    return root;
  }

  /** Every field's sub-root, sorted by field name. */
  subRoots(state: StateValue): SubRoot[] {
    return this.fields.map(({ name, subRoot }) => ({ name, root: this.subRootOf(name, subRoot, state).slice() }));
  }

  /** `combineSubRoots(this.subRoots(state))`, without sorting or encoding the names again. */
  root(state: StateValue): Uint8Array {
    const { bytes, at } = this.layout;
    this.fields.forEach(({ name, subRoot }, i) => bytes.set(checkedSubRoot(name, this.subRootOf(name, subRoot, state)), at[i]));
    return hashIn("root", bytes);
  }
}

/** Sub-roots of one state, without memoization. */
export function stateSubRoots(schema: readonly StateField[], state: StateValue): SubRoot[] {
  return new StateHasher(schema).subRoots(state);
}

/** The state root of one state, without memoization. */
export function stateRoot(schema: readonly StateField[], state: StateValue): Uint8Array {
  return combineSubRoots(stateSubRoots(schema, state));
}

/** Names of the fields whose sub-roots differ (or exist on one side only), sorted. */
export function divergentFields(a: readonly SubRoot[], b: readonly SubRoot[]): string[] {
  const other = new Map(b.map((s) => [s.name, s.root]));
  const names = new Set([...a.map((s) => s.name), ...b.map((s) => s.name)]);
  const mine = new Map(a.map((s) => [s.name, s.root]));
  return [...names]
    .filter((n) => {
      const x = mine.get(n);
      const y = other.get(n);
      return x === undefined || y === undefined || !bytesEqual(x, y);
    })
    .sort(compareStrings);
}
