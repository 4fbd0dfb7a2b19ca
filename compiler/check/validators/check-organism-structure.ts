// Static checks of an organism's shape, before names and types: an `instance` (E5001), a
// committee whose quorum is a strict majority (E5002), well-formed `uses` pins (E5003),
// singleton items given once and named items of one kind named once (E5004), and its
// `measurements` set (E4001/E4002/E4006/E4007). Clashes across kinds (a handler and a
// query both named `best`) are left to name resolution.
import { type Diagnostic, sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { error } from "../../diagnostics/make.js";
import { isHex64 } from "../../fingerprint/bytes.js";
import { type CommitteeItem, type Ident, type OrganismDecl, type OrganismItem, unreachable, type UsesItem } from "../../syntax/ast.js";
import { bytesNoun, keywordSpan, literalBytes, trailingKeywordSpan } from "./ast-readers.js";
import { checkMeasurementSet } from "./check-measurements.js";

type SingletonKind = "InstanceItem" | "CommitteeItem" | "MeasurementsItem" | "ConfigItem" | "StateItem";

const SINGLETONS: Readonly<Record<SingletonKind, { keyword: string; help: string }>> = {
  InstanceItem: { keyword: "instance", help: "an organism has one instance name (it gives the stable id); remove one" },
  CommitteeItem: { keyword: "committee", help: "an organism has one committee; remove one" },
  MeasurementsItem: { keyword: "measurements", help: "merge them into one `measurements { … }`; put alternatives in `variant { … }`" },
  ConfigItem: { keyword: "config", help: "merge the parameters into one `config { … }` block" },
  StateItem: { keyword: "state", help: "merge the fields into one `state { … }` block" },
};

type NamedKind = Exclude<OrganismItem["kind"], SingletonKind>;

const NAMED: Readonly<Record<NamedKind, { noun: string; help: string }>> = {
  UsesItem: { noun: "`uses` alias", help: "give each referenced organism its own alias" },
  AssetItem: { noun: "asset", help: "an asset is declared once; remove one" },
  StreamItem: { noun: "stream", help: "rename one stream, or list every validator in one `requires`" },
  CollectionItem: { noun: "collection", help: "rename one collection" },
  EventItem: { noun: "event", help: "rename one event, or merge their fields" },
  HandlerItem: { noun: "handler", help: "rename one handler: commands name their handler, so each name means one handler" },
  QueryItem: { noun: "query", help: "rename one query: callers name the query, so each name means one query" },
  InvariantItem: { noun: "invariant", help: "rename one invariant, or join the conditions with `&&`" },
};

export function checkOrganismStructure(decl: OrganismDecl): Diagnostic[] {
  const diagnostics: Diagnostic[] = [...checkSingletons(decl), ...checkNamedItems(decl)];
  const name = decl.name.name;
  if (!decl.items.some((i) => i.kind === "InstanceItem")) {
    diagnostics.push(
      error("E5001", `organism \`${name}\` has no \`instance\``, decl.name.span, {
        label: "no instance name",
        help: 'add `instance "team.role"`: the instance name and the network give the organism its stable id',
      }),
    );
  }
  if (!decl.items.some((i) => i.kind === "CommitteeItem")) {
    diagnostics.push(
      error("E5002", `organism \`${name}\` has no \`committee\``, decl.name.span, {
        label: "no committee",
        help: "add `committee 3 of 5`: the quorum of signing replicas, out of the committee's size",
      }),
    );
  }
  for (const item of decl.items) {
    if (item.kind === "CommitteeItem") diagnostics.push(...checkCommittee(item));
    else if (item.kind === "UsesItem") diagnostics.push(...checkUses(item));
    else if (item.kind === "MeasurementsItem") diagnostics.push(...checkMeasurementSet(item.set));
  }
  return sortDiagnostics(diagnostics);
}

function checkSingletons(decl: OrganismDecl): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const first = new Map<SingletonKind, OrganismItem>();
  for (const item of decl.items) {
    if (!(item.kind in SINGLETONS)) continue;
    const kind = item.kind as SingletonKind;
    const { keyword, help } = SINGLETONS[kind];
    const earlier = first.get(kind);
    if (!earlier) {
      first.set(kind, item);
      continue;
    }
    diagnostics.push(
      error("E5004", `duplicate \`${keyword}\` in organism \`${decl.name.name}\``, keywordSpan(item.span, keyword), {
        label: "given again here",
        secondary: [{ span: keywordSpan(earlier.span, keyword), message: `first \`${keyword}\` here` }],
        help,
      }),
    );
  }
  return diagnostics;
}

function checkNamedItems(decl: OrganismDecl): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const first = new Map<string, Ident>();
  for (const item of decl.items) {
    if (item.kind in SINGLETONS) continue;
    const kind = item.kind as NamedKind;
    const name = itemName(item);
    if (!name || name.name === "") continue;
    const key = `${kind}:${name.name}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, name);
      continue;
    }
    const { noun, help } = NAMED[kind];
    diagnostics.push(
      error("E5004", `duplicate ${noun} \`${name.name}\` in organism \`${decl.name.name}\``, name.span, {
        label: "declared again here",
        secondary: [{ span: earlier.span, message: "first declared here" }],
        help,
      }),
    );
  }
  return diagnostics;
}

