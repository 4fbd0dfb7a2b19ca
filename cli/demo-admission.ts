// Admission for the demo's market: the committee's replicas and the searchers are admitted
// through the policy's own validators before anything runs. Replicas present TDX tickets
// made by the test PKI (synthetic quotes with the policy's MR_TD, binding each replica's
// key and the content hash; verified for real by dcap-qvl against the test root, which
// this demo trusts, loudly, as `smalt run --tdx-test-pki` does). Searchers present JWTs signed with the
// published demo issuer key of the `Searcher` validator; an impostor's token is refused.
import fs from "node:fs";
import path from "node:path";
import { generateKeyPair, importJWK, SignJWT } from "jose";
import { ProgramIndex } from "../compiler/eval/program-index.js";
import { measurementsConfig } from "../compiler/fingerprint/canonical-validators.js";
import type { CheckedModule, OrganismDef } from "../compiler/ir/declarations.js";
import { namedPeer } from "../compiler/scenario/test-peers.js";
import { admitCommittee, type CommitteeAdmission } from "../runtime/admission/committee-admission.js";
import { organismAdmission, organismNetworkId } from "../runtime/admission/organism-admission.js";
import { jwtTicket } from "../runtime/admission/ticket.js";
import { replicaTicketPki } from "../runtime/admission/tdx/test-pki/index.js";
import { tdxCheckFactory } from "../runtime/admission/tdx/tdx-ticket-check.js";
import type { EmittedMachine } from "../runtime/organism/emitted-machine.js";
import type { ReplicaKey } from "../runtime/replica/replica-key.js";
import { AdmissionGate } from "../runtime/run/admission-gate.js";
import { committeeAdmissionLines, testRootWarning } from "./committee-admission-lines.js";
import { showUntil } from "./run-feeder.js";

/** The demo's clock: 2026-12-03T00:00:00Z. Everything admission decides is decided at this time. */
export const DEMO_NOW = 1_796_256_000n;
const ISSUER_KEY = path.resolve(import.meta.dirname, "..", "examples", "reputation-gated-market", "demo-searcher-issuer.jwk.json");
const DAY = 86_400n;

export interface DemoAdmission {
  readonly gate: AdmissionGate;
  readonly committee: CommitteeAdmission;
  readonly lines: readonly string[];
}

export async function admitDemo(
  modules: readonly CheckedModule[],
  def: OrganismDef,
  machine: EmittedMachine,
  keys: readonly ReplicaKey[],
  searchers: readonly string[],
): Promise<DemoAdmission> {
  const lines: string[] = [];
  const networkId = organismNetworkId(modules, def.ref.name);
  const replicaPki = replicaTicketPki({ now: DEMO_NOW, networkId, contentHash: machine.contentHash });
  const admission = organismAdmission(modules, def.ref.name, { tdx: tdxCheckFactory(new ProgramIndex(modules), replicaPki.config) });
  lines.push(testRootWarning("this demo", "the Smalt TEST root CA (synthetic quotes from runtime/admission/tdx/test-pki)"));

  const registers = def.measurements ? measurementsConfig(def.measurements).baseline : {};
  // The three replicas run the measured image; a fourth candidate runs another one.
  const otherImage = { ...registers, mrtd: new Uint8Array(48).fill(0xee) };
  const impostorKey = "ee".repeat(32);
  const candidates = [...keys.map((k) => ({ publicKey: k.publicKey, ticket: replicaPki.ticket(k.publicKey, registers) })), { publicKey: impostorKey, ticket: replicaPki.ticket(impostorKey, otherImage) }];
  const committee = await admitCommittee(def, candidates, { ...replicaPki.config, now: DEMO_NOW, networkId });
  lines.push(...committeeAdmissionLines(committee, (m) => (m < keys.length ? `replica #${m}` : "candidate replica")));

  const gate = new AdmissionGate(admission, machine.api.HANDLERS);
  const jwk = JSON.parse(fs.readFileSync(ISSUER_KEY, "utf8")) as Record<string, string>;
  const issuer = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d }, "ES256");
  const impostor = (await generateKeyPair("ES256")).privateKey; // not the issuer's key
  const token = (who: string, key: typeof issuer) =>
    new SignJWT({})
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer("searcher-α.coalition")
      .setAudience("slot-auction")
      .setSubject(namedPeer(who))
      .setIssuedAt(Number(DEMO_NOW - 60n))
      .setExpirationTime(Number(DEMO_NOW + 3_000n))
      .sign(key);
  for (const [who, key] of [...searchers.map((s) => [s, issuer] as const), ["mallory", impostor] as const]) {
    const out = await gate.bond(namedPeer(who), "bids_in", [jwtTicket(await token(who, key))], DEMO_NOW);
    lines.push(out.admitted ? `admitted ${who} on bids_in with a jwt ticket: ${out.decisions.map((d) => d.validator).join(", ")}; ${showUntil(out.expires)}` : `refused  ${who} on bids_in: ${out.code} ${out.reason}`);
  }
  return { gate, committee, lines };
}
