/**
 * Interactive questions, from the generator's prompt data. @clack/prompts is imported only
 * here, and this module only when a person is asked something, so the --yes path never loads
 * a prompt library. It imports nothing else of ours (types aside), so it is built as an entry
 * of its own (dist/prompts.cjs, see tsup.config.ts) and the --yes path loads a single file.
 */
import * as clack from "@clack/prompts";
import type { PlopPrompt } from "../../generators/plugin.js";

/** Returned instead of an answer when the person cancels (Ctrl-C, Esc). */
export const CANCELLED = Symbol("cancelled");

export function intro(): void {
  clack.intro("create-sps-plugin");
}

export function cancel(): void {
  clack.cancel("Cancelled: nothing was written.");
}

/** One choice among `options` (value, label), or CANCELLED. */
export async function choose(
  message: string,
  options: { value: string; label: string }[],
): Promise<string | typeof CANCELLED> {
  const answer = await clack.select({ message, options });
  return clack.isCancel(answer) ? CANCELLED : (answer as string);
}

/** Asks `prompt`, offering `defaultValue`; validation runs on every submitted value. */
export async function ask(prompt: PlopPrompt, defaultValue: string): Promise<string | typeof CANCELLED> {
  const validate = (value: string | undefined): string | undefined => {
    const result = prompt.validate(value === "" || value === undefined ? defaultValue : value);
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
        validate,
      });
  return clack.isCancel(answer) ? CANCELLED : (answer as string);
}
