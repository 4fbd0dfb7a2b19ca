// Organism declarations: `organism Name { … }` and every item it may hold (instance,
// committee, measurements, config, uses, state, asset, stream, collection, event,
// handlers, queries, invariants).
import * as T from "../tokens.js";
import { ValidatorRules } from "./validators.js";

const K = T.Keywords;

export abstract class OrganismRules extends ValidatorRules {
  organismDecl = this.RULE("organismDecl", () => {
    this.CONSUME(K.organism);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.organismItem));
    this.CONSUME(T.RBrace);
  });

  organismItem = this.RULE("organismItem", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.instanceItem) },
      { ALT: () => this.SUBRULE(this.committeeItem) },
      { ALT: () => this.SUBRULE(this.measurementsItem) },
      { ALT: () => this.SUBRULE(this.configItem) },
      { ALT: () => this.SUBRULE(this.usesItem) },
      { ALT: () => this.SUBRULE(this.stateItem) },
      { ALT: () => this.SUBRULE(this.assetItem) },
      { ALT: () => this.SUBRULE(this.streamItem) },
      { ALT: () => this.SUBRULE(this.collectionItem) },
      { ALT: () => this.SUBRULE(this.eventItem) },
      { ALT: () => this.SUBRULE(this.handlerItem) },
      { ALT: () => this.SUBRULE(this.queryItem) },
      { ALT: () => this.SUBRULE(this.invariantItem) },
    ]);
  });

  instanceItem = this.RULE("instanceItem", () => {
    this.CONSUME(K.instance);
    this.CONSUME(T.StringLiteral);
  });

  committeeItem = this.RULE("committeeItem", () => {
    this.CONSUME(K.committee);
    this.CONSUME(T.IntLiteral, { LABEL: "quorum" });
    this.CONSUME(K.of);
    this.CONSUME2(T.IntLiteral, { LABEL: "size" });
  });

  measurementsItem = this.RULE("measurementsItem", () => {
    this.CONSUME(K.measurements);
    this.SUBRULE(this.measurementSet);
  });

  configItem = this.RULE("configItem", () => {
    this.CONSUME(K.config);
    this.SUBRULE(this.fieldDeclBlock);
  });

  stateItem = this.RULE("stateItem", () => {
    this.CONSUME(K.state);
    this.SUBRULE(this.fieldDeclBlock);
  });

  fieldDeclBlock = this.RULE("fieldDeclBlock", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.fieldDecl);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  fieldDecl = this.RULE("fieldDecl", () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
    this.OPTION(() => {
      this.CONSUME(T.Eq);
      this.SUBRULE(this.expression, { ARGS: [true] });
    });
  });

  usesItem = this.RULE("usesItem", () => {
    this.CONSUME(K.uses);
    this.CONSUME(T.Identifier, { LABEL: "alias" });
    this.CONSUME(T.Eq);
    this.CONSUME(K.organism);
    this.CONSUME(T.StringLiteral);
    this.OR([
      { ALT: () => this.CONSUME(K.follow) },
      {
        ALT: () => {
          this.CONSUME(K.exact);
          this.OPTION(() => this.CONSUME(T.HexLiteral));
        },
      },
    ]);
  });

  assetItem = this.RULE("assetItem", () => {
    this.CONSUME(K.asset);
    this.CONSUME(T.Identifier);
  });

  streamItem = this.RULE("streamItem", () => {
    this.CONSUME(K.stream);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.SUBRULE(this.requiresList));
  });

  collectionItem = this.RULE("collectionItem", () => {
    this.CONSUME(K.collection);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.type);
    this.OPTION(() => this.SUBRULE(this.requiresList));
  });

  requiresList = this.RULE("requiresList", () => {
    this.CONSUME(K.requires);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier) });
  });

  eventItem = this.RULE("eventItem", () => {
    this.CONSUME(K.event);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.fieldBlock);
  });

  handlerItem = this.RULE("handlerItem", () => {
    this.CONSUME(K.on);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.paramList);
    this.OPTION(() => {
      this.CONSUME(K.via);
      this.CONSUME2(T.Identifier, { LABEL: "via" });
    });
    this.SUBRULE(this.block);
  });

  queryItem = this.RULE("queryItem", () => {
    this.CONSUME(K.query);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.paramList);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.type);
    this.SUBRULE(this.block);
  });

  invariantItem = this.RULE("invariantItem", () => {
    this.CONSUME(K.invariant);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.SUBRULE(this.expression, { ARGS: [true] });
    this.CONSUME(T.RBrace);
  });
}
