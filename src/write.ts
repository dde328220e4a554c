/**
 * The one place that writes the project to disk. The project appears whole or not at all:
 * files go into a hidden sibling folder that is renamed into place at the end, and anything
 * this run created is removed again on failure or on SIGINT / SIGTERM.
 */
import fs from "node:fs";
import path from "node:path";
import { CliError, EXIT, usageError } from "./errors.js";
import { isExecutable, type FileMap } from "./render.js";

/** Entries that do not make a folder "non-empty": an existing repository and editor settings. */
const IGNORABLE = new Set([".git", ".idea", ".vscode"]);

/** What is in the way in `dir`, or undefined when it does not exist. */
export function conflictsIn(dir: string): string[] | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ENOTDIR") return [path.basename(dir)];
    throw error;
  }
  return entries.filter((entry) => !IGNORABLE.has(entry)).sort();
}

function writeFiles(root: string, files: FileMap, created: string[]): void {
  for (const [relative, contents] of files) {
    const target = path.join(root, ...relative.split("/"));
    // mkdirSync returns the first folder it had to create: only those are ours to remove.
    const madeDir = fs.mkdirSync(path.dirname(target), { recursive: true });
    if (madeDir) created.push(madeDir);
    fs.writeFileSync(target, contents, { flag: "wx", mode: isExecutable(contents) ? 0o755 : 0o644 });
    created.push(target);
  }
}

function removeCreated(created: string[]): void {
  for (const entry of [...created].reverse()) fs.rmSync(entry, { recursive: true, force: true });
}

/**
 * Writes `files` under `targetDir`, which must not exist or hold nothing but IGNORABLE entries.
 * Resolves once the project is complete; rejects with nothing of this run left on disk.
 */
export async function writeProject(targetDir: string, files: FileMap): Promise<void> {
  const target = path.resolve(targetDir);
  const conflicts = conflictsIn(target);
  if (conflicts && conflicts.length > 0) {
    const shown = conflicts.slice(0, 8).join(", ") + (conflicts.length > 8 ? ", …" : "");
    throw usageError(`[directory]: ${targetDir} is not empty (${shown}); choose a new or empty directory`);
  }
  const created: string[] = [];
  let signal: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals): void => {
    signal = name;
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  try {
    if (conflicts === undefined) {
      const parentMade = fs.mkdirSync(path.dirname(target), { recursive: true });
      if (parentMade) created.push(parentMade);
      const staging = path.join(
        path.dirname(target),
        `.${path.basename(target)}.create-sps-plugin-${process.pid}`,
      );
      created.push(staging);
      writeFiles(staging, files, []);
      fs.renameSync(staging, target);
      created[created.length - 1] = target;
    } else {
      writeFiles(target, files, created);
    }
    // Signal handlers only run between event-loop turns: give a pending one its chance.
    await new Promise((resolve) => setImmediate(resolve));
    if (signal) throw new CliError(`interrupted by ${signal}: nothing was written`, EXIT.interrupted);
  } catch (error) {
    removeCreated(created);
    throw error;
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }
}
