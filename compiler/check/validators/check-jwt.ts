// Checks of a `jwt { … }` clause against what mosaik's Jwt validator can be configured
// with: known algorithms (E4004), keys of the exact shape mosaik's key types hold (E4003),
// settings given once (E4009) and literal values that fold unambiguously (E4010).
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { error } from "../../diagnostics/make.js";
import { toHex } from "../../fingerprint/bytes.js";
import {
  ED25519_KEY_LENGTH,
  HMAC_SECRET_LENGTH,
  isJwtAlgorithm,
  isWellFormedKey,
  JWT_ALGORITHMS,
  keyFamily,
  mosaikKeyBytes,
  SEC1_POINT_LENGTH,
} from "../../fingerprint/mosaik-keys.js";
import { claimLiteralValue } from "../../fingerprint/validator-config.js";
import { type Expr, type JwtAlgorithm, type JwtClause, type JwtItem, type StringLit, unreachable } from "../../syntax/ast.js";
import { didYouMean } from "../suggest.js";
import { bytesNoun, keywordSpan, literalBytes, withSuggestion } from "./ast-readers.js";
import { checkDurationSetting, checkSignatureString, SettingOccurrences } from "./validator-settings.js";

type KeyItem = Extract<JwtItem, { kind: "JwtKey" }>;
type ClaimItem = Extract<JwtItem, { kind: "JwtClaim" }>;

export function checkJwtClause(clause: JwtClause): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new SettingOccurrences("jwt");
  let keys = 0;
  for (const item of clause.items) {
    switch (item.kind) {
      case "JwtKey": {
        keys++;
        const problems = checkKey(item);
        diagnostics.push(...problems, ...(problems.length === 0 ? repeatedKey(seen, item) : []));
        break;
      }
      case "JwtIssuer":
      case "JwtAudience": {
        const setting = item.kind === "JwtIssuer" ? "issuer" : "audience";
        const shown = `${setting} ${JSON.stringify(item.value.value)}`;
        diagnostics.push(...checkSignatureString(setting, item.value, true));
        diagnostics.push(...seen.repeat(`${setting}:${item.value.value}`, shown, item.value.span, `remove the repeated ${setting}`));
        break;
      }
      case "JwtSubject":
        diagnostics.push(...checkSubject(item.value));
        diagnostics.push(...seen.repeat("subject", "`subject`", keywordSpan(item.span, "subject"), "a token has one `sub`; keep one `subject`"));
        break;
      case "JwtClaim": {
        const name = item.name.name;
        diagnostics.push(...checkClaim(item));
        diagnostics.push(...seen.repeat(`claim:${name}`, `claim \`${name}\``, item.name.span, "a claim has one required value; keep one"));
        break;
      }
      case "JwtMaxAge":
      case "JwtMaxLifetime": {
        const setting = item.kind === "JwtMaxAge" ? "max_age" : "max_lifetime";
        diagnostics.push(...checkDurationSetting(setting, item.value, "jwt"));
        diagnostics.push(...seen.repeat(setting, `\`${setting}\``, keywordSpan(item.span, setting), `keep one \`${setting}\``));
        break;
      }
      case "JwtAllowNonExpiring":
        diagnostics.push(...seen.repeat("allow_non_expiring", "`allow_non_expiring`", item.span, "remove the repeated `allow_non_expiring`"));
        break;
      default:
        return unreachable(item);
    }
  }
  if (keys === 0) {
    diagnostics.push(
      error("E4003", "jwt clause has no `key`", keywordSpan(clause.span, "jwt"), {
        label: "no verifying key",
        help: "add `key hs256 0x…` (or hs384, hs512, es256, es384, eddsa): mosaik's Jwt validator verifies tokens against at least one key",
      }),
    );
  }
  return diagnostics;
}

/** The same key twice (compared as mosaik holds it, so compressed and uncompressed spellings meet). */
function repeatedKey(seen: SettingOccurrences, item: KeyItem): Diagnostic[] {
  const alg = item.algorithm.name;
  const bytes = literalBytes(item.key);
  if (!bytes || !isJwtAlgorithm(alg)) return [];
  const canonical = `key:${alg}:${toHex(mosaikKeyBytes(alg, bytes))}`;
  return seen.repeat(canonical, `the same ${alg} key`, item.key.span, "remove the repeated key: a key verifies the same tokens however often it is listed");
}

function checkKey(item: KeyItem): Diagnostic[] {
  const alg = item.algorithm.name;
  if (!isJwtAlgorithm(alg)) {
    return [
      error("E4004", `unknown JWT algorithm \`${alg}\``, item.algorithm.span, {
        label: "not an algorithm Smalt accepts",
        help: withSuggestion(didYouMean(alg, JWT_ALGORITHMS), "the algorithms are hs256, hs384, hs512, es256, es384 and eddsa"),
      }),
    ];
  }
  const bytes = literalBytes(item.key);
  if (!bytes || isWellFormedKey(alg, bytes)) return [];
  const { message, help } = describeBadKey(alg, bytes);
  return [error("E4003", message, item.key.span, { label: bytesNoun(bytes.length), help })];
}

