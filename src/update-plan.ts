/**
 * What `update` does to each file, decided from three versions: what the old generator wrote
 * (base), what the project holds now (current), and what this version generates (next). Pure:
 * the merge of an edited file is passed in.
 */
import { ANSWERS_FILE } from "./answers-file.js";
import type { FileMap } from "./render.js";

export type Merge = (
  ours: string,
  base: string,
  theirs: string,
  file: string,
) => { text: string; conflicts: boolean };

export interface UpdatePlan {
  /** Files to write. */
  files: FileMap;
  /** Files written with conflict markers. */
  conflicts: string[];
  /** One line per file that changes or needs attention, e.g. "MERGE pkg/plugin.py". */
  lines: string[];
}

export function planUpdate(
  base: FileMap,
  current: FileMap,
  next: FileMap,
  merge: Merge,
  { restore }: { restore: boolean },
): UpdatePlan {
  const plan: UpdatePlan = { files: new Map(), conflicts: [], lines: [] };
  const write = (file: string, text: string, action: string): void => {
    plan.files.set(file, text);
    plan.lines.push(`${action} ${file}`);
  };
  const paths = [...new Set([...base.keys(), ...next.keys()])].filter((f) => f !== ANSWERS_FILE).sort();
  for (const file of paths) {
    const [was, now, wanted] = [base.get(file), current.get(file), next.get(file)];
    if (wanted === undefined) {
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
