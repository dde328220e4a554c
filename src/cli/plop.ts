/**
 * The plop pack: `plop.load("create-sps-plugin")` in a team's plopfile brings in the
 * `sps-plugin` generator (the same prompts as the CLI) and its action type, so teams can run
 * it with plop, extend it, or add their own generators next to it.
 *
 * The generator's one action is a custom type (see generators/plugin.ts); this registers its
 * handler: this package's renderer and atomic writer, as the CLI runs them.
 */
import path from "node:path";
import type { NodePlopAPI } from "node-plop";
// Bundled as a thin file over dist/cli.cjs (see tsup.config.ts): one copy of the core, and the
// CLI's --yes path still loads a single module.
import {
  composeProject,
  gatherAnswers,
  generatorVersion,
  pluginGenerator,
  PROJECT_ACTION,
  writeGenerated,
} from "../library.js";

export const ACTION_TYPE = PROJECT_ACTION;

export default function plopPack(plop: NodePlopAPI): void {
  plop.setDefaultInclude({ generators: true, actionTypes: true });
  plop.setActionType(ACTION_TYPE, async (answers, config) => {
    // A team's generator can fix answers in the action's `data` (e.g. { type: "aa" }).
    const merged = { ...answers, ...(config?.data as Record<string, unknown> | undefined) };
    const given = Object.fromEntries(Object.entries(merged).map(([key, value]) => [key, String(value)]));
    // Same checks as the CLI; plop has already asked, so what is missing takes the default.
    const complete = await gatherAnswers(given, { yes: true });
    const files = composeProject(complete, generatorVersion);
    const target = await writeGenerated(path.resolve(plop.getDestBasePath(), complete.directory), files);
    return `${complete.name} (${complete.type}): ${files.size} files in ${target}`;
  });
  plop.setGenerator("sps-plugin", {
    description: pluginGenerator.description,
    prompts: pluginGenerator.prompts,
    actions: pluginGenerator.actions,
  });
}
