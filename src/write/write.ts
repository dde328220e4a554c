/**
 * The one place that writes the project to disk. The project appears whole or not at all:
 *  - a new folder is written as a hidden sibling and renamed into place at the end;
 *  - into an existing folder (empty, or any with --force) each file goes through a temporary
 *    file and a rename, and a file it replaces is kept aside until the run has succeeded.
 * On any error, SIGINT or SIGTERM, what this run created is removed and what it replaced is
 * put back; files it was not asked to write are never touched.
 */
import fs from "node:fs";
import path from "node:path";
import { CliError, EXIT } from "../core/errors.js";
import type { Journal } from "./journal.js";
import { dataOf, modeOf, type Contents, type FileMap } from "../core/files.js";
import { inRoot } from "../core/paths.js";
import type { WritePlan } from "./plan.js";
import { holdSignals, type HeldSignals } from "./signals.js";

const TAG = `create-sps-plugin-${process.pid}`;

/** Undo log: removals and restores, applied newest first. */
type Undo = () => void;

/** Writes straight into the staging folder, which is this run's own: no temporary names needed. */
function writeStaged(root: string, files: FileMap, checkSignal: () => void): void {
  const made = new Set<string>();
  for (const [relative, contents] of files) {
    checkSignal();
    const target = inRoot(root, relative);
    const dir = target.slice(0, target.lastIndexOf(path.sep));
    if (!made.has(dir)) fs.mkdirSync(dir, { recursive: true });
    made.add(dir);
    fs.writeFileSync(target, dataOf(contents), { flag: "wx", mode: modeOf(contents) });
  }
}

function writeFile(root: string, relative: string, contents: Contents, undo: Undo[], journal: Journal): void {
  const target = inRoot(root, relative);
  let missing = path.dirname(target);
  while (!fs.existsSync(path.dirname(missing)) && path.dirname(missing) !== missing)
    missing = path.dirname(missing);
  if (!fs.existsSync(path.dirname(target))) {
    // The first folder this run creates is noted before it exists: only that one is ours.
    journal.made(path.relative(root, missing));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    undo.push(() => fs.rmSync(missing, { recursive: true, force: true }));
  }
  // Noted before any of its steps (temporary file, old copy moved aside, new one in place),
  // so that a replay after a kill can undo each of them.
  const backup = journal.file(relative, fs.lstatSync(target, { throwIfNoEntry: false }) !== undefined);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${TAG}`);
  undo.push(() => fs.rmSync(temp, { force: true }));
  fs.writeFileSync(temp, dataOf(contents), { flag: "wx", mode: modeOf(contents) });
  if (backup) {
    fs.renameSync(target, backup);
    undo.push(() => fs.renameSync(backup, target));
  }
  fs.renameSync(temp, target);
  undo.push(() => fs.rmSync(target, { force: true }));
}

/** Moves a file the run removes into the journal, from where a rollback or replay puts it back. */
function removeFile(root: string, relative: string, undo: Undo[], journal: Journal): void {
  const target = inRoot(root, relative);
  if (fs.lstatSync(target, { throwIfNoEntry: false }) === undefined) return;
  const backup = journal.file(relative, true) as string;
  fs.renameSync(target, backup);
  undo.push(() => fs.renameSync(backup, target));
}

export function interruptedError(signal: NodeJS.Signals): CliError {
  return new CliError(
    `interrupted by ${signal}: nothing was written`,
    signal === "SIGINT" ? EXIT.interrupted : 128 + 15,
  );
}

/**
 * Where the write notes what to undo, for the next run to replay if this one is killed: the
 * transaction's (transaction.ts, undoNotes), which holds the lock they belong to.
 */
export interface UndoNotes {
  /** Opens the journal of a write into an existing folder. */
  openJournal: () => Journal;
  /** The file naming a new folder's staging folder until it is renamed into place. */
  stagingRecord: () => string;
}

export interface WriteSteps {
  notes: UndoNotes;
  /** Signals already held by the caller (the transaction); else the write holds its own. */
  signals?: HeldSignals;
  /** Runs on the staged project before it is renamed into place (a new folder only). */
  finish?: (staged: string) => void;
  /** Files to remove from an existing folder (kept in the journal until the run succeeds). */
  removals?: readonly string[];
}

/**
 * Writes the planned files. Resolves once the project is complete; rejects with nothing of this
 * run left on disk. `finish` is ignored when the target folder exists already. A SIGINT or
 * SIGTERM during the write rolls it back (exit 130 / 143).
 */
export async function writeProject(
  plan: WritePlan,
  files: FileMap,
  { notes, signals, finish, removals = [] }: WriteSteps,
): Promise<void> {
  const undo: Undo[] = [];
  let journal: Journal | undefined;
  const held = signals ?? holdSignals();
  const checkSignal = (): void => {
    const signal = held.received();
    if (signal) throw interruptedError(signal);
  };
  try {
    if (plan.exists) {
      journal = notes.openJournal();
      const opened = journal;
      undo.push(() => opened.close());
      for (const [relative, contents] of files) {
        checkSignal();
        writeFile(plan.target, relative, contents, undo, opened);
      }
      for (const relative of removals) {
        checkSignal();
        removeFile(plan.target, relative, undo, opened);
      }
    } else {
      const parentMade = fs.mkdirSync(path.dirname(plan.target), { recursive: true });
      if (parentMade) undo.push(() => fs.rmSync(parentMade, { recursive: true, force: true }));
      const staging = path.join(path.dirname(plan.target), `.${path.basename(plan.target)}.${TAG}`);
      // Noted first where only this user writes: killed from here to the rename, the next run
      // for this target removes the staging folder (lock.ts).
      const record = notes.stagingRecord();
      fs.writeFileSync(record, staging, { mode: 0o600 });
      undo.push(() => fs.rmSync(record, { force: true }));
      undo.push(() => fs.rmSync(staging, { recursive: true, force: true }));
      fs.mkdirSync(staging);
      writeStaged(staging, files, checkSignal);
      checkSignal();
      // Part of the transaction: interrupted here, the staging folder goes with what it made.
      finish?.(staging);
      checkSignal();
      fs.renameSync(staging, plan.target);
      undo.push(() => fs.rmSync(plan.target, { recursive: true, force: true }));
      fs.rmSync(record, { force: true });
    }
    // Signal handlers run between event-loop turns: give one that arrived at the end its chance.
    await new Promise((resolve) => setImmediate(resolve));
    checkSignal();
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // Keep undoing the rest: one failed clean-up must not leave more behind.
      }
    }
    if (error instanceof CliError || !(error as NodeJS.ErrnoException).code) throw error;
    // A file-system error (permissions, full disk, read-only mount) is a failure, not a bug.
    throw new CliError(
      `could not write ${plan.target}: ${(error as Error).message}; nothing was left behind`,
    );
  } finally {
    if (!signals) held.release();
  }
  // Success: the replaced files' old contents are no longer needed.
  journal?.close();
}
