/**
 * The whole generated project: the built-in template, an organisation template over it, the
 * organisation's licence header, and the answers file that records all of it.
 */
import { answersFileContent } from "./answers-file.js";
import { ANSWERS_FILE } from "../core/record.js";
import type { Answers } from "../answers/answers.js";
import { templateContext } from "../answers/context.js";
import { DEFAULT_TOOL_CHOICE, TOOL_WHEEL_PATH, type ToolChoice } from "./tool-wheel.js";
import { toolWheelContents } from "./read-tool-wheel.js";
import type { OrgTemplate } from "./org-template.js";
import { usageError } from "../core/errors.js";
import { renderLayer, sorted, type FileMap, type TextMap } from "./render.js";
import { layersOf } from "../answers/starters.js";

/** `# ` comment lines after any shebang line, so main.py keeps its first line. */
export function withHeader(contents: string, header: string): string {
  const comment = header
    .split("\n")
    .map((line) => `# ${line}`.trimEnd())
    .join("\n");
  if (!contents.startsWith("#!")) return `${comment}\n${contents}`;
  const end = contents.indexOf("\n") + 1;
  return `${contents.slice(0, end)}${comment}\n${contents.slice(end)}`;
}

export function composeProject(
  answers: Answers,
  version: string,
  org?: OrgTemplate,
  tool: ToolChoice = DEFAULT_TOOL_CHOICE,
): FileMap {
  const files: FileMap = renderProject(answers, version, tool);
  // sps_dev comes as its wheel, one file the project's dev requirements install offline.
  if (tool.carryWheel) files.set(TOOL_WHEEL_PATH, toolWheelContents());
  if (org)
    for (const [file, contents] of org.render(templateContext(answers, version, tool)))
      files.set(file, contents);
  if (answers.licenseHeader) {
    for (const [file, contents] of files) {
      if (file.endsWith(".py") && typeof contents === "string" && contents !== "")
        files.set(file, withHeader(contents, answers.licenseHeader));
    }
  }
  refuseCollisions(files, org?.dir);
  files.set(ANSWERS_FILE, answersFileContent(answers, version, sorted(files), org?.dir, tool));
  return sorted(files);
}

/** A path that is a file in one layer and a folder in another can be written neither way. */
function refuseCollisions(files: FileMap, orgDir: string | undefined): void {
  for (const file of files.keys()) {
    const parts = file.split("/");
    for (let depth = 1; depth < parts.length; depth += 1) {
      const folder = parts.slice(0, depth).join("/");
      if (files.has(folder)) {
        const where = orgDir ? `--template: ${orgDir}` : "the templates";
        throw usageError(`${where}: ${folder} is a file, but ${file} needs it to be a folder`);
      }
    }
  }
}

/**
 * The built-in template in memory: the layers of the type's starter, one over the other.
 * @example renderProject(answers, "0.1.0").get("MANIFEST")
 */
export function renderProject(
  answers: Answers,
  generatorVersion: string,
  tool: ToolChoice = DEFAULT_TOOL_CHOICE,
): TextMap {
  const context = templateContext(answers, generatorVersion, tool);
  const files: TextMap = new Map();
  for (const layer of layersOf(answers.type, answers.starter)) {
    for (const [target, contents] of renderLayer(`templates/${layer}`, context)) {
      if (files.has(target))
        throw new Error(`template ${layer}: ${target} is already produced by another layer`);
      files.set(target, contents);
    }
  }
  return sorted(files);
}
