// Command-line flags for one command, parsed with node:util's parseArgs in strict mode;
// its exceptions become plain usage messages (exit 2), never stack traces.
import { parseArgs } from "node:util";

export interface FlagSpec {
  readonly type: "boolean" | "string";
  /** Allowed values of a string flag. */
  readonly values?: readonly string[];
  readonly short?: string;
}

export type ParsedArgs =
  | { readonly ok: true; readonly flags: Readonly<Record<string, string | boolean | undefined>>; readonly positionals: readonly string[] }
  | { readonly ok: false; readonly message: string };

export function parseCommandArgs(command: string, argv: readonly string[], spec: Readonly<Record<string, FlagSpec>>): ParsedArgs {
  const options: Record<string, { type: "boolean" | "string"; short?: string }> = {};
  for (const [name, flag] of Object.entries(spec)) options[name] = { type: flag.type, ...(flag.short ? { short: flag.short } : {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    return { ok: false, message: describeParseError(command, e) };
  }
  for (const [name, flag] of Object.entries(spec)) {
    const value = parsed.values[name];
    if (flag.values && typeof value === "string" && !flag.values.includes(value)) {
      return { ok: false, message: `\`--${name}\` must be ${flag.values.map((v) => `\`${v}\``).join(" or ")}, not \`${value}\`` };
    }
  }
  return { ok: true, flags: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

function describeParseError(command: string, e: unknown): string {
  const err = e as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(err.message ?? "")?.[1] ?? "";
  switch (err.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown flag \`${quoted}\` for \`smalt ${command}\``;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(err.message ?? "")
        ? `\`${quoted.split(" ")[0]}\` needs a value`
        : `\`${quoted}\` does not take a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument \`${quoted}\` for \`smalt ${command}\``;
    default:
      throw e;
  }
}
