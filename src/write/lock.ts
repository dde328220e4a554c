/**
 * One run at a time per target, and what a killed run left behind put right before the next
 * one writes (see journal.ts).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CliError, usageError } from "../core/errors.js";
import { recoverJournals } from "./journal.js";
import { privateFolder } from "./private-folder.js";
import { processRuns, startTimeOf } from "./process.js";
import { userTag } from "./owner-secret.js";

/** This user's lock folder in the system's temporary folder (mode 0700, checked). */
function lockFolder(): string {
  const folder = path.join(os.tmpdir(), `create-sps-plugin-${userTag()}`);
  try {
    return privateFolder(folder);
  } catch (error) {
    throw usageError(
      `[directory]: cannot lock: ${(error as Error).message}; remove ${folder} or set TMPDIR to a folder of your own`,
    );
  }
}

/**
 * One run at a time per target: `<hash of the target's path>.lock` in this user's private lock
 * folder (lockFolder) holds the run's PID and start time while it writes (keyed by path, not
 * placed beside the target, because the target's parents may not exist yet and are created
 * during the run). A second run is refused (exit 2); a lock whose run is gone (killed with
 * SIGKILL, or its PID reused since) is taken over, and the returned note says so.
 * `release()` removes the lock if it is still this run's.
 */
export function lockTarget(targetDir: string): { release: () => void; note?: string; tookOverFrom?: string } {
  const target = path.resolve(targetDir);
  const id = crypto.createHash("sha1").update(target).digest("hex").slice(0, 16);
  const lock = path.join(lockFolder(), `${id}.lock`);
  const mine = `${process.pid} ${startTimeOf(process.pid)}`;
  let note: string | undefined;
  let tookOverFrom: string | undefined;
  // A few attempts: the lock may be released, or a dead run's taken over, between this run's
  // try and its look at the holder.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      // Written whole under a name of its own (created, never followed: "wx"), then linked
      // into place: link() creates the lock atomically, so no run reads it half-written.
      const own = `${lock}.${process.pid}`;
      fs.writeFileSync(own, mine, { flag: "wx", mode: 0o600 });
      try {
        fs.linkSync(own, lock);
      } finally {
        fs.rmSync(own, { force: true });
      }
      const release = (): void => {
        if (fs.readFileSync(lock, "utf8") === mine) fs.rmSync(lock, { force: true });
      };
      return { release: () => void ignoreErrors(release), ...(note && { note, tookOverFrom }) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST")
        throw new CliError(`could not lock ${targetDir} (${lock}): ${(error as Error).message}`);
    }
    let holder: string;
    try {
      holder = fs.readFileSync(lock, "utf8");
    } catch (error) {
      // Released by its holder just now: try again.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw new CliError(`could not read the lock ${lock}: ${(error as Error).message}`);
    }
    const [pid = "", started = ""] = holder.split(" ");
    if (processRuns(Number(pid), started)) {
      throw usageError(
        `[directory]: another create-sps-plugin run (PID ${pid}) is writing ${targetDir}; wait for it to end. If PID ${pid} is no create-sps-plugin run (ps -p ${pid}), remove ${lock}`,
      );
    }
    note = `a run that wrote ${targetDir} before (PID ${pid || "unknown"}) ended without cleaning up; its lock was taken over`;
    tookOverFrom = pid;
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
    let recovered: string[];
    try {
      recovered = recoverJournals(targetDir);
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

/** A step that must not stop half-way: signals noted, not obeyed, until `release()`. */
export interface HeldSignals {
  received: () => NodeJS.Signals | undefined;
  release: () => void;
}

/**
 * Holds SIGINT and SIGTERM for a step that must not stop half-way (the write and git's own
 * work around it): they are noted, not obeyed, until `release()`; `received()` says whether
 * one came. The one signal mechanism of every command.
 */
export function holdSignals(): HeldSignals {
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
