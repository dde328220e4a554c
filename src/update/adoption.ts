/**
 * `adopt`, the pure part: what an existing plugin's files say about it, and the files the
 * standard adds around it (sps_dev's wheel, editor settings, a CI workflow, a README).
 * Nothing here reads or writes the disk; src/update/adopt.ts does.
 */
import { answersFileContent } from "../render/answers-file.js";
import { ANSWERS_FILE } from "../core/record.js";
import type { Answers } from "../answers/answers.js";
import { usageError } from "../core/errors.js";
import type { PluginType } from "../answers/plugin-types.js";
import { renderLayer, sorted, type FileMap } from "../render/render.js";
import { CONTRACT } from "../answers/contract.js";
import { claimedReleases, releasesFrom, DEFAULT_SPS_RELEASE } from "../answers/sps-releases.js";
import { SPS_NAME_RE } from "../answers/validate.js";
import { manifestAmbiguity, manifestFields, pipfileSection } from "./plugin-files.js";
import { DEFAULT_STARTER } from "../answers/starters.js";
import { verifyMatrix } from "../answers/context.js";
import { DEFAULT_TOOL_CHOICE, TOOL_VERSION, TOOL_WHEEL_PATH, type ToolChoice } from "../render/tool-wheel.js";
import { toolWheelContents } from "../render/read-tool-wheel.js";

/** What adopt inferred, recorded so that `update` renders the same files again. */
export interface Adopted {
  /** The Python the CI runs the plugin's tests and tools on. */
  python: string;
  /** The Plugin SDK requirement when the plugin is built on it (pip's form); else "". */
  sdk: string;
  /** The plugin keeps its environment in a Pipfile (the vendor's layout). */
  pipfile: boolean;
  /** requirements files to install, when there is no Pipfile. */
  requirements: string[];
  /** Test folders, relative to the plugin. */
  tests: string[];
  /** The SPS release lines the MANIFEST claims, oldest first (records before 0.3 lack it:
   * the lines from answers.sps on). */
  claims?: string[];
}

export interface AdoptedPlugin {
  answers: Omit<Answers, "directory">;
  adopted: Adopted;
}

/** What adopt needs to see of the plugin's files: their paths and a few small texts. */
export interface PluginFiles {
  manifest: string;
  /** Files and folders below the plugin (relative, "/"-separated), without VCS or venvs. */
  paths: string[];
  pipfile?: string;
  /** Whether any Python file of the plugin imports the Plugin SDK. */
  importsSdk: boolean;
}

// SPS's MANIFEST rules (the SDK's validator, which mirrors SPS's own upload check).
const API = /^1(?:\.(\d+))?(?:\.\d+)?$/;
const SDK = CONTRACT.sdk.distribution;

function sdkRequirement(files: PluginFiles, apiMinor: number): string {
  for (const line of pipfileSection(files.pipfile ?? "", "dev-packages")) {
    const match = /^"?([\w.-]+)"?\s*=\s*"([^"]*)"/.exec(line);
    if (match && match[1]?.toLowerCase().replace(/[-_.]+/g, "-") === SDK)
      return match[2] === "*" || !match[2] ? SDK : `${SDK}${match[2]}`;
  }
  return files.importsSdk ? `${SDK}~=1.${apiMinor}.0` : "";
}

/**
 * The plugin as adopt records it. Values come from the MANIFEST and are held to SPS's rules
 * (not to the stricter defaults of new projects); a folder without a MANIFEST, or with one SPS
 * would refuse, is a usage error naming the field.
 */
