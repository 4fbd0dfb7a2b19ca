// Emit stage, places: assignment targets and receivers of mutating methods. Values are
// immutable, so writing `listings[a].status = v` rebuilds the path: a new record, stored
// under the key in a new map version, stored in the working state. Index expressions are
// evaluated once, into temporaries, before the write.
import type { Expr } from "../ir/expressions.js";
import type { Place, Stmt } from "../ir/statements.js";
import { unreachable } from "../syntax/ast.js";
import type { BodyEmitter } from "./emit-body.js";
import { isStable, lowerExpr, operands } from "./emit-expressions.js";
import { capacityOf, propertyName } from "./emit-types.js";

export interface PlaceCode {
  /** An expression reading the place's current value. */
  readonly read: string;
  /** A statement storing `value` at the place. */
  write(value: string): string;
  /**
   * A statement storing `next(current)` at the place, `current` being an expression that
   * reads the place's current value where `next` puts it. Under a map index this is one
   * `updateWithin` (a single pass down the map when the key is present), not a read and a write.
   */
  update(next: (current: string) => string): string;
}

export function lowerPlace(b: BodyEmitter, p: Place): PlaceCode {
  switch (p.kind) {
    case "LocalPlace":
    case "StatePlace":
    case "CollectionPlace": {
      const name = p.kind === "LocalPlace" ? b.local(p.local) : b.env.stateField(p.name);
      return { read: name, write: (v) => `${name} = ${v};`, update: (next) => `${name} = ${next(name)};` };
    }
    case "FieldPlace": {
      const base = lowerPlace(b, p.base);
      const f = propertyName(p.field);
      const update = (next: (current: string) => string) => base.update((r) => `{ ...${r}, ${f}: ${next(`${r}.${f}`)} }`);
      return { read: `${base.read}.${f}`, write: (v) => update(() => v), update };
    }
    case "IndexPlace": {
      const base = lowerPlace(b, p.base);
      const key = stable(b, lowerExpr(b, p.index), p.index);
      if (p.container === "list") {
        const update = (next: (current: string) => string) => base.update((r) => `$.setAt(${r}, ${key}, ${next(`$.at(${r}, ${key})`)})`);
        return { read: `$.at(${base.read}, ${key})`, write: (v) => update(() => v), update };
      }
      const zero = b.env.types.zero(p.type);
      const cap = capacityOf(p.base.type);
      const old = `$old${mapDepth(p.base) || ""}`;
      return {
        read: `${base.read}.getOr(${key}, ${zero})`,
        write: (v) => base.update((r) => `${r}.setWithin(${cap}, ${key}, ${v})`),
        update: (next) => base.update((r) => `${r}.updateWithin(${cap}, ${key}, ${zero}, (${old}) => ${arrowBody(next(old))})`),
      };
    }
    default:
      return unreachable(p);
  }
}

/** How many map indexes a place goes through: names the parameters of nested `updateWithin` callbacks apart. */
function mapDepth(p: Place): number {
  if (p.kind === "IndexPlace") return (p.container === "list" ? 0 : 1) + mapDepth(p.base);
  return p.kind === "FieldPlace" ? mapDepth(p.base) : 0;
}

/** An arrow function's expression body: an object literal needs parentheses there. */
function arrowBody(code: string): string {
  return code.startsWith("{") ? `(${code})` : code;
}

/**
 * A key used by both the read and the write of a place: kept in a temporary unless reading it
 * twice is harmless (a constant, or a name or field path, which nothing writes in between).
 */
function stable(b: BodyEmitter, code: string, e: Expr): string {
  if (isStable(e, code) || isPath(code)) return code;
  const t = b.temp();
  b.line(`const ${t}: ${b.env.types.ts(e.type)} = ${code};`);
  return t;
}

/** A name or a field path: reading it cannot abort or change anything. */
function isPath(code: string): boolean {
  return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(code);
}

function hasListIndex(p: Place): boolean {
  if (p.kind === "IndexPlace") return p.container === "list" || hasListIndex(p.base);
  return p.kind === "FieldPlace" ? hasListIndex(p.base) : false;
}

/** `place = v`, `place += v`, …: the value first, then the place (as the reference semantics does). */
export function assign(b: BodyEmitter, s: Extract<Stmt, { kind: "Assign" }>): void {
  let value = lowerExpr(b, s.value);
  // A list index read can abort; the value's own aborts must come first.
  if (hasListIndex(s.target) && !isStable(s.value, value) && !isPath(value)) {
    const t = b.temp();
    b.line(`const ${t}: ${b.env.types.ts(s.value.type)} = ${value};`);
    value = t;
  }
  const at = b.mark();
  const place = lowerPlace(b, s.target);
  // A map key computed into a temporary runs before the write: it too must follow the value.
  if (b.mark() > at && !isStable(s.value, value) && !isPath(value)) {
    const t = b.temp();
    b.insertAt(at, [`const ${t}: ${b.env.types.ts(s.value.type)} = ${value};`]);
    value = t;
  }
  if (s.op === "=") {
    b.line(place.write(value));
    return;
  }
  const t = s.target.type;
  if (t.kind !== "Prim") throw new Error("internal error: compound assignment to a non-integer");
  b.line(place.update((current) => `$.int.fit(${JSON.stringify(t.name)}, ${current} ${s.op[0]} ${value}, ${JSON.stringify(s.op)})`));
}

/** push, pop, insert, remove: read the place, build the new version, write it back. */
export function mutate(b: BodyEmitter, e: Extract<Expr, { kind: "Mutate" }>): string {
  const place = lowerPlace(b, e.place);
  const args = operands(b, e.args);
  const cap = capacityOf(e.place.type);
  switch (e.method) {
    case "push":
      b.line(place.update((current) => `$.push(${current}, ${args[0]}, ${cap})`));
      return "";
    case "pop": {
      const t = b.temp();
      b.line(`const ${t} = $.pop(${place.read});`);
      b.line(place.write(`${t}[0]`));
      return `${t}[1]`;
    }
    case "insert":
      b.line(place.update((current) => `${current}.addWithin(${cap}, ${args[0]})`));
      return "";
    case "remove":
      b.line(place.update((current) => `${current}.delete(${args[0]})`));
      return "";
    default:
      return unreachable(e.method);
  }
}
