// Admission in `smalt run` (a real process): a peer bonds to a stream by presenting a JWT,
// the run prints who was admitted, on which validators and until when; commands from a
// peer without a bond, with a refused ticket, or after the bond expired (the clock moved
// by a `{"now": …}` line) are refused at the gate with their code and never appended.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { namedPeer } from "../../../compiler/scenario/test-peers.js";
import { CLI_TEST_TIMEOUT, removeDir, runSmalt, scratchDir } from "../../support/cli.js";
import { policySource } from "../admission/policy-source.js";
import { jwtValidator } from "../admission/fixture.js";
import { hmacKey, signToken } from "../admission/test-keys.js";
import { receiptsOf } from "./run-support.js";

const NOW = 1_767_225_600; // 2026-01-01T00:00:00Z
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe("smalt run with admission", { timeout: CLI_TEST_TIMEOUT }, () => {
  it("appends only the commands of bonded peers, and stops at the bond's expiry", async () => {
    const key = hmacKey();
    const wrong = hmacKey();
    const policy = policySource({ validators: jwtValidator("Members", [key.line, 'issuer "board.example"']), surfaces: "stream bids requires Members" });
    const token = (k: typeof key, who: string) => signToken(k, { iss: "board.example", sub: namedPeer(who), iat: NOW - 10, exp: NOW + 3600 });
    const bond = async (who: string, k: typeof key) => JSON.stringify({ sender: who, bond: { surface: "bids", tickets: [{ jwt: await token(k, who) }] } });
    const post = (who: string, n: number) => JSON.stringify({ sender: who, command: { handler: "post_bids", args: { n: String(n) } } });
    const lines = [
      JSON.stringify({ now: NOW }),
      await bond("alice", key),
      await bond("mallory", wrong),
      post("alice", 2),
      post("mallory", 5),
      post("bob", 1),
      JSON.stringify({ now: NOW + 3599 }),
      post("alice", 3),
      JSON.stringify({ now: NOW + 3600 }),
      post("alice", 4),
    ];
    const cwd = scratchDir({ "board.smalt": policy, "s.jsonl": `${lines.join("\n")}\n` });
    dirs.push(cwd);
    const r = runSmalt(["run", "board.smalt", "--scenario", "s.jsonl", "--data", "data"], { cwd });
    const short = (who: string) => `${namedPeer(who).slice(0, 8)}…`;
    expect(r.stdout).toContain(`admitted ${short("alice")} on bids with jwt: Members; until 2026-01-01T01:00:00Z`);
    expect(r.stdout).toMatch(new RegExp(`refused  ${short("mallory")} on bids with jwt: A1001 validator Members: `));
    expect(r.stdout).toContain(`refused  s.jsonl:5: ${short("mallory")} on bids: A1040`);
    expect(r.stdout).toContain(`refused  s.jsonl:6: ${short("bob")} on bids: A1040`);
    expect(r.stdout).toContain(`refused  s.jsonl:10: ${short("alice")} on bids: A1041 the bond expired`);
    expect(r.stdout).toContain("3 commands refused at admission, not appended");
    expect(r.status).toBe(1);
    const receipts = receiptsOf(path.join(cwd, "data"));
    expect(receipts.map((x) => x.index)).toEqual([1, 2]);
    expect(receipts.map((x) => x.receipt.receipt?.outcome)).toEqual(["ok", "ok"]);
  });
});
