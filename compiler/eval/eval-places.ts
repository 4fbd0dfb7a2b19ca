// Reference evaluator: places (assignment targets, receivers of mutating methods). A place's
// index expressions are evaluated once, outermost first, before it is read or written (as
// the emitted code keeps them in temporaries): `m[stack.pop().unwrap_or(0)] += 1` pops once.
import { unreachable } from "../syntax/ast.js";
import type { Place } from "../ir/statements.js";
import type { Value } from "../ir/values.js";
import { listAt, listReplace, mapGet, mapSet } from "./collections.js";
import { evalExpr } from "./eval-expr.js";
import type { Frame } from "./frame.js";
import { fieldOf, int, withField } from "./value-ops.js";

/** A place with the values of its index expressions, in order from the outermost base. */
export interface ResolvedPlace {
  readonly place: Place;
  readonly keys: readonly Value[];
}

export function resolvePlace(f: Frame, p: Place): ResolvedPlace {
  const keys: Value[] = [];
  const visit = (q: Place): void => {
    if (q.kind === "FieldPlace") visit(q.base);
    if (q.kind === "IndexPlace") {
      visit(q.base);
      keys.push(evalExpr(f, q.index));
    }
  };
  visit(p);
  return { place: p, keys };
}

export function readPlace(f: Frame, r: ResolvedPlace): Value {
  return readAt(f, r.place, r.keys);
}

/** Writes `v` at the place, rebuilding every enclosing value (maps insert missing keys; lists must be in range). */
export function writePlace(f: Frame, r: ResolvedPlace, v: Value): void {
  writeAt(f, r.place, r.keys, v);
}

/** `keys` ends with the key of `p` itself when `p` is an index place. */
function readAt(f: Frame, p: Place, keys: readonly Value[]): Value {
  switch (p.kind) {
    case "LocalPlace":
      return f.local(p.local);
    case "StatePlace":
    case "CollectionPlace":
      return f.readState(p.name);
    case "FieldPlace":
      return fieldOf(readAt(f, p.base, keys), p.field);
    case "IndexPlace": {
      const base = readAt(f, p.base, keys.slice(0, -1));
      const key = keys[keys.length - 1];
      if (p.container === "list") return listAt(base, int(key));
      return mapGet(base, key, p.base.type, f.index) ?? f.index.zero(p.type);
    }
    default:
      return unreachable(p);
  }
}

function writeAt(f: Frame, p: Place, keys: readonly Value[], v: Value): void {
  switch (p.kind) {
    case "LocalPlace":
      return f.bind(p.local, v);
    case "StatePlace":
    case "CollectionPlace":
      return f.writeState(p.name, v);
    case "FieldPlace":
      return writeAt(f, p.base, keys, withField(readAt(f, p.base, keys), p.field, v));
    case "IndexPlace": {
      const baseKeys = keys.slice(0, -1);
      const base = readAt(f, p.base, baseKeys);
      const key = keys[keys.length - 1];
      const next = p.container === "list" ? listReplace(base, int(key), v) : mapSet(base, key, v, p.base.type, f.index);
      return writeAt(f, p.base, baseKeys, next);
    }
    default:
      return unreachable(p);
  }
}
