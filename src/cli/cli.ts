/** The command line: a readable pipeline of named steps over the pure core. */
import { pluginGenerator } from "../../generators/plugin.js";
import { gatherAnswers, type Ask } from "../answers/answers.js";
import { parseFlags, renderUsage } from "./args.js";
import { CliError, EXIT } from "../core/errors.js";
import { nextSteps } from "./next-steps.js";
import { loadOrgTemplate } from "../render/org-template.js";
import { print, printError, printNotes } from "./output.js";
import { loadPreset } from "../answers/preset.js";
import { composeProject } from "../render/project.js";
import { version as generatorVersion } from "virtual:sps-templates";
import { describePlan, targetObstacle } from "../write/plan.js";
import { transact, type Recording } from "../write/transaction.js";

/**
 * The prompt UI, loaded on first use; it asks the generator's prompts (node-plop's data). The
 * directory is checked as it is answered, before any other question: a file is refused, and
 * for a non-empty folder the person picks --force's behaviour (`chosen.force`) or another folder.
 */
async function loadPrompts(chosen: { force: boolean }): Promise<Ask> {
  const prompts = await import("./prompts.js");
  prompts.intro();
  const answered = <T>(answer: T | typeof prompts.CANCELLED): T => {
    if (answer !== prompts.CANCELLED) return answer;
    prompts.cancel();
    throw new CliError("", EXIT.interrupted);
  };
  return async (option, defaultValue) => {
    const prompt = pluginGenerator.prompts.find((p) => p.name === option.key);
    if (!prompt) throw new Error(`the generator has no prompt for ${option.key}`);
    if (option.key !== "directory") return answered(await prompts.ask(prompt, defaultValue));
    const usable = { ...prompt, validate: (value: string) => usableDirectory(value, prompt.validate(value)) };
    for (;;) {
      const directory = answered(await prompts.ask(usable, defaultValue));
      const obstacle = targetObstacle(directory);
      if (chosen.force || !("blocking" in obstacle) || obstacle.blocking.length === 0) return directory;
      const shown = obstacle.blocking.slice(0, 5).join(", ") + (obstacle.blocking.length > 5 ? ", …" : "");
      const choice = answered(
        await prompts.choose(`${directory} is not empty (${shown})`, [
          { value: "another", label: "Choose another directory" },
          { value: "force", label: "Write into it: replace same-named files, touch nothing else (--force)" },
        ]),
      );
      if (choice === "force") {
        chosen.force = true;
        return directory;
      }
    }
  };
}

/** The directory prompt's check: the flag's rule, then that it is not a file. */
function usableDirectory(value: string, rule: true | string): true | string {
  if (rule !== true) return rule;
  return "notDirectory" in targetObstacle(value) ? `${value} exists and is not a directory` : true;
}

/** `recover [directory]`: replays what killed runs left there (see journal.ts), and no more. */
async function runRecover(dir: string): Promise<void> {
  const applied = await transact(dir, false, async () => ({
    files: new Map(),
    force: true,
    recording: () => ({ kind: "none" }),
    nothing: true,
  }));
  print(applied.notes.length > 0 ? applied.notes.join("\n") : `Nothing to recover in ${dir}.`);
}

async function run(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  const version = generatorVersion;
  if (flags.help) return void print(renderUsage(version));
  if (flags.version) return void print(version);
  // Loaded when run: a new project's path never reads them.
  if (flags.command === "update") return (await import("../update/update.js")).runUpdate(flags, version);
  if (flags.command === "adopt") return (await import("../update/adopt.js")).runAdopt(flags, version);
  if (flags.command === "recover") return runRecover(flags.given.directory ?? ".");

  // Precedence: flags > preset > built-in defaults.
  const preset = flags.preset === undefined ? undefined : loadPreset(flags.preset);
  const flagged = Object.fromEntries(Object.entries(flags.given).filter(([, value]) => value !== undefined));
  const interactive = !flags.yes && process.stdin.isTTY === true;
  const chosen = { force: flags.force };
  const answers = await gatherAnswers(
    { ...preset?.values, ...flagged },
    { yes: flags.yes, ...(interactive && { ask: await loadPrompts(chosen) }) },
  );
  if (preset?.licenseHeader) answers.licenseHeader = preset.licenseHeader;
  const templateDir = flags.template ?? preset?.template;
  const org = templateDir === undefined ? undefined : await loadOrgTemplate(templateDir);
  const files = composeProject(answers, version, org);
  const target = answers.directory;
  // Loaded only when used: child_process alone costs a fair part of a --no-git run's start-up.
  const git = flags.git && !flags.dryRun ? await import("../write/git.js") : undefined;
  const applied = await transact(
    target,
    flags.dryRun,
    async () => ({
      files,
      force: chosen.force,
      // A new repository is made in the staging folder, inside the write's transaction; in an
      // existing folder or work tree the generation is recorded once the files are in place.
      recording: (plan): Recording =>
        git === undefined
          ? { kind: "none" }
          : !plan.exists && !git.aboveIsWorkTree(plan.target)
            ? { kind: "first-commit", git }
            : { kind: "record", git, version },
      announce: (plan) => {
        if (plan.replaced.length > 0)
          print(
            `Replacing ${plan.replaced.length} file(s); until the run ends, their old copies wait in ${plan.target}/.create-sps-plugin-journal-${process.pid}/ (if it is killed: create-sps-plugin recover ${target})`,
          );
      },
    }),
    printNotes,
  );
  if (flags.dryRun) return void print(describePlan(applied.plan, files));
  if (applied.warning) printError(`warning: ${applied.warning}`);
  print(`Created ${answers.name} (${answers.type}) in ${applied.plan.target}: ${files.size} files.`);
  print(
    `\n${nextSteps(answers.directory, process.cwd(), process.env.npm_config_user_agent, answers.type, answers.starter)}`,
  );
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
