/**
 * The pure core: answers in, a map of project-relative paths to file contents out. Nothing here
 * writes; the writer and the tests both consume the map.
 */
import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { pluginGenerator } from "../generators/plugin.js";
import { templateContext, type Answers, type TemplateContext } from "./answers.js";
import { PKG_ROOT } from "./paths.js";
import { iniComment, iniValue, markdownText, pyString, yamlString } from "./quote.js";

/** Path → contents, in a stable (sorted) order. */
export type FileMap = Map<string, string>;

// npm drops .gitignore from published packages, and dot-folders are easy to lose too, so
// templates keep these under plain names and they are mapped back here, in one table.
const RENAMES: Readonly<Record<string, string>> = {
  _gitignore: ".gitignore",
  _editorconfig: ".editorconfig",
  _github: ".github",
};

function createEngine(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper("py", (value: string) => pyString(value));
  hbs.registerHelper("yaml", (value: string) => yamlString(value));
  hbs.registerHelper("ini", (value: string) => iniValue(value));
  hbs.registerHelper("iniComment", (value: string) => iniComment(value));
  hbs.registerHelper("md", (value: string) => markdownText(value));
  return hbs;
}

const engine = createEngine();

function render(template: string, context: TemplateContext, source: string): string {
  try {
    // noEscape: Handlebars' default HTML-escaping would turn ' into &#x27; in Python and YAML.
    // strict: a misspelt variable is an error, never an empty string in a generated file.
    return engine.compile(template, { noEscape: true, strict: true })(context);
  } catch (error) {
    throw new Error(`template ${source}: ${(error as Error).message}`);
  }
}

function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** The destination path of one template file: renamed dot-names, rendered placeholders, no `.hbs`. */
function targetPath(relative: string, context: TemplateContext, source: string): string {
  const out = relative
    .split("/")
    .map((segment) => RENAMES[segment] ?? segment)
    .map((segment) => (segment.includes("{{") ? render(segment, context, source) : segment))
    .join("/")
    .replace(/\.hbs$/, "");
  const normal = path.posix.normalize(out);
  // A rendered placeholder must never lead outside the project folder.
  if (path.posix.isAbsolute(normal) || normal.startsWith("../") || normal !== out) {
    throw new Error(`template ${source}: renders to a path outside the project: ${out}`);
  }
  return out;
}

/**
 * Renders the whole project in memory by interpreting the generator's addMany actions.
 * @example renderProject(answers, "0.1.0").get("MANIFEST")
 */
export function renderProject(answers: Answers, generatorVersion: string): FileMap {
  const context = templateContext(answers, generatorVersion);
  const files: FileMap = new Map();
  for (const action of pluginGenerator.actions(answers)) {
    const base = path.join(PKG_ROOT, action.base);
    for (const relative of listFiles(base)) {
      const source = `${action.base}/${relative}`;
      const text = fs.readFileSync(path.join(base, relative), "utf8");
      const target = targetPath(relative, context, source);
      if (files.has(target))
        throw new Error(`template ${source}: ${target} is already produced by another layer`);
      files.set(target, relative.endsWith(".hbs") ? render(text, context, source) : text);
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Files that must be executable: those that start with a shebang (main.py). */
export function isExecutable(contents: string): boolean {
  return contents.startsWith("#!");
}
