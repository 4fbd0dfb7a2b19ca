// The TDX configuration `smalt run` takes from its flags: the collateral and its pin, a
// trusted test root, and the committee's member tickets — or, for local development, a
// generated test PKI and tickets for the run's own replicas. Unreadable or malformed
// inputs are refused with A1064, naming the flag, the file and what is wrong.
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fromHex } from "../compiler/fingerprint/bytes.js";
import { measurementsConfig } from "../compiler/fingerprint/canonical-validators.js";
import type { OrganismDef } from "../compiler/ir/declarations.js";
import type { TdxRuntimeConfig } from "../runtime/admission/tdx/tdx-ticket-check.js";
import { replicaTicketPki } from "../runtime/admission/tdx/test-pki/index.js";
import { isHex32 } from "../runtime/replica/state-machine.js";
import { testRootWarning } from "./committee-admission-lines.js";

export interface TdxRunFlags {
  readonly collateral?: string;
  readonly collateralPin?: string;
  readonly trustTestRoot?: string;
  readonly memberTickets?: string;
  readonly testPki: boolean;
}

export interface TdxRunSetup {
  /** What verifies TDX tickets (validators and membership); absent: none can be (A1060). */
  readonly config?: TdxRuntimeConfig;
  /** Loud lines to print first (a trusted test root). */
  readonly warnings: readonly string[];
  /** Present when the committee is admitted on TDX tickets: each replica key's ticket, if it has one. */
  readonly tickets?: (publicKey: string) => Uint8Array | undefined;
  /** With --member-tickets: the keys the file names, and the file as given. */
  readonly ticketFile?: { readonly shown: string; readonly keys: readonly string[] };
}

export type TdxRunSetupResult = { readonly ok: true; readonly setup: TdxRunSetup } | { readonly ok: false; readonly message: string };

export interface TdxRunContext {
  readonly cwd: string;
  readonly def: OrganismDef;
  readonly contentHash: string;
  readonly networkId: string;
  readonly now: bigint;
}

class SetupProblem extends Error {}
const problem = (message: string): never => {
  throw new SetupProblem(`A1064 ${message}`);
};

/** Whether these flags admit the organism's committee on TDX tickets (decides the data directory's kind). */
export function attestsMembership(flags: TdxRunFlags, def: OrganismDef): boolean {
  return def.measurements !== undefined && (flags.testPki || flags.memberTickets !== undefined);
}

export function tdxRunSetup(flags: TdxRunFlags, cx: TdxRunContext): TdxRunSetupResult {
  try {
    return { ok: true, setup: flags.testPki ? testPkiSetup(flags, cx) : fileSetup(flags, cx) };
  } catch (e) {
    if (e instanceof SetupProblem) return { ok: false, message: e.message };
    throw e;
  }
}

function testPkiSetup(flags: TdxRunFlags, cx: TdxRunContext): TdxRunSetup {
  const others = (["collateral", "collateralPin", "trustTestRoot", "memberTickets"] as const).filter((f) => flags[f] !== undefined);
  if (others.length > 0) problem(`--tdx-test-pki generates its own collateral, root and tickets; it cannot be combined with ${others.map(flagName).join(", ")}`);
  const generated = replicaTicketPki({ now: cx.now, networkId: cx.networkId, contentHash: cx.contentHash });
  const registers = cx.def.measurements ? measurementsConfig(cx.def.measurements).baseline : {};
  return {
    config: generated.config,
    warnings: [testRootWarning("this run (--tdx-test-pki)", "a freshly generated Smalt TEST root CA (synthetic quotes of the policy's measurements for its own replicas)")],
    ...(cx.def.measurements ? { tickets: (key: string) => generated.ticket(key, registers) } : {}),
  };
}

function fileSetup(flags: TdxRunFlags, cx: TdxRunContext): TdxRunSetup {
  if (flags.collateral === undefined) {
    const needs = (["collateralPin", "trustTestRoot", "memberTickets"] as const).filter((f) => flags[f] !== undefined);
    if (needs.length > 0) problem(`${needs.map(flagName).join(", ")} needs --tdx-collateral FILE: without collateral no TDX quote can be verified`);
    return { warnings: [] };
  }
  if (flags.memberTickets !== undefined && cx.def.measurements === undefined) {
    problem(`--member-tickets ${flags.memberTickets}: ${cx.def.ref.name} declares no measurements, so its committee is not admitted on TDX tickets`);
  }
  const collateral = new Uint8Array(readFile(cx.cwd, "--tdx-collateral", flags.collateral));
  const pin = flags.collateralPin?.toLowerCase().replace(/^0x/, "");
  if (pin !== undefined && !isHex32(pin)) problem(`--tdx-collateral-pin ${flags.collateralPin}: not a BLAKE3 digest (64 hex digits)`);
  const warnings: string[] = [];
  let testRoot: Uint8Array | undefined;
  if (flags.trustTestRoot !== undefined) {
    const root = testRootCertificate(cx.cwd, flags.trustTestRoot);
    testRoot = new Uint8Array(root.raw);
    warnings.push(testRootWarning("this run (--trust-test-root)", `the TEST root CA in ${flags.trustTestRoot} (${root.subject.replace(/\n/g, ", ")})`));
  }
  const config: TdxRuntimeConfig = { contentHash: cx.contentHash, collateral, ...(pin !== undefined ? { collateralPin: pin } : {}), trust: testRoot ? { testRoot } : {} };
  if (flags.memberTickets === undefined) return { config, warnings };
  const tickets = memberTickets(cx.cwd, flags.memberTickets);
  return { config, warnings, tickets: (key) => tickets.get(key), ticketFile: { shown: flags.memberTickets, keys: [...tickets.keys()] } };
}

function flagName(f: keyof TdxRunFlags): string {
  return { collateral: "--tdx-collateral", collateralPin: "--tdx-collateral-pin", trustTestRoot: "--trust-test-root", memberTickets: "--member-tickets", testPki: "--tdx-test-pki" }[f];
}

function readFile(cwd: string, flag: string, file: string): Buffer {
  try {
    return fs.readFileSync(path.resolve(cwd, file));
  } catch (e) {
    return problem(`${flag} ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

function testRootCertificate(cwd: string, file: string): X509Certificate {
  const bytes = readFile(cwd, "--trust-test-root", file);
  try {
    return new X509Certificate(bytes);
  } catch {
    return problem(`--trust-test-root ${file}: not an X.509 certificate in DER or PEM form`);
  }
}

/** `{"<public key hex>": "<ticket hex>", …}`: one TDX ticket (wire form) per replica. */
function memberTickets(cwd: string, file: string): Map<string, Uint8Array> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFile(cwd, "--member-tickets", file).toString("utf8"));
  } catch (e) {
    if (e instanceof SetupProblem) throw e;
    return problem(`--member-tickets ${file}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) problem(`--member-tickets ${file}: not a JSON object of public key → ticket hex`);
  const out = new Map<string, Uint8Array>();
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!isHex32(key)) problem(`--member-tickets ${file}: key "${key}" is not a replica public key (64 lower-case hex digits)`);
    const bytes = typeof value === "string" ? fromHex(value.replace(/^0x/, "")) : undefined;
    if (bytes === undefined || bytes.length === 0) problem(`--member-tickets ${file}: the ticket of ${key.slice(0, 12)}… is not a hex string`);
    out.set(key, bytes!);
  }
  return out;
}
