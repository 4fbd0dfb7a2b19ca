// Typed IR: the built-in records every module can name (docs/language.md §3): the clearing
// rule vocabulary Order, Fill, Allocation, and Evidence (a pointer to an upstream commit).
import type { RecordDef } from "./declarations.js";
import { BUILTIN_MODULE, prim, type Type } from "./types.js";

const nowhere = { file: "<builtin>", start: 0, end: 0 };
const ref = (name: string) => ({ module: BUILTIN_MODULE, name });
const field = (name: string, type: Type) => ({ name, type, span: nowhere });
const record = (name: string) => ({ kind: "Record" as const, ref: ref(name) });

export const BUILTIN_RECORDS: readonly RecordDef[] = [
  {
    ref: ref("Order"),
    fields: [field("agent", prim("peer")), field("qty", prim("u64")), field("price", prim("u64")), field("seq", prim("u64"))],
    span: nowhere,
  },
  { ref: ref("Fill"), fields: [field("agent", prim("peer")), field("qty", prim("u64")), field("pay", prim("u64"))], span: nowhere },
  {
    ref: ref("Allocation"),
    fields: [field("fills", { kind: "List", element: record("Fill"), capacity: 1024n }), field("price", { kind: "Option", inner: prim("u64") })],
    span: nowhere,
  },
  {
    ref: ref("Evidence"),
    fields: [field("organism", prim("digest")), field("index", prim("u64")), field("root", prim("digest")), field("commit", prim("digest"))],
    span: nowhere,
  },
];

export const BUILTIN_RECORD_NAMES: readonly string[] = BUILTIN_RECORDS.map((r) => r.ref.name);

export const ORDER_TYPE: Type = record("Order");
export const ALLOCATION_TYPE: Type = record("Allocation");
export const EVIDENCE_TYPE: Type = record("Evidence");