function itemName(item: OrganismItem): Ident | undefined {
  switch (item.kind) {
    case "UsesItem":
      return item.alias;
    case "AssetItem":
    case "StreamItem":
    case "CollectionItem":
    case "EventItem":
    case "HandlerItem":
    case "QueryItem":
    case "InvariantItem":
      return item.name;
    case "InstanceItem":
    case "CommitteeItem":
    case "MeasurementsItem":
    case "ConfigItem":
    case "StateItem":
      return undefined;
    default:
      return unreachable(item);
  }
}

function checkCommittee(item: CommitteeItem): Diagnostic[] {
  const quorum = item.quorum.value;
  const size = item.size.value;
  const majority = size / 2n + 1n;
  const example = size > 0n ? `for ${size} replicas write \`committee ${majority} of ${size}\`` : "e.g. `committee 3 of 5`";
  if (size === 0n) {
    return [
      error("E5002", "committee of size 0 has no replicas", item.size.span, {
        label: "size 0",
        help: "a committee runs on at least one replica: `committee 1 of 1` for one, `committee 2 of 3` or `3 of 5` to tolerate failures",
      }),
    ];
  }
  if (quorum === 0n) {
    return [
      error("E5002", "committee quorum of 0 certifies without any signature", item.quorum.span, {
        label: "quorum 0",
        help: `the quorum is how many replicas must sign a commit, a strict majority of the committee: ${example}`,
      }),
    ];
  }
  if (quorum > size) {
    return [
      error("E5002", `committee quorum ${quorum} exceeds its size ${size}`, item.quorum.span, {
        label: `more than ${size}`,
        help: `a commit could never gather ${quorum} signatures from ${size} replicas; ${example}`,
      }),
    ];
  }
  if (quorum < majority) {
    return [
      error("E5002", `committee quorum ${quorum} of ${size} is not a strict majority`, item.quorum.span, {
        label: `needs at least ${majority}`,
        help: `with a quorum of half or less, two disjoint groups of replicas can each certify a different state root; ${example}`,
      }),
    ];
  }
  return [];
}

function checkUses(item: UsesItem): Diagnostic[] {
  const alias = item.alias.name;
  const diagnostics: Diagnostic[] = [];
  const target = targetProblem(item.target.value);
  if (target) {
    diagnostics.push(
      error("E5003", `\`uses ${alias}\` names ${JSON.stringify(item.target.value)}, which is neither an instance name nor a stable id`, item.target.span, {
        label: target.label,
        help: target.help,
      }),
    );
  }
  if (item.pin === "follow" && item.contentHash) {
    diagnostics.push(
      error("E5003", `\`uses ${alias}\` follows rotations but also pins a content hash`, item.contentHash.span, {
        label: "a content hash",
        help: "drop the hash to follow the stable id through rotations, or write `exact 0x…` to pin this content",
      }),
    );
  } else if (item.pin === "exact" && !item.contentHash) {
    diagnostics.push(
      error("E5003", `\`uses ${alias}\` is pinned \`exact\` without a content hash`, trailingKeywordSpan(item.span, "exact"), {
        label: "no content hash after `exact`",
        help: "write `exact 0x…` with the 32-byte content hash (64 hex digits) to pin, or `follow` to track the organism through rotations",
      }),
    );
  } else if (item.pin === "exact" && item.contentHash) {
    const bytes = literalBytes(item.contentHash);
    if (bytes && bytes.length !== 32) {
      diagnostics.push(
        error("E5003", `content hash of \`uses ${alias}\` has ${bytesNoun(bytes.length)}; a content hash is 32 bytes`, item.contentHash.span, {
          label: `${bytesNoun(bytes.length)} (${bytes.length * 2} hex digits)`,
          help: "paste the organism's published content hash: 64 hex digits after `0x`",
        }),
      );
    }
  }
  return diagnostics;
}

/** Why a `uses` target is neither an instance name nor a 64-hex stable id; undefined when it is one. */
function targetProblem(target: string): { label: string; help: string } | undefined {
  if (isHex64(target)) return undefined;
  if (target === "") return { label: "empty", help: 'write the instance name (`"team.role"`) or the 64-hex stable id' };
  if (/^0x[0-9a-fA-F]*$/.test(target)) {
    return { label: "a 0x-prefixed hex string", help: "write a stable id as 64 hex digits without `0x`, or write the instance name" };
  }
  if (/^[0-9a-fA-F]{32,}$/.test(target)) {
    return {
      label: `${target.length} hex digits`,
      help: `a stable id is 64 hex digits (this has ${target.length}); or write the instance name`,
    };
  }
  if (/[\s\p{Cc}]/u.test(target)) {
    return { label: "contains white space", help: 'an instance name has no spaces or control characters, e.g. `"searcher-auction.slots"`' };
  }
  return undefined;
}
