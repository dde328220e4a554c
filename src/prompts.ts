/**
 * Interactive questions, from the generator's prompt data. @clack/prompts is imported only
 * here, and this module only when a person is asked something, so the --yes path never
 * loads a prompt library.
 */
import * as clack from "@clack/prompts";
import { pluginGenerator } from "../generators/plugin.js";
import type { Ask } from "./answers.js";
import { CliError, EXIT } from "./errors.js";

function cancelled(): never {
  clack.cancel("Cancelled: nothing was written.");
  throw new CliError("", EXIT.interrupted);
}

export function intro(): void {
  clack.intro("create-sps-plugin");
}

export const ask: Ask = async (option, defaultValue) => {
  const prompt = pluginGenerator.prompts.find((p) => p.name === option.key);
  if (!prompt) throw new Error(`no prompt for ${option.key}`);
  const validate = (value: string | undefined): string | undefined => {
    const result = prompt.validate(value ?? "");
    return result === true ? undefined : result;
  };
  const answer = prompt.choices
    ? await clack.select({
        message: prompt.message,
        options: prompt.choices.map((c) => ({ value: c.value, label: c.name })),
        initialValue: defaultValue,
      })
    : await clack.text({
        message: prompt.message,
        placeholder: defaultValue || undefined,
        defaultValue,
        validate: (value) => validate(value === "" || value === undefined ? defaultValue : value),
      });
  if (clack.isCancel(answer)) cancelled();
  return answer as string;
};
