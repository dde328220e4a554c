/**
 * The one check every path a run writes, removes or replays passes (create, update, adopt,
 * organisation templates, answers files, journals): a project-relative path ("a/b.py") that
 * stays inside any folder it is joined to, never inside a version-control folder, and that
 * prints on one line; and the one way such a path is joined to the folder it lands in. Part
 * of the leaf core: it imports nothing else from src/.
 */
import path from "node:path";

/** Version-control folders (compared case-insensitively: macOS and Windows file systems are). */
const VCS = new Set([".git", ".hg", ".svn", ".bzr", "_darcs", "cvs"]);

/**
 * Why `relative` may not be written, or undefined when it may: no empty, `.` or `..` segment,
 * not absolute, no backslash (a separator on Windows), no control character (a newline would
 * forge a line of --dry-run's list), no segment that is a version-control folder.
 */
export function pathProblem(relative: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(relative)) return "a name with a control character";
  const segments = relative.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".." || s.includes("\\")))
    return "not a clean path inside the project";
  if (segments.some((s) => VCS.has(s.toLowerCase()))) return "inside a version-control folder";
  return undefined;
}

/** Paths that differ only in case: one file on macOS and Windows, two elsewhere. */
export function caseCollisions(paths: Iterable<string>): [string, string][] {
  const seen = new Map<string, string>();
  const found: [string, string][] = [];
  for (const file of paths) {
    const folded = file.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined && earlier !== file) found.push([earlier, file]);
    else seen.set(folded, file);
  }
  return found;
}

/**
 * `root` (absolute and normalised, as path.resolve gives it) joined with a clean relative path.
 * Plain concatenation gives what path.join would for such paths; path.join's normalising costs
 * about 3 ms over a 44-file project in a cold process, a tenth of a --yes run's own work.
 */
export function inRoot(root: string, relative: string): string {
  const rest = path.sep === "/" ? relative : relative.replaceAll("/", path.sep);
  return root.endsWith(path.sep) ? root + rest : root + path.sep + rest;
}
