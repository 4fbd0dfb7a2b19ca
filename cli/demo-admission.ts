// Admission for the demo's market: the committee's replicas and the searchers are admitted
// through the policy's own validators before anything runs. Replicas present TDX tickets
// made by the test PKI (synthetic quotes with the policy's MR_TD, binding each replica's
// key and the content hash; verified for real by dcap-qvl against the test root, which
// this demo — and only this demo — trusts, loudly). Searchers present JWTs signed with the
// published demo issuer key of the `Searcher` validator; an impostor's token is refused.
import fs from "node:fs";
import path from "node:path";
import { generateKeyPair, importJWK, SignJWT } from "jose";
import { ProgramIndex } from "../compiler/eval/program-index.js";
import { fromHex } from "../compiler/fingerprint/bytes.js";
import { measurementsConfig } from "../compiler/fingerprint/canonical-validators.js";
import type { CheckedModule, OrganismDef } from "../compiler/ir/declarations.js";
import { namedPeer } from "../compiler/scenario/test-peers.js";
import { admitCommittee, type CommitteeAdmission } from "../runtime/admission/committee-admission.js";
import { organismAdmission } from "../runtime/admission/organism-admission.js";
import { jwtTicket } from "../runtime/admission/ticket.js";
import { collateralDigest } from "../runtime/admission/tdx/collateral-pin.js";
import { createTestPki, syntheticTicket } from "../runtime/admission/tdx/test-pki/index.js";
import { encodeTdxTicket } from "../runtime/admission/tdx/ticket-bytes.js";
import { tdxCheckFactory, type TdxRuntimeConfig } from "../runtime/admission/tdx/tdx-ticket-check.js";
import type { EmittedMachine } from "../runtime/organism/emitted-machine.js";
import type { ReplicaKey } from "../runtime/replica/replica-key.js";
import { AdmissionGate } from "../runtime/run/admission-gate.js";
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
  const pki = createTestPki({ issuedAt: DEMO_NOW - DAY });
  const contentHash = fromHex(machine.contentHash)!;
  const config: TdxRuntimeConfig = { contentHash, collateral: pki.collateralJson, collateralPin: collateralDigest(pki.collateralJson), trust: { testRoot: pki.rootDer } };
  const admission = organismAdmission(modules, def.ref.name, { tdx: tdxCheckFactory(new ProgramIndex(modules), config) });
  lines.push("WARNING: this demo trusts the Smalt TEST root CA for TDX quotes (synthetic quotes from runtime/admission/tdx/test-pki); never in production.");

  const registers = def.measurements ? measurementsConfig(def.measurements).baseline : {};
  const ticketFor = (publicKey: string, image: typeof registers) => {
    const extra = { peerId: fromHex(publicKey)!, networkId: fromHex(admission.networkId)!, startedAt: DEMO_NOW - 3_600n, quotedAt: DEMO_NOW - 60n, expiration: { kind: "at" as const, unix: DEMO_NOW + DAY } };
    const t = syntheticTicket(pki, { registers: image, extra, contentHash });
    return encodeTdxTicket(t.quote, extra);
  };
  // The three replicas run the measured image; a fourth candidate runs another one.
  const otherImage = { ...registers, mrtd: new Uint8Array(48).fill(0xee) };
  const candidates = [...keys.map((k) => ({ publicKey: k.publicKey, ticket: ticketFor(k.publicKey, registers) }))];
  const impostorKey = "ee".repeat(32);
  const committee = await admitCommittee(def, [...candidates, { publicKey: impostorKey, ticket: ticketFor(impostorKey, otherImage) }], { ...config, now: DEMO_NOW, networkId: admission.networkId });
  if (committee.attested) {
    for (const m of committee.members) {
      const who = m.member < keys.length ? `replica #${m.member}` : "candidate replica";
      lines.push(
        m.decision.admitted
          ? `admitted ${who} ${m.publicKey.slice(0, 12)}… to the committee: TDX quote verified (test root), MR_TD matches, report_data binds its key and content hash ${machine.contentHash.slice(0, 12)}…; ${showUntil(m.decision.expires)}`
          : `refused  ${who} ${m.publicKey.slice(0, 12)}…: ${m.decision.code} ${m.decision.reason}`,
      );
    }
  }

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
