/**
 * The node-plop generator for an SPS plugin project, as it runs: prompts (Inquirer's shape,
 * which node-plop uses) and one action of a custom type, `sps-plugin-project`. No fs or
 * process calls here.
 *
 * The action is a custom type, declared as such, not node-plop's addMany: that one would
 * HTML-escape values, miss the dotfile renames and write file by file, leaving half a project
 * on failure. Its handler renders the type's template layers (src/answers/plugin-types.ts) with this
 * package's renderer and writes them with its atomic writer: src/cli/plop.ts registers it with
 * plop, and the CLI runs the same steps (composeProject, then writeProject).
 */
import { VALUE_OPTIONS, type ValueOption } from "../src/answers/options.js";
import { ANSWER_CHECKS } from "../src/answers/validate.js";

/** The custom action type: the whole project, rendered in memory and written at once. */
export const PROJECT_ACTION = "sps-plugin-project";

export interface ProjectAction {
  type: typeof PROJECT_ACTION;
  /** Answers that override the prompts' (a team's generator may fix the type, say). */
  data?: Record<string, string>;
}

/** An Inquirer question as node-plop declares prompts. */
export interface PlopPrompt {
  type: "input" | "list";
  name: ValueOption["key"];
  message: string;
  choices?: { name: string; value: string }[];
  default: (answers: Record<string, string | undefined>) => string;
  validate: (value: string) => true | string;
}

function toPrompt(option: ValueOption): PlopPrompt {
  return {
    type: option.choices ? "list" : "input",
    name: option.key,
    message: option.message,
    ...(option.choices && {
      choices: option.choices.map((c) => ({ name: c.label, value: c.value })),
    }),
    default: (answers) => option.default(answers),
    validate: (value) => ANSWER_CHECKS[option.key](value) ?? true,
  };
}

export const pluginGenerator = {
  description: "A One Identity Safeguard for Privileged Sessions plugin project",
  prompts: VALUE_OPTIONS.map(toPrompt),
  actions: [{ type: PROJECT_ACTION }] as ProjectAction[],
};
