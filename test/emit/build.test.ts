// `smalt build`: the files it writes (per organism <Name>.ts, .js, .schema.json, and
// manifest.json with sha256s and fingerprints), byte-identical across builds from different
// working folders into different output folders, with no absolute path in any of them.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { CLI_TEST_TIMEOUT, removeDir, ROOT, runSmalt, scratchDir } from "../support/cli.js";

const LIB = `record Tally { yes: u64, no: u64 }

fn add_vote(t: Tally, yes: bool) -> Tally {
  return if yes { Tally { yes: t.yes + 1, no: t.no } } else { Tally { yes: t.yes, no: t.no + 1 } }
}
`;

const MAIN = `network "testnet"
import std.clearing
import "./lib.smalt" as lib

organism Poll {
  instance "tests.poll"
  committee 2 of 3
  state { tally: lib.Tally, voters: set<peer, 16> }
  event Voted { voter: peer }
  on vote(yes: bool) {
    require !voters.contains(sender) else "already voted"
    voters.insert(sender)
    tally = lib.add_vote(tally, yes)
    emit Voted { voter: sender }
  }
  query tally() -> lib.Tally { return tally }
}

organism Market {
  instance "tests.market"
  committee 1 of 1
  config { rule: clearing = std.clearing.first_price }
  state { orders: list<Order, 16> }
  on bid(qty: u64, price: u64) { orders.push(Order { agent: sender, qty: qty, price: price, seq: len(orders) }) }
  on clear() { let a = config.rule(orders, 3, 1)  orders = [] }
}
`;

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function readAll(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

describe("smalt build", { timeout: CLI_TEST_TIMEOUT }, () => {
  const src = scratchDir({ "policy/main.smalt": MAIN, "policy/lib.smalt": LIB });
  dirs.push(src);

  it("writes each organism's module, bundle and schema, and a manifest", async () => {
    const out = path.join(src, "out-a");
    const r = runSmalt(["build", "policy/main.smalt", "-o", "out-a"], { cwd: src });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("built Market: Market.ts, Market.js, Market.schema.json\nbuilt Poll: Poll.ts, Poll.js, Poll.schema.json\n2 organisms built into out-a/ (with manifest.json)\n");
    const files = readAll(out);
    expect(Object.keys(files)).toEqual(["Market.js", "Market.schema.json", "Market.ts", "Poll.js", "Poll.schema.json", "Poll.ts", "manifest.json"]);
    const manifest = JSON.parse(files["manifest.json"]);
    expect(manifest.source).toBe("main.smalt");
    expect(manifest.organisms.map((o: { name: string }) => o.name)).toEqual(["Market", "Poll"]);
    for (const o of manifest.organisms) {
      expect(o.network).toBe("testnet");
      expect(o.fingerprints.stableId).toMatch(/^blake3-256\/mosaik@1:[0-9a-f]{64}$/);
      for (const f of o.files) expect(crypto.createHash("sha256").update(files[f.path]).digest("hex")).toBe(f.sha256);
    }
    for (const [name, text] of Object.entries(files)) {
      expect(text, name).not.toContain(src);
      expect(text, name).not.toContain(ROOT);
      expect(text, name).not.toMatch(/\b20\d\d-\d\d-\d\dT/);
    }
    // The bundle is self-contained: it runs from wherever it is copied.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "smalt-bundle-"));
    dirs.push(copy);
    fs.copyFileSync(path.join(out, "Poll.js"), path.join(copy, "Poll.js"));
    const poll = await import(pathToFileURL(path.join(copy, "Poll.js")).href);
    const ctx = { sender: "aa".repeat(32), self: "ee".repeat(32), index: 0n };
    const first = poll.apply(poll.initialState(), poll.decodeCommand({ handler: "vote", args: { yes: true } }), ctx);
    expect(poll.receiptToJson(first.receipt)).toEqual({ outcome: "ok", events: [{ name: "Voted", fields: { voter: "aa".repeat(32) } }], cites: [] });
    const again = poll.apply(first.state, poll.decodeCommand({ handler: "vote", args: { yes: false } }), ctx);
    expect(poll.receiptToJson(again.receipt)).toEqual({ outcome: "rejected", code: "require", reason: "already voted" });
    expect(poll.runQuery(again.state, ctx, { query: "tally", args: {} })).toEqual({ outcome: "ok", value: { yes: "1", no: "0" } });
  });

  it("is byte-identical from another working folder, into another output folder", () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "smalt-cwd-"));
    dirs.push(elsewhere);
    const r = runSmalt(["build", path.join(src, "policy", "main.smalt"), "-o", "b"], { cwd: elsewhere });
    expect(r.status).toBe(0);
    expect(readAll(path.join(elsewhere, "b"))).toEqual(readAll(path.join(src, "out-a")));
  });

  it("refuses a program with errors and writes nothing", () => {
    const bad = scratchDir({ "bad.smalt": "organism X { instance \"x\" committee 1 of 1 state { n: u64 = 0 } on f() { n = true } }\n" });
    dirs.push(bad);
    const r = runSmalt(["build", "bad.smalt"], { cwd: bad });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("bad.smalt");
    expect(r.stderr).toContain("not built: the program has errors");
    expect(fs.existsSync(path.join(bad, "build"))).toBe(false);
  });

  it("reports bad usage with exit 2", () => {
    expect(runSmalt(["build"], { cwd: src }).status).toBe(2);
    expect(runSmalt(["build", "nope.smalt"], { cwd: src }).status).toBe(2);
    const blocked = runSmalt(["build", "policy/main.smalt", "-o", "policy/lib.smalt"], { cwd: src });
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toContain("error: cannot write into policy/lib.smalt");
    const help = runSmalt(["build", "--help"]);
    expect(help.stdout).toMatch(/^Usage: smalt build FILE \[-o DIR\]/);
  });
});
