// `smalt run`'s TDX flags as a configuration (cli/tdx-run-setup.ts, in process): every
// unusable input is A1064 naming the flag, the file and what is wrong; a test root in DER
// or PEM is trusted with a loud warning; --tdx-test-pki makes tickets for any replica key.
import fs from "node:fs";
import path from "node:path";
import { X509Certificate } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestPki } from "../../runtime/admission/tdx/test-pki/index.js";
import { attestsMembership, tdxRunSetup, type TdxRunFlags } from "../../cli/tdx-run-setup.js";
import { ok } from "../check/support.js";
import { removeDir, scratchDir } from "../support/cli.js";

const NOW = 1_796_256_000n;
const organism = (measured: boolean) =>
  ok(`organism Vault {
  instance "test.vault"
  committee 2 of 3
  ${measured ? `measurements { mrtd = 0x${"2f".repeat(48)} }` : ""}
  state { n: u64 = 0 }
  on bump() { n += 1 }
}
`).modules.flatMap((m) => m.organisms)[0];
const pki = createTestPki({ issuedAt: NOW - 86_400n });
const KEY = "0a".repeat(32);
const cwd = scratchDir({
  "c.json": pki.collateralJson,
  "root.pem": new X509Certificate(pki.rootDer).toString(),
  "bad.json": "{not json",
  "list.json": "[]",
  "badkey.json": JSON.stringify({ nope: "00" }),
  "badhex.json": JSON.stringify({ [KEY]: "xyz" }),
  "good.json": JSON.stringify({ [KEY]: "0102" }),
});
fs.writeFileSync(path.join(cwd, "root.der"), pki.rootDer);
afterAll(() => removeDir(cwd));

const setup = (flags: Partial<TdxRunFlags>, measured = true) =>
  tdxRunSetup({ testPki: false, ...flags }, { cwd, def: organism(measured), contentHash: "ab".repeat(32), networkId: "11".repeat(32), now: NOW });

describe("smalt run's TDX flags", () => {
  it.each<[string, Partial<TdxRunFlags>, string]>([
    ["a member-tickets file that is not JSON", { collateral: "c.json", memberTickets: "bad.json" }, "A1064 --member-tickets bad.json: not valid JSON"],
    ["a member-tickets file that is not an object", { collateral: "c.json", memberTickets: "list.json" }, "A1064 --member-tickets list.json: not a JSON object of public key → ticket hex"],
    ["a key that is not a public key", { collateral: "c.json", memberTickets: "badkey.json" }, 'A1064 --member-tickets badkey.json: key "nope" is not a replica public key (64 lower-case hex digits)'],
    ["a ticket that is not hex", { collateral: "c.json", memberTickets: "badhex.json" }, "A1064 --member-tickets badhex.json: the ticket of 0a0a0a0a0a0a… is not a hex string"],
    ["a pin that is not a digest", { collateral: "c.json", collateralPin: "123" }, "A1064 --tdx-collateral-pin 123: not a BLAKE3 digest (64 hex digits)"],
    ["a test root that is not a certificate", { collateral: "c.json", trustTestRoot: "bad.json" }, "A1064 --trust-test-root bad.json: not an X.509 certificate in DER or PEM form"],
    ["--trust-test-root without collateral", { trustTestRoot: "root.der" }, "A1064 --trust-test-root needs --tdx-collateral FILE: without collateral no TDX quote can be verified"],
    ["--tdx-test-pki with a file flag", { testPki: true, memberTickets: "good.json" }, "A1064 --tdx-test-pki generates its own collateral, root and tickets; it cannot be combined with --member-tickets"],
  ])("refuses %s", (_what, flags, message) => {
    const r = setup(flags);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.startsWith(message)).toBe(true);
  });

  it("refuses member tickets for an organism without measurements", () => {
    expect(setup({ collateral: "c.json", memberTickets: "good.json" }, false)).toEqual({ ok: false, message: "A1064 --member-tickets good.json: Vault declares no measurements, so its committee is not admitted on TDX tickets" });
  });

  it("trusts a test root given as DER or PEM, loudly, and reads the tickets", () => {
    for (const root of ["root.der", "root.pem"]) {
      const r = setup({ collateral: "c.json", trustTestRoot: root, memberTickets: "good.json" });
      if (!r.ok) throw new Error(r.message);
      expect(r.setup.config?.trust.testRoot).toEqual(pki.rootDer);
      expect(r.setup.warnings[0]).toMatch(new RegExp(`^WARNING: this run \\(--trust-test-root\\) trusts the TEST root CA in ${root.replace(".", "\\.")} \\(.*Smalt TEST ROOT CA`));
      expect(r.setup.tickets?.(KEY)).toEqual(Uint8Array.of(1, 2));
      expect(r.setup.tickets?.("0b".repeat(32))).toBeUndefined();
    }
  });

  it("without collateral verifies nothing; --tdx-test-pki tickets any replica key of a measured organism", () => {
    expect(setup({})).toEqual({ ok: true, setup: { warnings: [] } });
    const r = setup({ testPki: true });
    if (!r.ok) throw new Error(r.message);
    expect(r.setup.warnings[0]).toMatch(/^WARNING: this run \(--tdx-test-pki\) trusts a freshly generated Smalt TEST root CA/);
    expect(r.setup.tickets?.(KEY)?.length).toBeGreaterThan(1000);
    expect(attestsMembership({ testPki: true }, organism(true))).toBe(true);
    expect(attestsMembership({ testPki: true }, organism(false))).toBe(false);
    expect(attestsMembership({ testPki: false, collateral: "c.json" }, organism(true))).toBe(false);
  });
});
