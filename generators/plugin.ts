/**
 * The node-plop generator for an SPS plugin project, as data: prompts (Inquirer's shape, which
 * node-plop uses) and `actions(answers)`, the file plan. No fs or process calls here: the
 * CLI's renderer interprets these actions in memory, and a plopfile can run them as they are.
 */
import { PLUGIN_TYPES, type PluginType } from "../src/plugin-types.js";
import { VALUE_OPTIONS, type ValueOption } from "../src/options.js";

/** node-plop's addMany action, limited to the fields this generator uses. */
export interface AddManyAction {
  type: "addMany";
  destination: string;
  /** Template folder, relative to the package root. */
  base: string;
  templateFiles: string;
  stripExtensions: string[];
  globOptions: { dot: boolean };
  abortOnFail: boolean;
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
    validate: (value) => option.check(value) ?? true,
  };
}

export const pluginGenerator = {
  description: "A One Identity Safeguard for Privileged Sessions plugin project",
  prompts: VALUE_OPTIONS.map(toPrompt),
  actions: (answers: { type: PluginType }): AddManyAction[] =>
    PLUGIN_TYPES[answers.type].layers.map((layer) => ({
      type: "addMany",
      destination: "{{directory}}",
      base: `templates/${layer}`,
      templateFiles: `templates/${layer}/**/*`,
      stripExtensions: ["hbs"],
      globOptions: { dot: true },
      abortOnFail: true,
    })),
};
