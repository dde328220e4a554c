/**
 * The one write transaction every command runs (create, update, adopt, recover, the plop
 * action), in this order:
 *
 *   take the target's lock → replay what a killed run left (journal.ts) → read the target and
 *   compute what to write from what is there (the command's `compose`) → plan (plan.ts: the
 *   one path check) → hold signals → write (write.ts) → record (git, chosen here) → release.
 *
 * A dry run takes no lock and writes nothing; over a killed run's journal it refuses (exit
 * 2), since what it would list depends on what the replay puts back.
 */
import { CliError, EXIT, usageError } from "../core/errors.js";
import type { FileMap } from "../core/files.js";
import { Journal, recoverJournals, replayableJournals } from "./journal.js";
import { lockTarget, stagingRecord, sweepStaging } from "./lock.js";
import { ownerSecret } from "./owner-secret.js";
import { holdSignals } from "./signals.js";
import { planWrite, type WritePlan } from "./plan.js";
import { interruptedError, writeProject, type UndoNotes } from "./write.js";

type Git = typeof import("./git.js");

/** How a written generation is recorded: chosen by the command, done here. */
export type Recording =
  /** Nothing (--no-git, or no repository to record in). */
  | { kind: "none" }
  /** A new project: its own repository and first commit, made in the staging folder. */
  | { kind: "first-commit"; git: Git }
  /** An existing folder: a first commit there, or a kept ref inside an enclosing work tree. */
  | { kind: "record"; git: Git; version: string }
  /** Kept under refs/create-sps-plugin/ only (adopt). */
  | { kind: "keep"; git: Git; version: string }
  /** Kept before the write and undone if it fails (update: the ref never names missing files). */
  | { kind: "keep-undoable"; git: Git; version: string; generation: FileMap };

/** What a command computed from the target, once the lock is held and the replay is done. */
export interface Composed {
  files: FileMap;
  /** Write into a folder that is not empty, replacing same-named files. */
  force: boolean;
  /** Files to remove (update), kept in the journal until the run ends. */
  removals?: readonly string[];
  /** How to record the generation, given the plan (whether the target existed, say). */
  recording: (plan: WritePlan) => Recording;
  /** Nothing to write: the transaction ends here (update with nothing to do). */
  nothing?: boolean;
  /** Said once the plan is made, before anything is written. */
  announce?: (plan: WritePlan) => void;
}

export interface Applied {
  plan: WritePlan;
  composed: Composed;
  /** What the lock and the replay said (a killed run rolled back, a lock taken over). */
  notes: string[];
  /** A warning from the record step (no git identity, say). */
  warning?: string;
}

/**
 * Runs `compose` under the target's lock, after the replay, then plans and (unless `dryRun`)
 * writes and records. `onNotes` hears the lock's and the replay's notes before compose runs.
 */
export async function transact(
  target: string,
  dryRun: boolean,
  compose: () => Promise<Composed>,
  onNotes: (notes: string[]) => void = () => undefined,
): Promise<Applied> {
  if (dryRun) {
    // The key is read (or made) only when there is a journal to judge: a dry run writes nothing.
    const pending = replayableJournals(target, ownerSecret);
    if (pending.length > 0) {
      throw usageError(
        `[directory]: ${target} holds ${pending[0]}, left by a run that was killed there; run create-sps-plugin recover ${target} first, then --dry-run again`,
      );
    }
    const composed = await compose();
    return {
      plan: planWrite(target, composed.files, { force: composed.force, removals: composed.removals ?? [] }),
      composed,
      notes: [],
    };
  }
  const claim = claimTarget(target);
  try {
    onNotes(claim.notes);
    const composed = await compose();
    const plan = planWrite(target, composed.files, {
      force: composed.force,
      removals: composed.removals ?? [],
    });
    if (composed.nothing) return { plan, composed, notes: claim.notes };
    composed.announce?.(plan);
    const warning = await writeAndRecord(plan, composed);
    return { plan, composed, notes: claim.notes, ...(warning && { warning }) };
  } finally {
    claim.release();
  }
}

/** Where a write into `target` notes its undo: the journal and staging record of its lock. */
export function undoNotes(target: string): UndoNotes {
  // Each worked out when the write needs it: a journal for an existing folder, the staging
  // record for a new one.
  return {
    openJournal: () => new Journal(target, ownerSecret()),
    stagingRecord: () => stagingRecord(target),
  };
}

/**
 * Writes and records. From the write's start to the record's end a signal is noted, never left
 * to kill the run between the two: the write obeys it and rolls back; once the write is done,
 * the record is finished and the run then exits 130, saying so.
 */
export async function writeAndRecord(plan: WritePlan, composed: Composed): Promise<string | undefined> {
  const { files, removals = [] } = composed;
  const recording = composed.recording(plan);
  const signals = holdSignals();
  const notes = undoNotes(plan.target);
  let warning: string | undefined;
  try {
    switch (recording.kind) {
      case "none":
        await writeProject(plan, files, { notes, signals, removals });
        break;
      case "first-commit": {
        const { git } = recording;
        const finish = (staged: string): void => void (warning = git.initialCommit(staged));
        await writeProject(plan, files, { notes, signals, finish, removals });
        break;
      }
      case "record":
        await writeProject(plan, files, { notes, signals, removals });
        warning = recording.git.recordInGit(plan.target, files, recording.version);
        break;
      case "keep":
        await writeProject(plan, files, { notes, signals, removals });
        recording.git.keepGeneration(plan.target, files, recording.version);
        break;
      case "keep-undoable": {
        const undo = recording.git.keepGenerationUndoable(
          plan.target,
          recording.generation,
          recording.version,
        );
        try {
          await writeProject(plan, files, { notes, signals, removals });
        } catch (error) {
          undo?.();
          throw error;
        }
        break;
      }
    }
  } finally {
    signals.release();
  }
  const late = signals.received();
  if (late) {
    const recorded = recording.kind === "none" ? "" : " and recorded in git";
    throw new CliError(`interrupted by ${late} after the project was written${recorded}`, EXIT.interrupted);
  }
  return warning;
}

/**
 * The lock for `targetDir`, then the journals of runs that were killed there replayed (their
 * replaced files put back, their new files removed): what every writing command does first.
 */
export function claimTarget(targetDir: string): { release: () => void; notes: string[] } {
  const lock = lockTarget(targetDir);
  try {
    let recovered: string[];
    try {
      const swept = sweepStaging(targetDir);
      recovered = [...(swept ? [swept] : []), ...recoverJournals(targetDir, ownerSecret)];
    } catch (error) {
      if (error instanceof CliError || !(error as NodeJS.ErrnoException).code) throw error;
      // A read-only mount, a folder that vanished: say what stopped the replay.
      throw new CliError(
        `could not put back what a killed run left in ${targetDir}: ${(error as Error).message}; nothing more was changed`,
      );
    }
    // One line per killed run: its journal's note says it all when there is one.
    const said =
      lock.tookOverFrom !== undefined && recovered.some((n) => n.includes(`(PID ${lock.tookOverFrom})`));
    return { release: lock.release, notes: [...(lock.note && !said ? [lock.note] : []), ...recovered] };
  } catch (error) {
    lock.release();
    throw error;
  }
}

export { interruptedError };