function describeBadKey(alg: JwtAlgorithm, bytes: Uint8Array): { message: string; help: string } {
  const n = bytes.length;
  switch (keyFamily(alg)) {
    case "hmac": {
      const want = HMAC_SECRET_LENGTH[alg as keyof typeof HMAC_SECRET_LENGTH];
      const other = (Object.keys(HMAC_SECRET_LENGTH) as (keyof typeof HMAC_SECRET_LENGTH)[]).find((a) => HMAC_SECRET_LENGTH[a] === n);
      const why =
        n < want
          ? `RFC 7518 §3.2 forbids HMAC keys shorter than the hash output (${want} bytes)`
          : `mosaik's ${alg.toUpperCase()} key type holds exactly ${want} bytes, so a longer secret has no mosaik fingerprint`;
      const fix = other ? `; a ${n}-byte secret is a \`${other}\` key` : "";
      return {
        message: `${alg} key has ${bytesNoun(n)}; an ${alg.toUpperCase()} secret is exactly ${want} bytes`,
        help: `${why}: write ${want * 2} hex digits${fix}`,
      };
    }
    case "sec1": {
      const sizes = SEC1_POINT_LENGTH[alg as keyof typeof SEC1_POINT_LENGTH];
      const form = `02/03 ‖ x (${sizes.compressed} bytes) or 04 ‖ x ‖ y (${sizes.uncompressed} bytes)`;
      if (n === sizes.compressed || n === sizes.uncompressed) {
        const prefix = bytes[0].toString(16).padStart(2, "0");
        const expected = n === sizes.compressed ? "0x02 or 0x03" : "0x04";
        return {
          message: `${alg} key of ${bytesNoun(n)} starts with 0x${prefix}; a SEC1 point of that size starts with ${expected}`,
          help: `write the ${curve(alg)} public key as a SEC1 point: ${form}`,
        };
      }
      return {
        message: `${alg} key has ${bytesNoun(n)}; an ${alg.toUpperCase()} public key is a ${sizes.compressed}- or ${sizes.uncompressed}-byte SEC1 point`,
        help: `write the ${curve(alg)} public key as a SEC1 point: ${form}`,
      };
    }
    case "ed25519":
      return {
        message: `eddsa key has ${bytesNoun(n)}; an Ed25519 public key is ${ED25519_KEY_LENGTH} bytes`,
        help:
          n === 64
            ? "64 bytes look like an Ed25519 key pair or signature; write only the 32-byte public key (64 hex digits)"
            : "write the 32-byte Ed25519 public key (64 hex digits)",
      };
  }
}

function curve(alg: JwtAlgorithm): string {
  return alg === "es384" ? "P-384" : "P-256";
}

function checkSubject(lit: StringLit): Diagnostic[] {
  const problems = checkSignatureString("subject", lit, false);
  if (problems.length > 0 || lit.value !== "") return problems;
  return [
    error("E4010", 'subject "" fingerprints like no subject', lit.span, {
      label: "empty",
      help: "mosaik folds an absent subject as \"\"; leave `subject` out to require the bearer's peer id, or name the subject",
    }),
  ];
}

function checkClaim(item: ClaimItem): Diagnostic[] {
  const name = item.name.name;
  const value = item.value;
  if (value.kind === "StringLit") return checkSignatureString(`claim \`${name}\``, value, false);
  if (claimLiteralValue(value) !== undefined) return [];
  const int = integerLiteral(value);
  if (int !== undefined) {
    return [
      error("E4010", `claim \`${name}\` = ${int} is outside JSON's integer range`, value.span, {
        label: "out of range",
        help: "a JSON claim integer runs from -9223372036854775808 to 18446744073709551615; write the value as a string if it is larger",
      }),
    ];
  }
  return [
    error("E4010", `claim \`${name}\` needs a string, integer or boolean literal`, value.span, {
      label: "not a literal",
      help: `mosaik compares the token's JSON claim with a value fixed in the validator: write \`claim ${name} = "gold"\`, \`= 3\` or \`= true\``,
    }),
  ];
}

/** The value of an integer literal, optionally negated; undefined for any other expression. */
function integerLiteral(e: Expr): bigint | undefined {
  if (e.kind === "IntLit") return e.value;
  if (e.kind === "UnaryExpr" && e.op === "-" && e.operand.kind === "IntLit") return -e.operand.value;
  return undefined;
}
