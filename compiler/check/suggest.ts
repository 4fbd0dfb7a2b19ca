// Near-miss suggestions for unknown names, fields, types, variants, streams, events and
// handlers: the closest candidate by edit distance, when it is close enough to be a typo.

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The best candidate within max(1, ⌊len/3⌋) edits that keeps some of the name (`t` is not a
 * typo of `s`); a difference in case alone always matches. Ties are broken alphabetically.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name === "") return undefined;
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of [...new Set(candidates)].sort()) {
    if (c === name || c === "") continue;
    const dist = c.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, c);
    if (dist <= limit && dist < Math.max(name.length, c.length) && dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}

/** "did you mean `reserve`?", or undefined when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const c = closest(name, candidates);
  return c === undefined ? undefined : `did you mean \`${c}\`?`;
}

/** Help for an unknown member: the near miss if there is one, else the full (sorted) list when short. */
export function suggestOrList(name: string, candidates: Iterable<string>, noun: string): string | undefined {
  const all = [...new Set(candidates)].filter((c) => c !== "").sort();
  const near = didYouMean(name, all);
  if (near) return near;
  if (all.length === 0 || all.length > 12) return undefined;
  return `${noun}: ${all.map((c) => `\`${c}\``).join(", ")}`;
}

/** Type names from other languages, mapped to Smalt's. */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  uint8: "u8",
  uint16: "u16",
  uint32: "u32",
  uint64: "u64",
  uint128: "u128",
  uint256: "u128",
  uint: "u64",
  usize: "u64",
  int: "i64",
  int64: "i64",
  integer: "i64",
  boolean: "bool",
  str: "string",
  String: "string",
  address: "peer",
  bytes32: "digest",
  hash: "digest",
  Vec: "list",
  vec: "list",
  array: "list",
  HashMap: "map",
  BTreeMap: "map",
  Map: "map",
  dict: "map",
  HashSet: "set",
  Set: "set",
  Option: "option",
};

/** "did you mean `u64`?" for a type name, knowing common names from other languages. */
export function didYouMeanType(name: string, candidates: Iterable<string>): string | undefined {
  const alias = TYPE_ALIASES[name];
  return alias ? `Smalt calls this type \`${alias}\`` : didYouMean(name, candidates);
}
