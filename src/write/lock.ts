/**
 * One run at a time per target, and what a killed run left behind put right before the next
 * one writes (see journal.ts).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CliError, usageError } from "../core/errors.js";
import { privateFolder } from "./private-folder.js";
import { processRuns, startTimeOf } from "./process.js";
import { userTag } from "./private-folder.js";

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
function lockPath(targetDir: string): string {
  const target = path.resolve(targetDir);
  const id = crypto.createHash("sha1").update(target).digest("hex").slice(0, 16);
  return path.join(lockFolder(), `${id}.lock`);
}

/**
 * Where a run notes the hidden staging folder of a new project while it exists: in the
 * private lock folder, which only this user can write, so that the next run can remove one a
 * killed run left, knowing it is ours.
 */
export function stagingRecord(targetDir: string): string {
  return `${lockPath(targetDir)}.staging`;
}

/** Removes the staging folder a killed run left for `targetDir`, if any; says so. */
export function sweepStaging(targetDir: string): string | undefined {
  const record = stagingRecord(targetDir);
  let staging: string;
  try {
    staging = fs.readFileSync(record, "utf8");
  } catch {
    return undefined;
  }
  const target = path.resolve(targetDir);
  const ours =
    path.dirname(staging) === path.dirname(target) &&
    new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.create-sps-plugin-\\d+$`).test(
      path.basename(staging),
    );
  let note: string | undefined;
  if (ours && fs.lstatSync(staging, { throwIfNoEntry: false })?.isDirectory()) {
    fs.rmSync(staging, { recursive: true, force: true });
    note = `removed ${staging}, the half-written new project a killed run left`;
  }
  fs.rmSync(record, { force: true });
  return note;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function lockTarget(targetDir: string): { release: () => void; note?: string; tookOverFrom?: string } {
  const lock = lockPath(targetDir);
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
