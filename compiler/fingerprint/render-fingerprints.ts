// What `smalt fingerprint` prints: the stable JSON shape of issue 3 (all hashes lowercase
// hex) and a compact human table. Pure functions of ProgramFingerprints.
import { toHex } from "./bytes.js";
import type { ProgramFingerprints, ValidatorFingerprint } from "./fingerprint-program.js";

export interface FingerprintJson {
  readonly network: string;
  readonly organisms: readonly {
    readonly name: string;
    readonly instance: string;
    readonly stableId: string;
    readonly contentHash: string;
    readonly groupId: string;
    readonly stateMachineSignature: string;
    readonly validators: readonly { readonly name: string; readonly signature: string }[];
  }[];
  readonly validators: readonly { readonly name: string; readonly signature: string }[];
}

const validatorJson = (v: ValidatorFingerprint) => ({ name: v.name, signature: toHex(v.signature) });

export function fingerprintsToJson(p: ProgramFingerprints): FingerprintJson {
  return {
    network: p.network,
    organisms: p.organisms.map((o) => ({
      name: o.name,
      instance: o.instance,
      stableId: toHex(o.stableId),
      contentHash: toHex(o.contentHash),
      groupId: toHex(o.groupId),
      stateMachineSignature: toHex(o.stateMachineSignature),
      validators: o.validators.map(validatorJson),
    })),
    validators: p.validators.map(validatorJson),
  };
}

/**
 * One block per organism, then the file's validators:
 *
 *   network universe
 *
 *   organism Gatekeeper  instance "agent-ecology.gatekeeper"
 *     stable id      522f…
 *     …
 */
export function renderFingerprintsText(p: ProgramFingerprints): string {
  const lines: string[] = [`network ${p.network}`];
  for (const o of p.organisms) {
    lines.push("", `organism ${o.name}  instance ${JSON.stringify(o.instance)}`);
    const rows: [string, string][] = [
      ["stable id", toHex(o.stableId)],
      ["content hash", toHex(o.contentHash)],
      ["group id", toHex(o.groupId)],
      ["state machine", toHex(o.stateMachineSignature)],
      ...o.validators.map((v): [string, string] => [`validator ${v.name}`, toHex(v.signature)]),
    ];
    lines.push(...aligned(rows, "  "));
  }
  if (p.validators.length > 0) {
    lines.push("", "validators");
    lines.push(...aligned(p.validators.map((v): [string, string] => [v.name, toHex(v.signature)]), "  "));
  }
  if (p.organisms.length === 0 && p.validators.length === 0) lines.push("", "no organisms or validators");
  return lines.join("\n") + "\n";
}

function aligned(rows: readonly (readonly [string, string])[], indent: string): string[] {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`);
}
