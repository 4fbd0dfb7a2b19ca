// A jwt validator as checks over ticket features, in mosaik's validation order (mosaik.md
// §4.3): key, iss, sub, exp, max_lifetime, max_age, aud, required claims, then Smalt's
// `require` predicates; the Expiration is `exp` (or never), capped by `expires within`.
import type { ValidatorDef } from "../ir/declarations.js";
import { toHex } from "../fingerprint/bytes.js";
import { validatorClause } from "../fingerprint/canonical-validators.js";
import type { JsonValue } from "../fingerprint/json-text.js";
import { jwtConfigFromAst } from "../fingerprint/validator-config.js";
import type { JwtValidatorConfig } from "../fingerprint/validator-signatures.js";
import { contributeLiterals, durationSeconds, featuresRead, holds, type AdmissionContext } from "./admission-eval.js";
import { BEARER, DEFAULT_NOW, DEFAULT_PEER, type AdmissionModel, type Check, type FValue, type ModelFactory, OTHER_KEY, type Ticket } from "./ticket-model.js";
import type { ProgramIndex } from "../eval/program-index.js";

function jwtConfig(def: ValidatorDef): JwtValidatorConfig {
  const clause = validatorClause(def);
  if (clause.kind !== "JwtClause") throw new Error(`internal error: ${def.ref.name} is not a jwt validator`);
  return jwtConfigFromAst(clause);
}

const keyId = (k: JwtValidatorConfig["keys"][number]) => `${k.alg} ${toHex(k.keyBytes)}`;

function claimValue(v: JsonValue): FValue {
  if (typeof v === "number") return BigInt(v);
  if (typeof v === "string" || typeof v === "bigint" || typeof v === "boolean") return v;
  return JSON.stringify(v);
}

function claimsOf(cfg: JwtValidatorConfig): [string, FValue][] {
  const entries = cfg.claims instanceof Map ? [...cfg.claims.entries()] : Object.entries(cfg.claims);
  return entries.map(([k, v]) => [k, claimValue(v)]);
}

/** Builds the jwt factory for one pair of programs (each version evaluates with its own index). */
export function jwtFactory(indexOf: (def: ValidatorDef) => ProgramIndex): ModelFactory {
  const context = (def: ValidatorDef): AdmissionContext => ({ index: indexOf(def), now: (t) => t.now as bigint, nowFeatures: ["now"] });
  return {
    kind: "jwt",
    couplings: [["sub", "peer"]],
    nowFeatures: ["now"],
    contribute(def, d) {
      const cfg = jwtConfig(def);
      d.add("key", ...cfg.keys.map(keyId));
      d.add("iss", ...cfg.issuers);
      d.add("aud", ...cfg.audiences);
      d.add("sub", BEARER);
      if (cfg.subject !== undefined) d.add("sub", cfg.subject);
      d.add("peer", DEFAULT_PEER);
      d.add("age", null, 0n);
      if (cfg.maxAgeSecs !== undefined) d.add("age", cfg.maxAgeSecs, cfg.maxAgeSecs + 1n);
      if (cfg.maxLifetimeSecs !== undefined) d.add("lifetime", cfg.maxLifetimeSecs, cfg.maxLifetimeSecs + 1n);
      const cap = def.expiresWithin ? durationSeconds(def.expiresWithin, indexOf(def)) : undefined;
      if (cap !== undefined) d.add("lifetime", cap, cap + 1n);
      for (const [name, value] of claimsOf(cfg)) {
        d.add(`claims.${name}`, null, value);
        if (typeof value === "bigint") d.add(`claims.${name}`, value + 1n);
        if (typeof value === "boolean") d.add(`claims.${name}`, !value);
      }
      for (const r of def.requires) {
        for (const f of featuresRead(r.cond, context(def))) if (f.startsWith("claims.")) d.add(f, null);
        contributeLiterals(r.cond, context(def), d);
      }
    },
    finish(d) {
      d.add("lifetime", 3600n, 1n, null);
      d.add("key", OTHER_KEY);
      d.add("iss", null);
      d.addOther("iss", "unlisted-issuer");
      d.add("aud", null);
      d.addOther("aud", "unlisted-audience");
      d.addOther("sub", "unlisted-subject");
      d.add("now", DEFAULT_NOW, ...d.nowLiterals);
      for (const f of d.features()) if (f.startsWith("claims.")) d.addOther(f, "unlisted-value");
    },
    model(def) {
      const cfg = jwtConfig(def);
      const cx = context(def);
      const keys = new Set(cfg.keys.map(keyId));
      const cap = def.expiresWithin ? durationSeconds(def.expiresWithin, cx.index) : undefined;
      const checks: Check[] = [
        { features: ["key"], reason: "not signed by a configured key", ok: (t) => keys.has(String(t.key)) },
        { features: ["sub", "peer"], reason: cfg.subject === undefined ? "sub is not the bearer's peer id" : "sub does not match", ok: (t) => subjectOf(t) === (cfg.subject ?? t.peer) },
        {
          features: ["lifetime"],
          reason: "no exp (non-expiring tickets are not allowed)",
          ok: (t) => t.lifetime !== null || cfg.allowNonExpiring,
        },
      ];
      if (cfg.issuers.length > 0) checks.push({ features: ["iss"], reason: "iss not allowed", ok: (t) => t.iss !== null && cfg.issuers.includes(String(t.iss)) });
      if (cfg.maxLifetimeSecs !== undefined) {
        const max = cfg.maxLifetimeSecs;
        checks.push({ features: ["lifetime"], reason: "exp beyond max_lifetime", ok: (t) => t.lifetime !== null && (t.lifetime as bigint) <= max });
      }
      if (cfg.maxAgeSecs !== undefined) {
        const max = cfg.maxAgeSecs;
        checks.push({ features: ["age"], reason: "iat missing or older than max_age", ok: (t) => t.age !== null && (t.age as bigint) <= max });
      }
      if (cfg.audiences.length > 0) checks.push({ features: ["aud"], reason: "aud not allowed", ok: (t) => t.aud !== null && cfg.audiences.includes(String(t.aud)) });
      for (const [name, value] of claimsOf(cfg)) {
        checks.push({ features: [`claims.${name}`], reason: `claim ${name} missing or different`, ok: (t) => t[`claims.${name}`] === value });
      }
      for (const r of def.requires) {
        checks.push({ features: featuresRead(r.cond, cx), reason: r.reason ?? "require predicate failed", ok: (t) => holds(r.cond, t, cx) });
      }
      return { checks, expiryFeatures: ["lifetime"], expiresIn: (t) => capped(t.lifetime as bigint | null, cap) } satisfies AdmissionModel;
    },
  };
}

function subjectOf(t: Ticket): FValue {
  return t.sub === BEARER ? t.peer : t.sub;
}

/** The Expiration, in seconds from now, after the `expires within` cap. */
export function capped(remaining: bigint | null, cap: bigint | undefined): bigint | null {
  if (cap === undefined) return remaining;
  return remaining === null || remaining > cap ? cap : remaining;
}
