// `smalt run` on an organism with `measurements` (real processes, real dcap-qvl): with
// --tdx-test-pki its replicas are admitted on synthetic test-PKI quotes, the admissions
// are printed, every certificate lists the attested signers and `smalt replay` checks
// them; with --member-tickets (and the collateral, its pin and the test root as files) an
// impostor's ticket is refused with its T2xxx code and the run goes on with the quorum
// left; too few admitted is A1070 with the log untouched; unpinned collateral refuses
// every ticket; unusable TDX flags are A1064. Without TDX flags the run is unattested.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { organismNetworkId } from "../../../runtime/admission/organism-admission.js";
import { collateralDigest } from "../../../runtime/admission/tdx/collateral-pin.js";
import { replicaTicketPki } from "../../../runtime/admission/tdx/test-pki/index.js";
import { ok } from "../../check/support.js";
import { CLI_TEST_TIMEOUT, removeDir, runSmalt, scratchDir } from "../../support/cli.js";
import { addLines, readLines, TALLY } from "./run-support.js";

const MRTD = "2fada80c06b3943bc411507840d3ae41863729d12db55a7923e01ca8ff408161eaaca8f2dfc9fc0909728df1af752a46";
const MEASURED = TALLY.replace('committee 2 of 3\n', `committee 2 of 3\n  measurements { mrtd = 0x${MRTD} }\n`);
const NOW = 1_796_256_000; // 2026-12-03T00:00:00Z
const DAY = 86_400;

interface Cert {
  readonly index: number;
  readonly at?: number;
  readonly signatures: { readonly publicKey: string; readonly attestation?: { publicKey: string; mrtd: string; quoteDigest: string; expiresAt: number | null } }[];
}

const cwd = scratchDir({ "tally.smalt": MEASURED, "s.jsonl": `${addLines(4).join("\n")}\n`, "more.jsonl": `${addLines(2, 4).join("\n")}\n` });
afterAll(() => removeDir(cwd));
const at = (...p: string[]) => path.join(cwd, ...p);
const certs = (dir: string) => readLines<Cert>(at(dir, "certificates.jsonl"));
const smalt = (...args: string[]) => runSmalt(args, { cwd });

/** A test PKI of the test's own, its collateral and root as files, and a tickets file for the data directory's replicas. */
function memberTicketFiles(dir: string, name: string, mrtds: readonly string[]) {
  const record = JSON.parse(fs.readFileSync(at(dir, "organism.json"), "utf8")) as { contentHash: string; members: string[] };
  const networkId = organismNetworkId(ok(MEASURED).modules, "Tally");
  const tp = replicaTicketPki({ now: BigInt(NOW), networkId, contentHash: record.contentHash });
  const tickets = Object.fromEntries(record.members.map((k, i) => [k, Buffer.from(tp.ticket(k, { mrtd: Buffer.from(mrtds[i], "hex") })).toString("hex")]));
  fs.writeFileSync(at(`${name}.tickets.json`), JSON.stringify(tickets));
  fs.writeFileSync(at(`${name}.collateral.json`), tp.pki.collateralJson);
  fs.writeFileSync(at(`${name}.root.der`), tp.pki.rootDer);
  return { members: record.members, pin: collateralDigest(tp.pki.collateralJson), flags: ["--member-tickets", `${name}.tickets.json`, "--tdx-collateral", `${name}.collateral.json`, "--trust-test-root", `${name}.root.der`] };
}

