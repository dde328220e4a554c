/**
 * The library surface: what the plop pack (src/cli/plop.ts) and other programs build on,
 * apart from the command line. Generating runs the same write transaction as the CLI
 * (write/transaction.ts): lock, replay of a killed run, the one path check, the atomic write.
 */
import { pluginGenerator, PROJECT_ACTION } from "../generators/plugin.js";
import { gatherAnswers } from "./answers/answers.js";
import { composeProject } from "./render/project.js";
import { version as generatorVersion } from "virtual:sps-templates";
import type { FileMap } from "./core/files.js";
import { printNotes } from "./cli/output.js";
import { transact } from "./write/transaction.js";

/** Writes a generated project into `target` (which must be new or empty); returns its path. */
export async function writeGenerated(target: string, files: FileMap): Promise<string> {
  const applied = await transact(
    target,
    false,
    async () => ({ files, force: false, recording: () => ({ kind: "none" }) }),
    printNotes,
  );
  return applied.plan.target;
}

export { composeProject, gatherAnswers, generatorVersion, pluginGenerator, PROJECT_ACTION };
