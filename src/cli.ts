/** The command line: a readable pipeline of named steps over the pure core. */
import path from "node:path";
import { pluginGenerator } from "../generators/plugin.js";
import { gatherAnswers, type Ask } from "./answers.js";
import { parseFlags, renderUsage } from "./args.js";
import { CliError, EXIT } from "./errors.js";
import { nextSteps } from "./next-steps.js";
import { renderProject } from "./render.js";
import { version as generatorVersion } from "virtual:sps-templates";
import { describePlan, planWrite, writeProject } from "./write.js";

/** The prompt UI, loaded on first use; it asks the generator's prompts (node-plop's data). */
async function loadPrompts(): Promise<Ask> {
  const prompts = await import("./prompts.js");
  prompts.intro();
  return async (option, defaultValue) => {
    const prompt = pluginGenerator.prompts.find((p) => p.name === option.key);
    if (!prompt) throw new Error(`the generator has no prompt for ${option.key}`);
    const answer = await prompts.ask(prompt, defaultValue);
    if (answer === prompts.CANCELLED) {
      prompts.cancel();
      throw new CliError("", EXIT.interrupted);
    }
    return answer;
  };
}

async function run(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  const version = generatorVersion;
  if (flags.help) return void console.log(renderUsage(version));
  if (flags.version) return void console.log(version);

  const interactive = !flags.yes && process.stdin.isTTY === true;
  const answers = await gatherAnswers(flags.given, {
    yes: flags.yes,
    ...(interactive && { ask: await loadPrompts() }),
  });
  const files = renderProject(answers, version);
  const plan = planWrite(answers.directory, files, { force: flags.force });
  if (flags.dryRun) return void console.log(describePlan(plan, files));
  const target = plan.target;
  // Loaded only when used: child_process alone costs a fair part of a --no-git run's start-up.
  const git = flags.git ? await import("./git.js") : undefined;
  const parentInRepo = git?.insideWorkTree(path.dirname(target)) ?? true;
  await writeProject(plan, files);

  console.log(`Created ${answers.name} (${answers.type}) in ${target}: ${files.size} files.`);
  if (git && !parentInRepo) {
    const warning = git.initRepository(target);
    if (warning) console.warn(`warning: ${warning}`);
  }
  console.log(`\n${nextSteps(answers.directory, process.cwd(), process.env.npm_config_user_agent)}`);
}

/** Entry point of the bin: turns every outcome into a message and an exit code. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  try {
    await run(argv);
  } catch (error) {
    if (error instanceof CliError) {
      if (error.message) console.error(`create-sps-plugin: ${error.message}`);
      process.exitCode = error.exitCode;
      return;
    }
    console.error(`create-sps-plugin: unexpected error: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = EXIT.failure;
  }
}
