/**
 * Typed answers: gathering them from flags, defaults and (optionally) prompts, and the values
 * derived from them that templates use. Pure apart from the injected `ask` function.
 */
import { usageError } from "../core/errors.js";
import { VALUE_OPTIONS, optionLabel, type SoFar, type ValueOption } from "./options.js";
import type { PluginType } from "./plugin-types.js";
import { CONTRACT } from "./contract.js";
import { releasesFrom, spsRelease, type SpsRelease } from "./sps-releases.js";
import { toolWheel } from "virtual:sps-templates";
import type { Starter } from "./starters.js";
import { EXAMPLE_VALUES, simulateArguments } from "./example-values.js";
import { toSnakeCase } from "./validate.js";

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
  const problem = option.check(value);
  if (problem === undefined) return;
  const hint = origin && option.flag ? `; pass --${option.flag} to choose another` : "";
  throw usageError(`${optionLabel(option)}${origin}: ${problem}${hint}`);
}

/** Everything a template may use: the answers plus what follows from them. */
export interface TemplateContext {
  name: string;
  packageName: string;
  /** PEP 503-normalised distribution name for pyproject.toml. */
  distName: string;
  type: PluginType;
  /** One flag per starter, for `{{#if minimal}}` blocks. */
  minimal: boolean;
  example: boolean;
  /** One flag per plugin type, for `{{#if aa}}` blocks (Handlebars has no equality test). */
  aa: boolean;
  credentialstore: boolean;
  description: string;
  author: string;
  email: string;
  api: string;
  scbMinVersion: string;
  /** Oldest Python the plugin must run on, e.g. "3.8". */
  python: string;
  spsLabel: string;
  generatorVersion: string;
  /** The worked examples' sample values (src/answers/example-values.ts). */
  examples: typeof EXAMPLE_VALUES;
  /** Arguments `sps_dev simulate` needs for the shipped default.cfg, e.g. an answer. */
  simulateArgs: string;
  /** sps_dev's wheel file name (in tools/) and its version, which the dev tools pin. */
  toolWheel: string;
  toolVersion: string;
  /** The project carries the wheel in tools/ (else it installs the published package). */
  carryWheel: boolean;
  /** update kept edited files of a vendored sps_dev/ that no longer runs: lint skips them. */
  legacyTool: boolean;
  /** CI's verify jobs: each plugin Python of the releases the project claims, with them. */
  verifyMatrix: { python: string; sps: string }[];
}

/** One CI job per plugin Python of the `claimed` releases, with `--sps` flags for each. */
export function verifyMatrix(claimed: SpsRelease[]): { python: string; sps: string }[] {
  const lines = CONTRACT.releases.filter((r) => claimed.includes(r.name));
  const pythons = [...new Set(lines.map((r) => r.python))];
  return pythons.map((python) => ({
    python,
    sps: lines
      .filter((r) => r.python === python)
      .map((r) => `--sps ${r.name}`)
      .join(" "),
  }));
}

/** How a project gets sps_dev: the wheel in tools/ (the default) or the published package. */
export interface ToolChoice {
  carryWheel: boolean;
  legacyTool: boolean;
}
export const DEFAULT_TOOL_CHOICE: ToolChoice = { carryWheel: true, legacyTool: false };

/** sps_dev's version, from its wheel's name (sps_plugin_dev-<version>-py3-none-any.whl). */
export const TOOL_VERSION = toolWheel.file.split("-")[1] ?? "";

export function templateContext(
  answers: Answers,
  generatorVersion: string,
  tool: ToolChoice = DEFAULT_TOOL_CHOICE,
): TemplateContext {
  const release = spsRelease(answers.sps);
  const packageName = toSnakeCase(answers.name);
  return {
    name: answers.name,
    packageName,
    distName: packageName.replace(/_/g, "-"),
    type: answers.type,
    minimal: answers.starter === "minimal",
    example: answers.starter === "example",
    aa: answers.type === "aa",
    credentialstore: answers.type === "credentialstore",
    description: answers.description,
    author: answers.author,
    email: answers.email,
    api: release.api,
    scbMinVersion: release.scbMinVersion,
    python: release.python,
    spsLabel: release.label,
    generatorVersion,
    examples: EXAMPLE_VALUES,
    simulateArgs: simulateArguments(answers.type, answers.starter),
    toolWheel: toolWheel.file,
    toolVersion: TOOL_VERSION,
    carryWheel: tool.carryWheel,
    legacyTool: tool.legacyTool,
    verifyMatrix: verifyMatrix(releasesFrom(answers.sps)),
  };
}
