// Check stage: `test "…" for Organism { … }` -> IR TestDef. Steps name a handler of the
// organism (E1010) with typed arguments; `expect` reads state like a query. Malformed steps: E6001.
import { error } from "../diagnostics/make.js";
import type { TestDef, TestSender, TestStepDef } from "../ir/declarations.js";
import { BOOL, refKey } from "../ir/types.js";
import type { TestDecl, TestStep } from "../syntax/ast.js";
import { checkExpr, recover } from "./check-expressions.js";
import { Cx } from "./context.js";
import type { ModuleEnv, OrganismEnv, ProgramEnv } from "./environment.js";
import { lookupTopLevel } from "./resolve-names.js";
import { didYouMean, suggestOrList } from "./suggest.js";

/** Every test of the module, sorted by name. */
export function checkTests(env: ProgramEnv, module: ModuleEnv): TestDef[] {
  const tests = module.program.decls.flatMap((d) => (d.kind === "TestDecl" ? (checkTest(env, module, d) ?? []) : []));
  return tests.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function checkTest(env: ProgramEnv, module: ModuleEnv, decl: TestDecl): TestDef | undefined {
  if (decl.organism.name === "") return undefined;
  const item = lookupTopLevel(module, decl.organism.name);
  const org = item?.kind === "Organism" ? env.organisms.get(refKey(item.ref)) : undefined;
  if (!item || item.kind !== "Organism" || !org) {
    const organisms = [...module.items.values()].flatMap((i) => (i.kind === "Organism" ? [i.ref.name] : []));
    env.report(error("E1011", `unknown organism \`${decl.organism.name}\``, decl.organism.span, { help: didYouMean(decl.organism.name, organisms) }));
    return undefined;
  }
  const steps = decl.steps.flatMap((step): TestStepDef[] => {
    const cx = new Cx(env, module, "test", { organism: org });
    if (step.kind === "TestExpect") return [{ kind: "Expect", cond: checkExpr(cx, step.cond, BOOL), span: step.span }];
    return checkStep(cx, org, step);
  });
  return { name: decl.name.value, organism: item.ref, steps, span: decl.span };
}

function checkStep(cx: Cx, org: OrganismEnv, step: TestStep): TestStepDef[] {
  const sender = testSender(cx, step);
  const handler = org.handlers.get(step.handler.name);
  if (!handler) {
    if (step.handler.name !== "") {
      const help = org.queries.has(step.handler.name)
        ? `\`${step.handler.name}\` is a query: read it in an \`expect\``
        : suggestOrList(step.handler.name, org.handlers.keys(), "its handlers");
      cx.report(error("E1010", `organism \`${org.ref.name}\` has no handler \`${step.handler.name}\``, step.handler.span, { help }));
    }
    for (const a of step.args) recover(cx, a);
    return [];
  }
  if (step.args.length !== handler.params.length) {
    cx.report(
      error(
        "E2002",
        `handler \`${step.handler.name}\` takes ${handler.params.length} argument${handler.params.length === 1 ? "" : "s"}, found ${step.args.length}`,
        step.span,
      ),
    );
    for (const a of step.args) recover(cx, a);
    return [];
  }
  const args = step.args.map((a, i) => checkExpr(cx, a, handler.params[i]));
  const x = step.expectation;
  let expect: Extract<TestStepDef, { kind: "Command" }>["expect"];
  if (x.kind === "ExpectOk") {
    for (const ev of x.emits) {
      if (ev.name !== "" && !org.events.has(ev.name)) {
        cx.report(error("E1009", `unknown event \`${ev.name}\``, ev.span, { help: didYouMean(ev.name, org.events.keys()) }));
      }
    }
    expect = { kind: "Ok", emits: x.emits.map((e) => e.name) };
  } else {
    expect = x.reason ? { kind: "Rejects", reason: x.reason.value } : { kind: "Rejects" };
  }
  if (!sender) return [];
  return [{ kind: "Command", sender, handler: step.handler.name, args, expect, span: step.span }];
}

/** A named peer (`alice`) or a 32-byte peer id written in hex. */
function testSender(cx: Cx, step: TestStep): TestSender | undefined {
  const s = step.sender;
  if (s.kind === "NameExpr") return s.name.name === "" ? undefined : { kind: "Named", name: s.name.name };
  if (s.kind === "BytesLit" && s.hex.length === 64) return { kind: "Bytes", hex: s.hex };
  const found = s.kind === "BytesLit" ? `${s.hex.length / 2} bytes` : "this";
  cx.report(
    error("E6001", "malformed test step: the sender must be a name or a 32-byte peer id", s.span, {
      label: `found ${found}`,
      help: "write `as alice …` or `as 0x…` with 64 hex digits",
    }),
  );
  return undefined;
}
