/**
 * One run at a time per target, and what a killed run left behind put right before the next
 * one writes (see journal.ts).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { usageError } from "../cli/errors.js";
import { processAlive, recoverJournals } from "./journal.js";

/**
 * One run at a time per target: `create-sps-plugin-<hash of the target's path>.lock` in the
 * system's temporary folder holds the run's PID while it writes (keyed by path, not placed
 * beside the target, because the target's parents may not exist yet and are created during
 * the run). A second run is refused (exit 2); a lock whose process is gone (a run killed with
 * SIGKILL) is taken over, and the returned note says so. `release()` removes the lock if it
 * is still this run's.
 */
export function lockTarget(targetDir: string): { release: () => void; note?: string } {
  const target = path.resolve(targetDir);
  const id = crypto.createHash("sha1").update(target).digest("hex").slice(0, 16);
  const lock = path.join(os.tmpdir(), `create-sps-plugin-${id}.lock`);
  const mine = String(process.pid);
  let note: string | undefined;
  // A few attempts: the lock may be released, or a dead run's taken over, between this run's
  // try and its look at the holder.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      // Written whole under a name of its own, then linked into place: link() creates the
      // lock atomically, so no other run ever reads it half-written.
      const own = `${lock}.${mine}`;
      fs.writeFileSync(own, mine);
      try {
        fs.linkSync(own, lock);
      } finally {
        fs.rmSync(own, { force: true });
      }
      const release = (): void => {
        if (fs.readFileSync(lock, { encoding: "utf8", flag: "r" }) === mine) fs.rmSync(lock, { force: true });
      };
      return { release: () => void ignoreErrors(release), ...(note && { note }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holder: number;
    try {
      holder = Number(fs.readFileSync(lock, "utf8")) || 0;
    } catch (error) {
      // Released by its holder just now: try again (this race ended in a stack trace before).
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    if (holder > 0 && processAlive(holder)) {
      throw usageError(
        `[directory]: another create-sps-plugin run (PID ${holder}) is writing ${targetDir}; wait for it to end (its lock: ${lock})`,
      );
    }
    note = `a run that wrote ${targetDir} before (PID ${holder}) ended without cleaning up; its lock was taken over`;
    fs.rmSync(lock, { force: true });
  }
  throw usageError(`[directory]: could not lock ${targetDir} (${lock}); is another run starting?`);
}

function ignoreErrors(step: () => void): void {
  try {
    step();
  } catch {
    // The lock is gone already, or was taken over: nothing of this run's to remove.
  }
}

/**
 * The lock for `targetDir`, then the journals of runs that were killed there replayed (their
 * replaced files put back, their new files removed): what every writing command does first.
 */
export function claimTarget(targetDir: string): { release: () => void; notes: string[] } {
  const lock = lockTarget(targetDir);
  try {
    const recovered = recoverJournals(targetDir);
    return { release: lock.release, notes: [...(lock.note ? [lock.note] : []), ...recovered] };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * Holds SIGINT and SIGTERM for a step that must not stop half-way (git's own work around a
 * write): they are noted, not obeyed, until `release()`; `received()` says whether one came.
 */
export function holdSignals(): { received: () => NodeJS.Signals | undefined; release: () => void } {
  let signal: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals): void => {
    signal ??= name;
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  return {
    received: () => signal,
    release: () => void process.off("SIGINT", onSignal).off("SIGTERM", onSignal),
  };
}
