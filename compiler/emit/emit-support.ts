// Emit stage, support helpers: small functions an emitted module declares once, in its
// last section, when its code uses them (reading JSON input with a field path in every
// message, options from map lookups, the clearing-rule contract). Names start with `$`,
// which no Smalt identifier can contain.
export const SUPPORT = {
  $some: `/** A map lookup as a Smalt option. */
function $some<T>(v: T | undefined): $.Option<T> {
  return v === undefined ? null : { value: v };
}`,
  $utf8Length: `const $utf8 = new TextEncoder();

/** \`len(s)\` of a string: its length in UTF-8 bytes. */
function $utf8Length(s: string): bigint {
  return BigInt($utf8.encode(s).length);
}`,
  $invalid: `/** Malformed input: a deterministic rejection that names the field. */
function $invalid(at: string, expected: string): never {
  return $.abort("invalid_value", \`\${at}: expected \${expected}\`);
}`,
  $readInt: `/** An integer as a decimal string (JSON numbers lose precision above 2^53, so they are refused). */
function $readInt(t: $.IntType, x: unknown, at: string): bigint {
  return typeof x === "string" ? $.int.toInt(t, x, at) : $invalid(at, \`an integer (\${t}) as a decimal string\`);
}`,
  $readBool: `function $readBool(x: unknown, at: string): boolean {
  return typeof x === "boolean" ? x : $invalid(at, "true or false");
}`,
  $readString: `function $readString(x: unknown, at: string): string {
  return typeof x === "string" && $.isWellFormed(x) ? x : $invalid(at, "a string");
}`,
  $readHex: `/** Bytes as lowercase hex without \`0x\`; \`length\`: the exact byte length, if fixed. */
function $readHex(x: unknown, at: string, length: number | undefined): Uint8Array {
  if (typeof x !== "string" || !/^([0-9a-f]{2})*$/.test(x)) return $invalid(at, "lowercase hex bytes");
  if (length !== undefined && x.length !== 2 * length) return $invalid(at, \`\${length} bytes (\${2 * length} hex digits)\`);
  return $.fromHex(x);
}`,
  $readObject: `/** A JSON object with exactly these fields: a missing or unknown field is named (\`at\`: its path, "" at the top). */
function $readObject(x: unknown, at: string, fields: readonly string[]): { readonly [field: string]: unknown } {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return $invalid(at || "input", "an object");
  const o = x as { readonly [field: string]: unknown };
  const path = (f: string) => (at === "" ? f : \`\${at}.\${f}\`);
  for (const f of fields) if (!Object.prototype.hasOwnProperty.call(o, f)) $.abort("invalid_value", \`\${path(f)}: missing field\`);
  for (const k of Object.keys(o)) {
    if (!fields.includes(k)) $.abort("invalid_value", \`\${path(k)}: unknown field (expected \${fields.join(", ") || "no fields"})\`);
  }
  return o;
}`,
  $readArray: `function $readArray(x: unknown, at: string, max: number): readonly unknown[] {
  if (!Array.isArray(x)) return $invalid(at, "an array");
  if (x.length > max) return $invalid(at, \`at most \${max} elements, got \${x.length}\`);
  return x;
}`,
  $readTag: `/** The variant name of an enum value \`{ "tag": …, "fields": { … } }\`. */
function $readTag(x: unknown, at: string, tags: readonly string[]): string {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return $invalid(at, "an object with a tag");
  const tag = (x as { readonly tag?: unknown }).tag;
  return typeof tag === "string" && tags.includes(tag) ? tag : $invalid(\`\${at}.tag\`, \`one of \${tags.join(", ")}\`);
}`,
  $checkAllocation: `/**
 * The contract of a clearing rule, checked after every call: it allocates at most its
 * supply, and (one-sided rules) every fill goes to an agent that placed an order and pays
 * at most qty × that agent's highest bid price.
 */
function $checkAllocation(
  rule: string,
  a: { readonly fills: readonly { readonly agent: Uint8Array; readonly qty: bigint; readonly pay: bigint }[] },
  supply: bigint,
  bids: readonly { readonly agent: Uint8Array; readonly price: bigint }[] | null,
): void {
  let units = 0n;
  for (const f of a.fills) units += f.qty;
  if (units > supply) $.abort("contract", \`clearing rule \${rule} allocated \${units} units, more than its supply of \${supply}\`);
  if (bids === null) return;
  // Each agent's highest bid first: sorted by agent, then by price descending (no hex keys, no Map).
  const byAgent = [...bids].sort((x, y) => $.compareBytes(x.agent, y.agent) || (x.price > y.price ? -1 : x.price < y.price ? 1 : 0));
  for (const f of a.fills) {
    let lo = 0;
    let hi = byAgent.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ($.compareBytes(byAgent[mid].agent, f.agent) < 0) lo = mid + 1;
      else hi = mid;
    }
    const best = byAgent[lo];
    if (best === undefined || !$.bytesEqual(best.agent, f.agent)) $.abort("contract", \`clearing rule \${rule} filled \${$.toHex(f.agent)}, which placed no order\`);
    if (f.pay > f.qty * best.price) $.abort("contract", \`clearing rule \${rule} charged \${$.toHex(f.agent)} \${f.pay} for \${f.qty} units, more than its bid of \${best.price} per unit\`);
  }
}`,
  $sumQty: `function $sumQty(orders: readonly { readonly qty: bigint }[]): bigint {
  let n = 0n;
  for (const o of orders) n += o.qty;
  return n;
}`,
  $peer: `/** Peer ids already parsed (\`self\` and recent senders recur in every command), by their hex. */
const $peers = new Map<string, Uint8Array>();

/** A peer id given by the host as 64 lowercase hex digits. */
function $peer(hex: string, what: string): Uint8Array {
  const known = $peers.get(hex);
  if (known !== undefined) return known;
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new TypeError(\`\${what} must be 64 lowercase hex digits\`);
  const id = $.fromHex(hex);
  if ($peers.size >= 4096) $peers.clear();
  $peers.set(hex, id);
  return id;
}`,
} as const;

/** Helpers that other helpers call. */
export const SUPPORT_DEPENDENCIES: Readonly<Partial<Record<keyof typeof SUPPORT, readonly (keyof typeof SUPPORT)[]>>> = {
  $readInt: ["$invalid"],
  $readBool: ["$invalid"],
  $readString: ["$invalid"],
  $readHex: ["$invalid"],
  $readObject: ["$invalid"],
  $readArray: ["$invalid"],
  $readTag: ["$invalid"],
};
