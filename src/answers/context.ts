/**
 * What every template sees: the answers, and what they imply (names, the SPS release's
 * values, the tool, CI's verify matrix). Kept apart from gathering the answers, so that
 * rendering does not load the prompts' options.
 */
import type { Answers } from "./answers.js";
import { CONTRACT } from "./contract.js";
import { releasesFrom, spsRelease, type SpsRelease } from "./sps-releases.js";
import { toolWheel } from "virtual:sps-templates";
import type { PluginType } from "./plugin-types.js";
import { EXAMPLE_VALUES, simulateArguments } from "./example-values.js";
import { toSnakeCase } from "./names.js";
import { DEFAULT_TOOL_CHOICE, TOOL_VERSION, type ToolChoice } from "../render/tool-wheel.js";
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
