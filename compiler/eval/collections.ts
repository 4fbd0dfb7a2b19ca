// Reference evaluator, part 3: lists, sets and maps as plain sorted arrays of Values.
// Every operation copies: slow, and obviously right — that is the point of an oracle.
import type { Type } from "../ir/types.js";
import type { Value } from "../ir/values.js";
import type { ProgramIndex } from "./program-index.js";
import { Abort, compareValues } from "./value-ops.js";

type Entries = readonly (readonly [Value, Value])[];

export function listElements(v: Value): readonly Value[] {
  if (v.kind !== "List") throw new Error(`internal error: expected a list value, got ${v.kind}`);
  return v.elements;
}

export function mapEntries(v: Value): Entries {
  if (v.kind !== "Map") throw new Error(`internal error: expected a map value, got ${v.kind}`);
  return v.entries;
}

function capacityOf(t: Type): bigint {
  return t.kind === "List" || t.kind === "Set" || t.kind === "Map" ? t.capacity : 0n;
}

function find(entries: Entries, key: Value, keyType: Type, index: ProgramIndex): { found: boolean; at: number } {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compareValues(entries[mid][0], key, keyType, index);
    if (c === 0) return { found: true, at: mid };
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return { found: false, at: lo };
}

export function mapGet(map: Value, key: Value, t: Type, index: ProgramIndex): Value | undefined {
  if (t.kind !== "Map") throw new Error("internal error: mapGet on a non-map type");
  const entries = mapEntries(map);
  const r = find(entries, key, t.key, index);
  return r.found ? entries[r.at][1] : undefined;
}

export function mapSet(map: Value, key: Value, value: Value, t: Type, index: ProgramIndex): Value {
  if (t.kind !== "Map") throw new Error("internal error: mapSet on a non-map type");
  const entries = [...mapEntries(map)];
  const r = find(entries, key, t.key, index);
  if (r.found) entries[r.at] = [key, value];
  else {
    if (BigInt(entries.length) >= t.capacity) throw new Abort("capacity", `map is full (capacity ${t.capacity})`);
    entries.splice(r.at, 0, [key, value]);
  }
  return { kind: "Map", entries };
}

export function mapRemove(map: Value, key: Value, t: Type, index: ProgramIndex): Value {
  if (t.kind !== "Map") throw new Error("internal error: mapRemove on a non-map type");
  const entries = [...mapEntries(map)];
  const r = find(entries, key, t.key, index);
  if (r.found) entries.splice(r.at, 1);
  return { kind: "Map", entries };
}

function setAsEntries(set: Value): Entries {
  return listElements(set).map((e) => [e, e] as const);
}

export function setContains(set: Value, x: Value, t: Type, index: ProgramIndex): boolean {
  if (t.kind !== "Set") throw new Error("internal error: setContains on a non-set type");
  return find(setAsEntries(set), x, t.element, index).found;
}

export function setInsert(set: Value, x: Value, t: Type, index: ProgramIndex): Value {
  if (t.kind !== "Set") throw new Error("internal error: setInsert on a non-set type");
  const elements = [...listElements(set)];
  const r = find(setAsEntries(set), x, t.element, index);
  if (r.found) return set;
  if (BigInt(elements.length) >= t.capacity) throw new Abort("capacity", `set is full (capacity ${t.capacity})`);
  elements.splice(r.at, 0, x);
  return { kind: "List", elements };
}

export function setRemove(set: Value, x: Value, t: Type, index: ProgramIndex): Value {
  if (t.kind !== "Set") throw new Error("internal error: setRemove on a non-set type");
  const r = find(setAsEntries(set), x, t.element, index);
  if (!r.found) return set;
  const elements = [...listElements(set)];
  elements.splice(r.at, 1);
  return { kind: "List", elements };
}

export function listPush(list: Value, x: Value, t: Type): Value {
  const elements = listElements(list);
  if (BigInt(elements.length) >= capacityOf(t)) throw new Abort("capacity", `list is full (capacity ${capacityOf(t)})`);
  return { kind: "List", elements: [...elements, x] };
}

export function listAt(list: Value, i: bigint): Value {
  const elements = listElements(list);
  if (i < 0n || i >= BigInt(elements.length)) throw new Abort("index", `index ${i} out of range for a list of length ${elements.length}`);
  return elements[Number(i)];
}

export function listReplace(list: Value, i: bigint, x: Value): Value {
  const elements = [...listElements(list)];
  listAt(list, i);
  elements[Number(i)] = x;
  return { kind: "List", elements };
}

/** Elements to iterate, in the language's order: list order, set order, or map entries by key. */
export function iterationItems(source: Value, over: "list" | "set" | "map"): readonly (readonly Value[])[] {
  if (over === "map") return mapEntries(source).map(([k, v]) => [k, v]);
  return listElements(source).map((e) => [e]);
}
