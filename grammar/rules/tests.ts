// Test declarations: `test "…" for Organism { … }` with its `as sender handler(…)` steps
// and `expect` lines.
import type { CstNode, ParserMethod } from "chevrotain";
import * as T from "../tokens.js";
import { OrganismRules } from "./organisms.js";

const K = T.Keywords;

export abstract class TestRules extends OrganismRules {
  // Defined by a later layer (expressions); declared here so these rules can name it.
  abstract argList: ParserMethod<[], CstNode>;

  testDecl = this.RULE("testDecl", () => {
    this.CONSUME(K.test);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(K.for);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([{ ALT: () => this.SUBRULE(this.testStep) }, { ALT: () => this.SUBRULE(this.testExpect) }]),
    );
    this.CONSUME(T.RBrace);
  });

  testStep = this.RULE("testStep", () => {
    this.CONSUME(K.as);
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "senderName" }) },
      { ALT: () => this.CONSUME(T.HexLiteral, { LABEL: "senderHex" }) },
    ]);
    this.CONSUME2(T.Identifier, { LABEL: "handler" });
    this.SUBRULE(this.argList);
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(K.ok);
          this.OPTION(() => {
            this.CONSUME(K.emits);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME3(T.Identifier, { LABEL: "event" }) });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.rejects);
          this.OPTION2(() => this.CONSUME(T.StringLiteral));
        },
      },
    ]);
  });

  testExpect = this.RULE("testExpect", () => {
    this.CONSUME(K.expect);
    this.SUBRULE(this.expression, { ARGS: [true] });
  });
}
