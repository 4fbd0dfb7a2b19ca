// Types: a path with optional type arguments, each a type or a capacity
// (`option<peer>`, `list<Order, 256>`).
import * as T from "../tokens.js";
import { TestRules } from "./tests.js";

export abstract class TypeRules extends TestRules {
  type = this.RULE("type", () => {
    this.SUBRULE(this.path);
    this.OPTION(() => {
      this.CONSUME(T.Lt);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.typeArg) });
      this.CONSUME(T.Gt);
    });
  });

  typeArg = this.RULE("typeArg", () => {
    this.OR([{ ALT: () => this.CONSUME(T.IntLiteral) }, { ALT: () => this.SUBRULE(this.type) }]);
  });
}