describe("smalt run on a TDX-bound committee", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("--tdx-test-pki admits the replicas, prints the admissions, and certificates list the attested signers; replay checks them", () => {
    const r = smalt("run", "tally.smalt", "--scenario", "s.jsonl", "--data", "d1", "--tdx-test-pki", "--now", String(NOW));
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("WARNING: this run (--tdx-test-pki) trusts a freshly generated Smalt TEST root CA");
    expect(r.stdout).toContain(`committee admission of Tally at ${NOW}:`);
    const admitted = [...r.stdout.matchAll(/admitted replica #(\d) ([0-9a-f]{12})… to the committee on TDX quote ([0-9a-f]{12})… \(MR_TD 2fada80c06b3…, committee measurements \[TEST ROOT\]\); until 2026-12-04T00:00:00Z/g)];
    expect(admitted.map((m) => m[1])).toEqual(["0", "1", "2"]);
    expect(r.stdout).toContain("on a committee of 2 of 3; 3 attested members; new data directory");
    expect(r.stdout).toMatch(/certified #4: root [0-9a-f]{16}…, signed by 3 of 3 \(quorum 2\); every signer TDX-attested/);
    expect(r.status).toBe(0);

    const members = (JSON.parse(fs.readFileSync(at("d1", "organism.json"), "utf8")) as { members: string[]; attested?: boolean }).members;
    const written = certs("d1");
    expect(written.map((c) => c.index)).toEqual([1, 2, 3, 4]);
    for (const c of written) {
      expect(c.at).toBe(NOW);
      for (const s of c.signatures) {
        expect(s.attestation).toMatchObject({ publicKey: s.publicKey, mrtd: MRTD, expiresAt: NOW + DAY });
        expect(admitted.find((m) => s.publicKey.startsWith(m[2]))?.[3]).toBe(s.attestation!.quoteDigest.slice(0, 12));
      }
    }
    expect(new Set(written.flatMap((c) => c.signatures.map((s) => s.publicKey)))).toEqual(new Set(members));
    expect(readLines(at("d1", "admissions.jsonl"))).toHaveLength(1);

    const replay = smalt("replay", "d1");
    expect(replay.stdout).toContain("4 certificates verified, every signer against the 3 admission records of admissions.jsonl; certified through #4");
    expect(replay.status).toBe(0);
  });

  it("replay refuses a certificate whose attestation record was edited", () => {
    const dir = "d1-tampered";
    fs.cpSync(at("d1"), at(dir), { recursive: true });
    const lines = fs.readFileSync(at(dir, "certificates.jsonl"), "utf8").split("\n");
    const second = JSON.parse(lines[1]) as Cert;
    second.signatures[0].attestation!.mrtd = "ee".repeat(48);
    lines[1] = JSON.stringify(second);
    fs.writeFileSync(at(dir, "certificates.jsonl"), lines.join("\n"));
    const replay = smalt("replay", dir);
    expect(replay.stdout).toMatch(/MISMATCH at #2: certificate does not verify: signature 1 \(member [0-9a-f]{64}\): its attestation record \(quote [0-9a-f]{16}…, MR_TD e{16}…\) is not one it was admitted with/);
    expect(replay.status).toBe(1);
  });

  it("--member-tickets: an impostor's ticket (another MR_TD) is refused with T2004 and the quorum left runs; replay checks both runs", () => {
    const files = memberTicketFiles("d1", "one-impostor", [MRTD, MRTD, "ee".repeat(48)]);
    const r = smalt("run", "tally.smalt", "--scenario", "more.jsonl", "--data", "d1", "--now", String(NOW + 100), "--tdx-collateral-pin", files.pin, ...files.flags);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/WARNING: this run \(--trust-test-root\) trusts the TEST root CA in one-impostor\.root\.der \(.*Smalt TEST ROOT CA/);
    expect(r.stdout).toMatch(/admitted replica #0 [0-9a-f]{12}… to the committee on TDX quote/);
    expect(r.stdout).toMatch(/admitted replica #1 [0-9a-f]{12}… to the committee on TDX quote/);
    expect(r.stdout).toContain(`refused  replica #2 ${files.members[2].slice(0, 12)}…: T2004 MR_TD ${"ee".repeat(48)} is not the baseline ${MRTD}`);
    expect(r.stdout).toContain("2 attested members (1 replica refused); resumed at index 4");
    expect(r.stdout).toContain("2 commands appended; committed through #6 of 6");
    expect(r.status).toBe(0);
    const late = certs("d1").filter((c) => c.index > 4);
    expect(late.map((c) => c.index)).toEqual([5, 6]);
    for (const c of late) expect(c.signatures.map((s) => s.publicKey)).toEqual(files.members.slice(0, 2));
    const replay = smalt("replay", "d1");
    expect(replay.stdout).toContain("6 certificates verified, every signer against the 5 admission records of admissions.jsonl");
    expect(replay.status).toBe(0);
  });

  it("A1070 when fewer than a quorum are admitted: exit 1, nothing run, the log untouched", () => {
    const files = memberTicketFiles("d1", "two-impostors", [MRTD, "ee".repeat(48), "ee".repeat(48)]);
    const before = ["commands.log", "certificates.jsonl", "admissions.jsonl"].map((f) => fs.readFileSync(at("d1", f)));
    const r = smalt("run", "tally.smalt", "--scenario", "more.jsonl", "--data", "d1", "--now", String(NOW + 200), "--tdx-collateral-pin", files.pin, ...files.flags);
    expect(r.stdout.match(/: T2004 MR_TD/g)).toHaveLength(2);
    expect(r.stderr).toBe("error: A1070 tally.smalt: only 1 of 3 replicas of Tally were admitted to its committee, fewer than the quorum 2; nothing was run and the log is untouched\n");
    expect(r.status).toBe(1);
    expect(["commands.log", "certificates.jsonl", "admissions.jsonl"].map((f) => fs.readFileSync(at("d1", f)))).toEqual(before);
  });

  it("collateral whose digest is not pinned refuses every ticket (T2017)", () => {
    const files = memberTicketFiles("d1", "unpinned", [MRTD, MRTD, MRTD]);
    const unpinned = smalt("run", "tally.smalt", "--scenario", "more.jsonl", "--data", "d1", "--now", String(NOW + 300), ...files.flags);
    expect(unpinned.stdout.match(/refused {2}replica #\d [0-9a-f]{12}…: T2017 no collateral digest is pinned/g)).toHaveLength(3);
    expect(unpinned.stderr).toContain("error: A1070 tally.smalt: only 0 of 3 replicas");
    expect(unpinned.status).toBe(1);
  });

  it("collateral with another digest than the pinned one refuses every ticket (T2003)", () => {
    const files = memberTicketFiles("d1", "unpinned", [MRTD, MRTD, MRTD]);
    const wrong = smalt("run", "tally.smalt", "--scenario", "more.jsonl", "--data", "d1", "--now", String(NOW + 300), "--tdx-collateral-pin", "ab".repeat(32), ...files.flags);
    expect(wrong.stdout).toContain(`T2003 collateral digest ${files.pin} is not the pinned ${"ab".repeat(32)}`);
    expect(wrong.status).toBe(1);
  });

  it("a member's admission ends at its ticket's expiry: it stops signing, and with too few left nothing is certified", () => {
    const lines = [addLines(1)[0], JSON.stringify({ now: NOW + DAY }), addLines(1, 1)[0]];
    fs.writeFileSync(at("expiry.jsonl"), `${lines.join("\n")}\n`);
    const r = smalt("run", "tally.smalt", "--scenario", "expiry.jsonl", "--data", "d-expiry", "--tdx-test-pki", "--now", String(NOW));
    for (const m of [0, 1, 2]) expect(r.stdout).toContain(`admission  member ${m} stopped: its committee admission ended at ${NOW + DAY} (the clock is ${NOW + DAY})`);
    expect(r.stdout).toContain("committed through #1 of 2");
    expect(r.status).toBe(1);
    expect(certs("d-expiry").map((c) => c.index)).toEqual([1]);
    expect(smalt("replay", "d-expiry").status).toBe(0);
  });

  // One CLI run per case: each start costs seconds on a loaded machine.
  it.each<[string, string[], string]>([
    ["--member-tickets without collateral", ["--member-tickets", "one-impostor.tickets.json"], "error: A1064 --member-tickets needs --tdx-collateral FILE: without collateral no TDX quote can be verified\n"],
    ["an unreadable collateral file", ["--tdx-collateral", "missing.json"], "error: A1064 --tdx-collateral missing.json: cannot read it (ENOENT)\n"],
    ["a test root that is not a certificate", ["--tdx-collateral", "one-impostor.collateral.json", "--trust-test-root", "tally.smalt"], "error: A1064 --trust-test-root tally.smalt: not an X.509 certificate in DER or PEM form\n"],
  ])("A1064 for %s", (_what, flags, message) => {
    const r = smalt("run", "tally.smalt", "--scenario", "more.jsonl", ...flags);
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.status).toBe(2);
  });

  it("A1064 for member tickets of keys that are not this run's replicas", () => {
    // A run in memory has fresh keys, so the tickets of d1's replicas name strangers.
    const stranger = smalt("run", "tally.smalt", "--scenario", "more.jsonl", "--tdx-collateral", "one-impostor.collateral.json", "--member-tickets", "one-impostor.tickets.json");
    expect(stranger.stderr).toMatch(/^error: A1064 --member-tickets one-impostor\.tickets\.json: [0-9a-f]{12}… is not a replica of this run \(its replicas: #0 [0-9a-f]{12}…, #1/);
    expect(stranger.status).toBe(2);
  });

  it("without TDX flags an organism with measurements runs unattested, and says so", () => {
    const r = smalt("run", "tally.smalt", "--scenario", "more.jsonl", "--data", "d-plain");
    expect(r.stdout).toContain("notice: Tally declares measurements, but this run does not admit its replicas on TDX tickets (give --tdx-test-pki, or --member-tickets with --tdx-collateral): its certificates list no attested members");
    expect(r.status).toBe(0);
    expect(certs("d-plain").every((c) => c.at === undefined && c.signatures.every((s) => s.attestation === undefined))).toBe(true);
    expect(smalt("replay", "d-plain").status).toBe(0);
  });

  it("refuses an attested run on a data directory that was run unattested", () => {
    const attestedAgain = smalt("run", "tally.smalt", "--scenario", "more.jsonl", "--data", "d-plain", "--tdx-test-pki");
    expect(attestedAgain.stderr).toContain("holds a committee that was not admitted on TDX tickets; an attested run needs a new data directory");
    expect(attestedAgain.status).toBe(2);
  });
});
