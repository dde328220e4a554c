/**
 * Where a template file lands: shared by the built-in templates (render.ts) and organisation
 * templates (org-template.ts), with nothing of the answers. The helpers they may use are
 * quote.ts's HELPERS.
 */
import type { Contents } from "../core/files.js";

// npm drops .gitignore from published packages, and dot-folders are easy to lose too, so
// templates keep these under plain names and they are mapped back here, in one table.
const RENAMES: Readonly<Record<string, string>> = {
  _gitignore: ".gitignore",
  _editorconfig: ".editorconfig",
  _github: ".github",
};

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
