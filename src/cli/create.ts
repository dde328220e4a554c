/** `create-sps-plugin [directory]`: gather the answers, compose the project, apply it in one
 * write transaction, report. */
import { gatherAnswers } from "../answers/answers.js";
import type { Flags } from "./args.js";
import { loadOrgTemplate } from "../render/org-template.js";
import { print, printError, printNotes } from "./output.js";
import { loadPreset } from "../answers/preset.js";
import { composeProject } from "../render/project.js";
import { describePlan } from "../write/plan.js";
import { transact, type Recording } from "../write/transaction.js";
import { nextSteps } from "./next-steps.js";
import { pluginGenerator } from "../../generators/plugin.js";
import type { Ask } from "../answers/answers.js";
import { CliError, EXIT } from "../core/errors.js";
import { targetObstacle } from "../write/plan.js";

export async function runCreate(flags: Flags, version: string): Promise<void> {
  // Gather. Precedence: flags > preset > built-in defaults.
  const preset = flags.preset === undefined ? undefined : loadPreset(flags.preset);
  const flagged = Object.fromEntries(Object.entries(flags.given).filter(([, value]) => value !== undefined));
  const interactive = !flags.yes && process.stdin.isTTY === true;
  const chosen = { force: flags.force };
  // The prompt UI itself is loaded only for a person at a terminal.
  const ask = interactive ? await loadPrompts(chosen) : undefined;
  const answers = await gatherAnswers(
    { ...preset?.values, ...flagged },
    { yes: flags.yes, ...(ask && { ask }) },
  );
  if (preset?.licenseHeader) answers.licenseHeader = preset.licenseHeader;
  const templateDir = flags.template ?? preset?.template;
  const org = templateDir === undefined ? undefined : await loadOrgTemplate(templateDir);

  // Compose.
  const files = composeProject(answers, version, org);
  const target = answers.directory;

  // Apply. Git is loaded only when used: child_process alone costs a fair part of a --no-git
  // run's start-up.
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

  // Report.
  if (flags.dryRun) return void print(describePlan(applied.plan, files));
  if (applied.warning) printError(`warning: ${applied.warning}`);
  print(`Created ${answers.name} (${answers.type}) in ${applied.plan.target}: ${files.size} files.`);
  print(
    `\n${nextSteps(answers.directory, process.cwd(), process.env.npm_config_user_agent, answers.type, answers.starter)}`,
  );
}

/**
 * The questions put to a person at a terminal: the generator's prompts (node-plop's data),
 * asked by the prompt UI, which is loaded on first use. The directory is checked as it is
 * answered, before any other question: a file is refused, and for a non-empty folder the
 * person picks --force's behaviour (`chosen.force`) or another folder.
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
