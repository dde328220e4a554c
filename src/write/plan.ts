/**
 * What a run will write, worked out before anything is: the target folder is usable, and every
 * file stays inside it even through symlinks that are already there. Pure apart from reading
 * the target; the writer (write.ts) acts on the plan.
 */
import fs from "node:fs";
import path from "node:path";
import { usageError, CliError } from "../core/errors.js";
import { caseCollisions, inRoot, pathProblem } from "../core/paths.js";
import type { FileMap } from "../render/render.js";

/** Entries that do not make a folder "non-empty": an existing repository and editor settings. */
const IGNORABLE = new Set([".git", ".idea", ".vscode"]);

export interface WriteOptions {
  /** Write into a non-empty folder, replacing files of the same name and touching nothing else. */
  force: boolean;
  /** Files the run removes (update): checked like the written ones, through their folders. */
  removals?: readonly string[];
}

/** What a run will do, worked out before anything is written. */
export interface WritePlan {
  target: string;
  exists: boolean;
  /** Project-relative paths of files that exist already and would be replaced (--force). */
  replaced: string[];
}

function entriesOf(dir: string, shownAs: string): string[] | undefined {
  try {
    return fs.readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ENOTDIR") throw usageError(`[directory]: ${shownAs} exists and is not a directory`);
    throw error;
  }
}

/**
 * What stands in the way at `dir`, for the interactive prompt to ask about before the other
 * questions (planWrite checks it again when writing): a file, or what a non-empty folder holds.
 */
export function targetObstacle(dir: string): { notDirectory: true } | { blocking: string[] } {
  try {
    const entries = entriesOf(path.resolve(dir), dir) ?? [];
    return { blocking: entries.filter((entry) => !IGNORABLE.has(entry)).sort() };
  } catch (error) {
    if (error instanceof CliError) return { notDirectory: true };
    throw error;
  }
}

/** The deepest existing ancestor of `file` (itself included), with symlinks resolved. */
function realAncestor(file: string): string {
  for (let current = file; ; current = path.dirname(current)) {
    try {
      return fs.realpathSync(current);
    } catch {
      if (path.dirname(current) === current) return current;
    }
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Checks everything that can be checked before writing: the folder is usable, and every file
 * stays inside it even through symlinks that are already there. Throws usage errors (exit 2).
 */
export function planWrite(
  targetDir: string,
  files: FileMap,
  { force, removals = [] }: WriteOptions,
): WritePlan {
  const target = path.resolve(targetDir);
  // A link to nowhere: the final rename would fail after the whole project was staged.
  const link = fs.lstatSync(target, { throwIfNoEntry: false });
  if (link?.isSymbolicLink() && !fs.existsSync(target))
    throw usageError(
      `[directory]: ${targetDir} is a symlink to a folder that does not exist; remove it or give another folder`,
    );
  // Every path, before anything is written: the one check (core/paths.ts), on what was rendered.
  for (const relative of [...files.keys(), ...removals]) {
    const problem = pathProblem(relative);
    if (problem)
      throw usageError(`[directory]: ${JSON.stringify(relative)} would not be written: ${problem}`);
  }
  const [collision] = caseCollisions(files.keys());
  if (collision)
    throw usageError(
      `[directory]: ${collision[0]} and ${collision[1]} differ only in case: one file on macOS and Windows; rename one`,
    );
  const entries = entriesOf(target, targetDir);
  const blocking = (entries ?? []).filter((entry) => !IGNORABLE.has(entry)).sort();
  if (blocking.length > 0 && !force) {
    const shown =
      blocking.slice(0, 8).join(", ") + (blocking.length > 8 ? `, … (${blocking.length} in all)` : "");
    throw usageError(
      `[directory]: ${targetDir} is not empty (${shown}); choose a new or empty directory, or pass --force to write the generated files into it and touch nothing else`,
    );
  }
  // A folder this run creates holds no symlinks yet: only an existing one needs resolving.
  const realTarget = entries === undefined ? undefined : fs.realpathSync(target);
  const replaced: string[] = [];
  for (const relative of files.keys()) {
    const file = inRoot(target, relative);
    if (realTarget !== undefined && !isInside(realAncestor(file), realTarget)) {
      throw usageError(`[directory]: ${relative} would be written outside ${targetDir} (through a symlink)`);
    }
    if (realTarget !== undefined) refuseFileInTheWay(target, relative);
    const stat = realTarget === undefined ? undefined : fs.lstatSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) throw usageError(`[directory]: ${relative} exists as a folder; remove it first`);
    if (stat) replaced.push(relative);
  }
  // A file removed is moved into the journal: its folder, not the file (which may be a link),
  // must be inside the target.
  for (const relative of realTarget === undefined ? [] : removals) {
    const folder = path.dirname(inRoot(target, relative));
    if (!isInside(realAncestor(folder), realTarget as string))
      throw usageError(`[directory]: ${relative} would be removed outside ${targetDir} (through a symlink)`);
  }
  return { target, exists: entries !== undefined, replaced };
}

/** An existing file where `relative` needs a folder (--force into a used folder). */
function refuseFileInTheWay(target: string, relative: string): void {
  const parts = relative.split("/");
  for (let depth = 1; depth < parts.length; depth += 1) {
    const folder = parts.slice(0, depth).join("/");
    const stat = fs.lstatSync(inRoot(target, folder), { throwIfNoEntry: false });
    if (stat === undefined) return;
    if (!stat.isDirectory()) {
      throw usageError(
        `[directory]: ${folder} exists as a file, but ${relative} needs it to be a folder; remove it first`,
      );
    }
  }
}

/** `CREATE path` (and, with --force, `REPLACE path`) lines: what a run would write (each path
 * passed pathProblem, so none holds a line break). */
export function describePlan(plan: WritePlan, files: FileMap): string {
  const replaced = new Set(plan.replaced);
  return [...files.keys()].map((file) => `${replaced.has(file) ? "REPLACE" : "CREATE"} ${file}`).join("\n");
}
