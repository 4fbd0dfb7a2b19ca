// The admission code table and docs/admission.md agree: every code is documented once,
// and the docs list no code the runtime does not have.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ADMISSION_CODES } from "../../../runtime/admission/codes.js";

it("docs/admission.md documents exactly the codes of runtime/admission/codes.ts", () => {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../../docs/admission.md"), "utf8");
  const rows = [...doc.matchAll(/^\| (A\d{4}) \|/gm)].map((m) => m[1]);
  expect(rows).toEqual(Object.keys(ADMISSION_CODES));
});
