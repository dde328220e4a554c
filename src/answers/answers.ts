/**
 * Typed answers: gathering them from flags, defaults and (optionally) prompts, and the values
 * derived from them that templates use. Pure apart from the injected `ask` function.
 */
import { usageError } from "../core/errors.js";
import { VALUE_OPTIONS, optionLabel, type SoFar, type ValueOption } from "./options.js";
import { ANSWER_CHECKS } from "./validate.js";
import type { PluginType } from "./plugin-types.js";
import type { SpsRelease } from "./sps-releases.js";
import type { Starter } from "./starters.js";

export interface Answers {
  directory: string;
  type: PluginType;
  /** The worked example or typed hook stubs. */
  starter: Starter;
  /** MANIFEST name. */
  name: string;
  description: string;
  /** Empty when not given: the MANIFEST then leaves the field out. */
  author: string;
  email: string;
  sps: SpsRelease;
  /** Organisation licence header (from a preset), prepended as comments to every Python file. */
  licenseHeader?: string;
}

/** Asks one question; gets the default to offer and returns the (validated) answer. */
export type Ask = (option: ValueOption, defaultValue: string) => Promise<string>;

export interface GatherMode {
  /** --yes: take the default for everything not given. */
  yes: boolean;
  /** Present only when a person can be asked (stdin is a TTY). */
  ask?: Ask;
}

/**
 * Fills in every answer. Given values are checked first, all of them, so a bad flag fails
 * before the first prompt. Without --yes and without a terminal, a missing required value is
 * an error naming the flags to pass; this never waits for input.
 */
export async function gatherAnswers(given: SoFar, mode: GatherMode): Promise<Answers> {
  for (const option of VALUE_OPTIONS) {
    const value = given[option.key];
    if (value !== undefined) failIfInvalid(option, value, "");
  }
  if (!mode.yes && !mode.ask) {
    const missing = VALUE_OPTIONS.filter((o) => o.required && given[o.key] === undefined);
    if (missing.length > 0) {
      const names = missing.map(optionLabel).join(" and ");
      throw usageError(
        `missing ${names}: there is no terminal to ask, so pass ${missing.length > 1 ? "them" : "it"}, or --yes to accept the defaults`,
      );
    }
  }
  const so: Record<string, string | undefined> = { ...given };
  for (const option of VALUE_OPTIONS) {
    if (so[option.key] !== undefined) continue;
    const fallback = option.default(so);
    const value = !mode.yes && mode.ask ? await mode.ask(option, fallback) : fallback;
    failIfInvalid(option, value, " (the default)");
    so[option.key] = value;
  }
  return {
    directory: so.directory as string,
    type: so.type as PluginType,
    starter: so.starter as Starter,
    name: so.name as string,
    description: so.description as string,
    author: so.author as string,
    email: so.email as string,
    sps: so.sps as SpsRelease,
  };
}

function failIfInvalid(option: ValueOption, value: string, origin: string): void {
  const problem = ANSWER_CHECKS[option.key](value);
  if (problem === undefined) return;
  const hint = origin && option.flag ? `; pass --${option.flag} to choose another` : "";
  throw usageError(`${optionLabel(option)}${origin}: ${problem}${hint}`);
}

export { templateContext, verifyMatrix, type TemplateContext } from "./context.js";
export { DEFAULT_TOOL_CHOICE, TOOL_VERSION, type ToolChoice } from "../render/tool-wheel.js";