export function inspectPlugin(dir: string, files: PluginFiles): AdoptedPlugin {
  const ambiguity = manifestAmbiguity(files.manifest);
  if (ambiguity)
    throw usageError(
      `[directory]: ${dir}/MANIFEST: ${ambiguity}; SPS's YAML would read it otherwise than it looks`,
    );
  const fields = manifestFields(files.manifest);
  const bad = (field: string, rule: string): never => {
    throw usageError(
      `[directory]: ${dir}/MANIFEST ${field}: ${rule}; adopt takes the plugin as SPS accepts it`,
    );
  };
  const name = fields.name ?? "";
  if (!SPS_NAME_RE.test(name))
    bad("name", `${JSON.stringify(name)} must start with a letter, then letters, digits or _`);
  const type = fields.type ?? "";
  if (type !== "aa" && type !== "credentialstore")
    bad("type", `${JSON.stringify(type)}: adopt takes aa and credentialstore plugins`);
  const api = API.exec(fields.api ?? "");
  if (!api) bad("api", `${JSON.stringify(fields.api ?? "")} is not a 1.x plugin API version`);
  const apiMinor = Number(api?.[1] ?? 0);
  const claims = claimedReleases(apiMinor, fields.scb_min_version, fields.scb_max_version);
  if (claims.length === 0)
    bad(
      "scb_min_version/scb_max_version",
      `api 1.${apiMinor} from ${fields.scb_min_version ?? "any"} to ${fields.scb_max_version ?? "any"} claims no SPS release this tool knows`,
    );
  const pythonPin = pipfileSection(files.pipfile ?? "", "requires")
    .map((line) => /^python_version\s*=\s*"(\d+\.\d+)"/.exec(line)?.[1])
    .find(Boolean);
  const tests = files.paths.filter((p) => /(^|\/)tests?$/.test(p) && p.split("/").length <= 3).sort();
  return {
    answers: {
      type: type as PluginType,
      // Not used: adopt renders templates/adopt only; recorded because every answers file has one.
      starter: DEFAULT_STARTER,
      name,
      description: fields.description ?? "",
      author: fields.author_name ?? "",
      email: fields.author_email ?? "",
      sps: claims[0] ?? DEFAULT_SPS_RELEASE,
    },
    adopted: {
      // The tools need 3.8 or newer, and the CI's Python set-up offers nothing older: an older
      // pin (the vendor's SPS 6 plugins say 3.6) runs the tools on 3.8.
      python: pythonPin && Number(pythonPin.split(".")[1]) >= 8 ? pythonPin : apiMinor >= 9 ? "3.12" : "3.8",
      sdk: sdkRequirement(files, apiMinor),
      pipfile: files.pipfile !== undefined,
      requirements: files.pipfile
        ? []
        : ["requirements.txt", "requirements-dev.txt"].filter((f) => files.paths.includes(f)),
      // Nested test folders only where no outer one holds them: pytest collects below.
      tests: tests.filter((t) => !tests.some((outer) => t !== outer && t.startsWith(`${outer}/`))),
      claims,
    },
  };
}

/** Everything adopt adds, the answers file aside (it lists what was really written). */
export function composeAdoption(
  { answers, adopted }: AdoptedPlugin,
  version: string,
  tool: ToolChoice = DEFAULT_TOOL_CHOICE,
): FileMap {
  const files: FileMap = renderLayer("templates/base", {}, (path) => path === "_editorconfig");
  if (tool.carryWheel) files.set(TOOL_WHEEL_PATH, toolWheelContents());
  const [major = 3, minor = 8] = adopted.python.split(".").map(Number);
  const matrix = verifyMatrix(adopted.claims ?? releasesFrom(answers.sps));
  const context = {
    ...answers,
    ...adopted,
    aa: answers.type === "aa",
    generatorVersion: version,
    oldPython: major === 3 && minor < 9,
    run: adopted.pipfile ? "pipenv run " : "",
    carryWheel: tool.carryWheel,
    toolVersion: TOOL_VERSION,
    // SPS 6's Python 3.6 gets a container job of its own: the CI's Python set-up has none.
    verifyMatrix: matrix.filter((job) => job.python !== "3.6"),
    verifyLegacy: matrix.find((job) => job.python === "3.6"),
  };
  for (const [file, contents] of renderLayer("templates/adopt", context)) files.set(file, contents);
  return sorted(files);
}

/** The answers file of an adoption: the plugin's values, what was inferred, what was added. */
export function adoptionRecord(
  plugin: AdoptedPlugin,
  version: string,
  added: FileMap,
  tool: ToolChoice = DEFAULT_TOOL_CHOICE,
): string {
  return answersFileContent(
    { directory: ".", ...plugin.answers },
    version,
    added,
    undefined,
    tool,
    plugin.adopted,
  );
}

/**
 * What `update` manages in an adopted plugin: the files adopt added (recorded in `managed`)
 * and sps_dev's wheel, never the plugin's own; with the answers file that lists them.
 */
export function adoptionFiles(
  plugin: AdoptedPlugin,
  version: string,
  managed: Set<string>,
  tool: ToolChoice = DEFAULT_TOOL_CHOICE,
): FileMap {
  const files: FileMap = new Map(
    [...composeAdoption(plugin, version, tool)].filter(
      ([file]) => managed.has(file) || file === TOOL_WHEEL_PATH,
    ),
  );
  files.set(ANSWERS_FILE, adoptionRecord(plugin, version, files, tool));
  return sorted(files);
}
