/** The command line: parses the flags and dispatches to one file per command; the only place
 * that turns an outcome into a message and an exit code. */
import { parseFlags, renderUsage } from "./args.js";
import { CliError, EXIT } from "../core/errors.js";
import { printError, print } from "./output.js";
import { version as generatorVersion } from "virtual:sps-templates";
import { runCreate } from "./create.js";
import { runRecover } from "./recover.js";

async function run(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  const version = generatorVersion;
  if (flags.help) return void print(renderUsage(version));
  if (flags.version) return void print(version);
  // Loaded when run: a new project's path never reads them.
  if (flags.command === "update") return (await import("../update/update.js")).runUpdate(flags, version);
  if (flags.command === "adopt") return (await import("../update/adopt.js")).runAdopt(flags, version);
  if (flags.command === "recover") return runRecover(flags.given.directory ?? ".");
  return runCreate(flags, version);
}

/** Entry point of the bin: turns every outcome into a message and an exit code. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  try {
    await run(argv);
  } catch (error) {
    if (error instanceof CliError) {
      if (error.message) printError(`create-sps-plugin: ${error.message}`);
      process.exitCode = error.exitCode;
    } else {
      printError(`create-sps-plugin: unexpected error: ${(error as Error).stack ?? String(error)}`);
      process.exitCode = EXIT.failure;
    }
  }
}
