// The human rendering of a DiffReport: a short review comment. One paragraph per organism
// that moved (status, class, what consumers do, identifiers, the parts that moved, the
// tickets and order books that now fare differently), then validators; one line per
// organism that did not move. Hashes are shortened; `--json` has them in full.
import type { ClearingDiff, DiffReport, IdentifierPair, OrganismDiff, PartChange, TicketClass, TicketSemantics, ValidatorDiff, Witness } from "./diff-report.js";
import { shortHex } from "./show-ir.js";

const ACTION: Readonly<Record<OrganismDiff["action"], string>> = {
  none: "consumers need do nothing",
  follow: "consumers pinned by stable id follow; consumers pinned exact republish",
  republish: "consumers must republish",
};

export function renderDiffText(r: DiffReport): string {
  const moved = r.organisms.filter((o) => o.status !== "unchanged");
  const validators = r.validators.filter((v) => v.status !== "unchanged");
  const lines: string[] = [`smalt diff ${r.old} -> ${r.new}`];
  lines.push(summary(r.organisms.length, moved.length, validators.length), "");
  for (const o of moved) lines.push(...organism(o), "");
  for (const o of r.organisms.filter((x) => x.status === "unchanged")) {
    lines.push(`${o.name}: unchanged (content hash ${short(o.identifiers.contentHash.new)})`);
  }
  if (r.organisms.some((x) => x.status === "unchanged")) lines.push("");
  const shown = new Set(moved.flatMap((o) => o.admission.map((a) => a.name)));
  for (const v of validators) lines.push(...(shown.has(v.name) ? [brief(v)] : [...validator(v, ""), ""]));
  if (validators.some((v) => shown.has(v.name))) lines.push("");
  if (!r.changed) lines.push("No change: every organism and validator keeps its fingerprints.", "");
  return lines.join("\n").replace(/\n+$/, "\n");
}

function summary(total: number, moved: number, validators: number): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  return `${plural(moved, "organism")} of ${total} moved, ${plural(validators, "validator")} changed.`;
}

const short = (hex: string | null) => (hex === null ? "(none)" : shortHex(hex).slice(2));

function identifier(label: string, p: IdentifierPair): string {
  const value = p.changed ? `${short(p.old)} -> ${short(p.new)}` : `${short(p.new)} (kept)`;
  return `  ${label.padEnd(15)}${value}`;
}

function organism(o: OrganismDiff): string[] {
  const head = `${o.name}: ${o.status}, ${o.class}. ${capitalise(ACTION[o.action])}.`;
  const lines = [head];
  if (o.status === "added" || o.status === "removed") {
    const ids = o.identifiers;
    lines.push(`  instance ${JSON.stringify(o.instance.new ?? o.instance.old)}, stable id ${short(ids.stableId.new ?? ids.stableId.old)}, content hash ${short(ids.contentHash.new ?? ids.contentHash.old)}`);
    lines.push(...o.notes.map((n) => `  ${capitalise(n)}.`));
    return lines;
  }
  const ids = o.identifiers;
  lines.push(identifier("stable id", ids.stableId), identifier("content hash", ids.contentHash), identifier("group id", ids.groupId), identifier("state machine", ids.stateMachineSignature));
  for (const v of o.validators) if (v.old !== v.new) lines.push(`  validator ${v.name}: ${short(v.old)} -> ${short(v.new)}`);
  if (o.changes.length > 0) lines.push("  What moved:");
  for (const c of o.changes) lines.push(...change(c, o));
  for (const c of o.clearing) lines.push(...clearing(c));
  lines.push(...o.notes.map((n) => `  Note: ${n}.`));
  return lines;
}

function change(c: PartChange, o: OrganismDiff): string[] {
  const what = c.part === "instance" || c.part === "committee" || c.part === "measurements" ? c.part : `${c.part} ${c.name}`;
  const values = c.old !== undefined && c.new !== undefined ? `: ${c.old} -> ${c.new}` : c.change === "added" && c.new !== undefined ? `: ${c.new}` : c.change === "removed" && c.old !== undefined ? `: was ${c.old}` : "";
  const lines = [`  - ${what} ${c.change}${values} (${c.effect})${c.note ? `; ${c.note}` : ""}`];
  if (c.part === "validator" || c.part === "measurements") {
    const d = o.admission.find((a) => a.name === c.name);
    if (d) lines.push(...validatorDetail(d, "    "));
  }
  return lines;
}

function validator(v: ValidatorDiff, indent: string): string[] {
  const sig = v.signature.changed ? `signature ${short(v.signature.old)} -> ${short(v.signature.new)}` : "signature kept";
  return [`${indent}validator ${v.name}: ${v.status}, ${v.class} (${sig})`, ...validatorDetail(v, `${indent}  `)];
}

/** A validator already detailed under an organism: one line. */
function brief(v: ValidatorDiff): string {
  const sig = v.signature.changed ? `signature ${short(v.signature.old)} -> ${short(v.signature.new)}` : "signature kept";
  return `validator ${v.name}: ${v.status}, ${v.class} (${sig}); detailed above`;
}

function validatorDetail(v: ValidatorDiff, indent: string): string[] {
  const lines = v.clauses.map((c) => {
    const values = c.change === "changed" ? `${c.old} -> ${c.new}` : c.change;
    return c.change === "changed" ? `${indent}${c.clause}: ${values}` : `${indent}${c.clause}: ${c.change}`;
  });
  if (v.semantics) lines.push(...semantics(v.semantics, indent));
  return lines;
}

function semantics(s: TicketSemantics, indent: string): string[] {
  const lines: string[] = [];
  const group = (title: string, cs: readonly TicketClass[]) => {
    for (const c of cs) {
      lines.push(`${indent}${title}: ${c.description} (${c.old} -> ${c.new})`);
      lines.push(`${indent}  e.g. ${witness(c.witness)}`);
    }
  };
  group("newly admitted", s.newlyAdmitted);
  group("newly refused", s.newlyRefused);
  group("expiration changed", s.expirationChanged);
  if (lines.length === 0) lines.push(`${indent}no ticket is admitted or refused differently (exhaustive over ${s.domainSize} representative tickets)`);
  else lines.push(`${indent}(exhaustive over ${s.domainSize} representative tickets)`);
  return lines;
}

function witness(w: Witness): string {
  const text = (v: string) => v.replace(/0x([0-9a-f]{17,})/g, (_m, hex: string) => shortHex(hex));
  return `{ ${Object.entries(w).map(([k, v]) => `${k}: ${text(v)}`).join(", ")} }`;
}

function clearing(c: ClearingDiff): string[] {
  const head = c.old === c.new ? `  - clearing ${c.slot} (${c.old}, with new arguments)` : `  - clearing ${c.slot}: ${c.old} -> ${c.new}`;
  if (!c.witness) return [`${head}: none of ${c.runs} order books tried (seed ${c.seed}) tells them apart`];
  const args = Object.entries(c.witness.args).filter(([k]) => k !== "agents");
  return [
    `${head}: they differ on this order book (orders as agent qty @ unit price; seed ${c.seed}, at most ${c.runs} books tried, shrunk)`,
    ...args.map(([k, v]) => `      ${k} = ${v}`),
    `      old: ${c.witness.old}`,
    `      new: ${c.witness.new}`,
  ];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
