/**
 * What `update` does to each file, decided from three versions: what the old generator wrote
 * (base), what the project holds now (current), and what this version generates (next). Pure:
 * the merge of an edited file is passed in.
 */
import { ANSWERS_FILE } from "../core/record.js";
import { dataOf, type Contents, type FileMap } from "../render/render.js";

export type Merge = (
  ours: string,
  base: string,
  theirs: string,
  file: string,
) => { text: string; conflicts: boolean };

/**
 * sps_dev as older versions put it into projects: copied as sources (sps_dev/), then as its
 * wheel (tools/sps_plugin_dev-<version>-py3-none-any.whl). What this version no longer
 * generates of it is removed while untouched; an edited file is kept and listed.
 */
export const VENDORED = "sps_dev/";
export function isOldTool(file: string): boolean {
  return file.startsWith(VENDORED) || /^tools\/sps_plugin_dev-[^/]*\.whl$/.test(file);
}

export interface UpdatePlan {
  /** Files to write. */
  files: FileMap;
  /** Files written with conflict markers. */
  conflicts: string[];
  /** One line per file that changes or needs attention, e.g. "MERGE pkg/plugin.py". */
  lines: string[];
  /** Files to remove: old copies of sps_dev the user never touched. */
  removals: string[];
  /** Edited files of a vendored sps_dev/, kept (they no longer run). */
  keptTool: string[];
}

export function planUpdate(
  base: FileMap,
  current: FileMap,
  next: FileMap,
  merge: Merge,
  { restore }: { restore: boolean },
): UpdatePlan {
  const plan: UpdatePlan = { files: new Map(), conflicts: [], lines: [], removals: [], keptTool: [] };
  const write = (file: string, text: Contents, action: string): void => {
    plan.files.set(file, text);
    plan.lines.push(`${action} ${file}`);
  };
  const paths = [...new Set([...base.keys(), ...next.keys()])].filter((f) => f !== ANSWERS_FILE).sort();
  for (const file of paths) {
    const [was, now, wanted] = [base.get(file), current.get(file), next.get(file)];
    const isText = (c: Contents | undefined): c is string | undefined => typeof c !== "object";
    if (isOldTool(file) && wanted === undefined) {
      planOldTool(plan, file, was, now);
    } else if (!isText(was) || !isText(now) || !isText(wanted)) {
      planBinary(plan, file, { was, now, wanted }, restore);
    } else if (wanted === undefined) {
      // Gone from the template: never delete a file the user may rely on.
      if (now !== undefined) plan.lines.push(`KEEP ${file} (no longer generated; remove it if unused)`);
    } else if (now === undefined) {
      if (was === undefined || restore) write(file, wanted, was === undefined ? "ADD" : "RESTORE");
      // Said only when the template changed it since: a deletion once made is respected quietly.
      else if (wanted !== was) plan.lines.push(`SKIP ${file} (you deleted it; --restore brings it back)`);
    } else if (now === wanted || wanted === was) {
      // Already up to date, or the template did not change it: the user's version stays.
    } else if (now === was) {
      write(file, wanted, "UPDATE");
    } else {
      const merged = merge(now, was ?? "", wanted, file);
      write(file, merged.text, merged.conflicts ? "CONFLICT" : "MERGE");
      if (merged.conflicts) plan.conflicts.push(file);
    }
  }
  const answers = next.get(ANSWERS_FILE);
  if (answers !== undefined && answers !== current.get(ANSWERS_FILE)) write(ANSWERS_FILE, answers, "UPDATE");
  return plan;
}

/** An old copy of sps_dev: removed while it is as generated, kept (and said) when edited. */
function planOldTool(
  plan: UpdatePlan,
  file: string,
  was: Contents | undefined,
  now: Contents | undefined,
): void {
  if (now === undefined) return;
  if (was !== undefined && sameBytes(now, was)) {
    plan.removals.push(file);
    plan.lines.push(
      `REMOVE ${file} (sps_dev now comes from sps-plugin-dev ${file.startsWith(VENDORED) ? "as a wheel" : "in its new version"})`,
    );
  } else if (file.startsWith(VENDORED)) {
    plan.keptTool.push(file);
    plan.lines.push(
      `KEEP ${file} (you edited it; it no longer runs: sps_dev comes from its wheel, and ruff skips sps_dev/)`,
    );
  } else {
    plan.lines.push(`KEEP ${file} (not the wheel an earlier version wrote; remove it if unused)`);
  }
}

function sameBytes(a: Contents | undefined, b: Contents | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Buffer.from(dataOf(a)).equals(Buffer.from(dataOf(b)));
}

/**
 * A file copied byte for byte (an organisation template's binary file) is never merged: it is
 * added, restored or replaced when the owner has not changed it, and kept (and said) when they
 * have.
 */
function planBinary(
  plan: UpdatePlan,
  file: string,
  {
    was,
    now,
    wanted,
  }: { was: Contents | undefined; now: Contents | undefined; wanted: Contents | undefined },
  restore: boolean,
): void {
  if (wanted === undefined || sameBytes(now, wanted)) {
    if (wanted === undefined && now !== undefined)
      plan.lines.push(`KEEP ${file} (no longer generated; remove it if unused)`);
    return;
  }
  const action =
    now === undefined
      ? was === undefined
        ? "ADD"
        : restore
          ? "RESTORE"
          : undefined
      : sameBytes(now, was)
        ? "UPDATE"
        : undefined;
  if (action) {
    plan.files.set(file, wanted);
    plan.lines.push(`${action} ${file}`);
  } else if (now !== undefined) {
    plan.lines.push(`KEEP ${file} (a binary file you changed: the template's new version is not applied)`);
  }
}
