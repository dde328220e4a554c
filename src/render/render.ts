/**
 * The pure core: answers in, a map of project-relative paths to file contents out. Nothing here
 * writes or reads files: templates arrive precompiled in `virtual:sps-templates`.
 */
import Handlebars from "handlebars/runtime";
import { layers, pathSegments } from "virtual:sps-templates";
import { layersOf } from "../answers/starters.js";
import { DEFAULT_TOOL_CHOICE, templateContext, type Answers, type ToolChoice } from "../answers/answers.js";
import { iniComment, iniValue, markdownText, pyString, yamlString } from "./quote.js";

export {
  Bytes,
  contentsOf,
  dataOf,
  isExecutable,
  type Contents,
  type FileMap,
  type TextMap,
} from "../core/files.js";
import { Bytes, contentsOf, type Contents, type FileMap, type TextMap } from "../core/files.js";

// npm drops .gitignore from published packages, and dot-folders are easy to lose too, so
// templates keep these under plain names and they are mapped back here, in one table.
const RENAMES: Readonly<Record<string, string>> = {
  _gitignore: ".gitignore",
  _editorconfig: ".editorconfig",
  _github: ".github",
};

/** The helpers every template may use to quote a value for the file it lands in. */
export const HELPERS = {
  py: pyString,
  yaml: yamlString,
  ini: iniValue,
  iniComment,
  md: markdownText,
} as const;

const engine = (Handlebars as unknown as typeof import("handlebars")).create();
for (const [name, helper] of Object.entries(HELPERS)) engine.registerHelper(name, helper);

function render(spec: TemplateSpecification, context: object, source: string): string {
  try {
    return engine.template(spec)(context);
  } catch (error) {
    throw new Error(`template ${source}: ${(error as Error).message}`);
  }
}

/**
 * Where a template file lands: renamed dot-names, placeholders rendered by `renderSegment`, no
 * `.hbs`; never outside the project folder.
 */
export function targetPath(file: string, renderSegment: (segment: string) => string, source: string): string {
  const out = file
    .split("/")
    .map((segment) => (segment.includes("{{") ? renderSegment(segment) : (RENAMES[segment] ?? segment)))
    .join("/")
    .replace(/\.hbs$/, "");
  if (out.startsWith("/") || out.split("/").some((s) => s === ".." || s === "." || s === "")) {
    throw new Error(`template ${source}: ${file} renders to a path outside the project: ${out}`);
  }
  return out;
}

/** Sorted copy of a file map: every consumer sees files in the same order. */
export function sorted<V extends Contents>(files: Map<string, V>): Map<string, V> {
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * One template layer rendered with `context`, in memory; `keep` picks which of its files.
 * @example renderLayer("templates/adopt", context).get("README.md")
 */
export function renderLayer(
  layer: string,
  context: object,
  keep: (templatePath: string) => boolean = () => true,
): TextMap {
  const entries = layers[layer];
  if (!entries) throw new Error(`no template layer ${layer}`);
  const files: TextMap = new Map();
  // Path placeholders are rendered once per layer: all files under {{packageName}}/ share one.
  const segments = new Map<string, string>();
  const renderSegment = (segment: string, source: string): string => {
    const spec = pathSegments[segment];
    if (!spec) throw new Error(`template ${source}: no precompiled path segment ${segment}`);
    if (!segments.has(segment)) segments.set(segment, render(spec, context, source));
    return segments.get(segment) as string;
  };
  for (const entry of entries) {
    if (!keep(entry.path)) continue;
    const source = `${layer}/${entry.path}`;
    const target = targetPath(entry.path, (segment) => renderSegment(segment, source), source);
    files.set(target, entry.spec ? render(entry.spec, context, source) : (entry.text ?? ""));
  }
  return files;
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
