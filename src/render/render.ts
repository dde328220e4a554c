/**
 * Template layers rendered in memory with a context, to a map of project-relative paths to
 * file contents. Nothing here writes or reads files, nor knows the answers (project.ts makes
 * the context): templates arrive precompiled in `virtual:sps-templates`.
 */
import Handlebars from "handlebars/runtime";
import { layers, pathSegments } from "virtual:sps-templates";
import { HELPERS } from "./quote.js";
import { targetPath } from "./template-paths.js";

export { HELPERS } from "./quote.js";
export { sorted, targetPath } from "./template-paths.js";
export {
  Bytes,
  contentsOf,
  dataOf,
  isExecutable,
  type Contents,
  type FileMap,
  type TextMap,
} from "../core/files.js";
import type { TextMap } from "../core/files.js";

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
