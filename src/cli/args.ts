/** Command-line parsing and the help text, both built from the option table. */
import util, { type ParseArgsConfig } from "node:util";
import { usageError } from "../core/errors.js";
import { PATH_OPTIONS, SWITCHES, VALUE_OPTIONS, type SoFar } from "../answers/options.js";

export interface Flags {
  /** `update`, `adopt` or `recover` when the first word is one (a folder of that name: ./update). */
  command: "create" | "update" | "adopt" | "recover";
  given: SoFar;
  preset?: string;
  template?: string;
  base?: string;
  restore: boolean;
  /** update: commit what it wrote, in one commit. */
  commit: boolean;
  yes: boolean;
  git: boolean;
  force: boolean;
  dryRun: boolean;
  help: boolean;
  version: boolean;
}

const parseOptions: NonNullable<ParseArgsConfig["options"]> = {};
for (const option of VALUE_OPTIONS) {
  if (option.flag)
    parseOptions[option.flag] = { type: "string", ...(option.short && { short: option.short }) };
}
for (const option of PATH_OPTIONS) parseOptions[option.flag] = { type: "string" };
for (const sw of SWITCHES) {
  parseOptions[sw.flag] = { type: "boolean", ...("short" in sw && { short: sw.short }) };
}

/** @example parseFlags(["my-vault", "-t", "credentialstore", "--yes"]) */
export function parseFlags(argv: string[]): Flags {
  let parsed: ReturnType<typeof util.parseArgs>;
  try {
    parsed = util.parseArgs({ args: argv, options: parseOptions, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages already name the flag ("Unknown option '--nmae'").
    throw usageError(`${(error as Error).message.split(". ")[0]}; see --help`);
  }
  const { values } = parsed;
  const first = parsed.positionals[0];
  const command = first === "update" || first === "adopt" || first === "recover" ? first : "create";
  const positionals = command === "create" ? parsed.positionals : parsed.positionals.slice(1);
  if (positionals.length > 1) {
    throw usageError(
      `[directory]: expected one directory, got ${positionals.length}: ${positionals.join(" ")}`,
    );
  }
  const given: Record<string, string | undefined> = { directory: positionals[0] };
  for (const option of VALUE_OPTIONS) {
    if (option.flag) given[option.key] = values[option.flag] as string | undefined;
  }
  const text = (flag: string): string | undefined => values[flag] as string | undefined;
  return {
    command,
    given,
    ...(text("preset") !== undefined && { preset: text("preset") }),
    ...(text("template") !== undefined && { template: text("template") }),
    ...(text("base") !== undefined && { base: text("base") }),
    restore: values.restore === true,
    commit: values.commit === true,
    yes: values.yes === true,
    git: values["no-git"] !== true,
    force: values.force === true,
    dryRun: values["dry-run"] === true,
    help: values.help === true,
    version: values.version === true,
  };
}

/** The --help text. */
export function renderUsage(version: string): string {
  const rows: [string, string][] = [];
  for (const option of VALUE_OPTIONS) {
    if (!option.flag) continue;
    const names = option.short ? `-${option.short}, --${option.flag}` : `    --${option.flag}`;
    rows.push([`${names} ${option.valueHint}`, option.help]);
  }
  for (const option of PATH_OPTIONS) rows.push([`    --${option.flag} ${option.valueHint}`, option.help]);
  for (const sw of SWITCHES) {
    rows.push([`${"short" in sw ? `-${sw.short}, ` : "    "}--${sw.flag}`, sw.help]);
  }
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    `create-sps-plugin ${version}: start a One Identity Safeguard for Privileged Sessions plugin`,
    "",
    "Usage: create-sps-plugin [directory] [options]",
    "       create-sps-plugin update [directory] [--force] [--dry-run] [--restore] [--commit] [--base <dir>]",
    "       create-sps-plugin adopt [directory] [--dry-run] [--no-git]",
    "       create-sps-plugin recover [directory]",
    "",
    "Options:",
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    "",
    "Without --yes, a terminal asks for whatever is missing; without a terminal, [directory] and",
    "--type must be given (or come from --preset). update brings a generated project up to this",
    "version's templates, merging your edits. adopt adds the standard's tools, CI and settings",
    "around an existing plugin (its MANIFEST's folder) and changes none of its files. recover puts",
    "back what a killed run replaced (any later run there does it first too). Exit codes:",
    "0 done, 1 failure (or update conflicts), 2 bad usage or input (nothing written), 130",
    "cancelled.",
  ].join("\n");
}
