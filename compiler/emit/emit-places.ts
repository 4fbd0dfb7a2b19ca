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
}

export function lowerPlace(b: BodyEmitter, p: Place): PlaceCode {
  switch (p.kind) {
    case "LocalPlace":
    case "StatePlace":
    case "CollectionPlace": {
      const name = p.kind === "LocalPlace" ? b.local(p.local) : b.env.stateField(p.name);
      return { read: name, write: (v) => `${name} = ${v};` };
    }
    case "FieldPlace": {
      const base = lowerPlace(b, p.base);
      const f = propertyName(p.field);
      return { read: `${base.read}.${f}`, write: (v) => base.write(`{ ...${base.read}, ${f}: ${v} }`) };
    }
    case "IndexPlace": {
      const base = lowerPlace(b, p.base);
      const key = stable(b, lowerExpr(b, p.index), p.index);
      if (p.container === "list") {
        return { read: `$.at(${base.read}, ${key})`, write: (v) => base.write(`$.setAt(${base.read}, ${key}, ${v})`) };
      }
      const zero = b.env.types.zero(p.type);
      const cap = capacityOf(p.base.type);
      return { read: `${base.read}.getOr(${key}, ${zero})`, write: (v) => base.write(`${base.read}.setWithin(${cap}, ${key}, ${v})`) };
    }
    default:
      return unreachable(p);
  }
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
  b.line(place.write(`$.int.fit(${JSON.stringify(t.name)}, ${place.read} ${s.op[0]} ${value}, ${JSON.stringify(s.op)})`));
}

/** push, pop, insert, remove: read the place, build the new version, write it back. */
export function mutate(b: BodyEmitter, e: Extract<Expr, { kind: "Mutate" }>): string {
  const place = lowerPlace(b, e.place);
  const args = operands(b, e.args);
  const cap = capacityOf(e.place.type);
  switch (e.method) {
    case "push":
      b.line(place.write(`$.push(${place.read}, ${args[0]}, ${cap})`));
      return "";
    case "pop": {
      const t = b.temp();
      b.line(`const ${t} = $.pop(${place.read});`);
      b.line(place.write(`${t}[0]`));
      return `${t}[1]`;
    }
    case "insert":
      b.line(place.write(`${place.read}.addWithin(${cap}, ${args[0]})`));
      return "";
    case "remove":
      b.line(place.write(`${place.read}.delete(${args[0]})`));
      return "";
    default:
      return unreachable(e.method);
  }
}
