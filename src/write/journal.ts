/**
 * Writing into an existing folder (--force, update, adopt) changes files in place. Each step
 * is noted first in a journal inside the folder, `.create-sps-plugin-journal-<PID>/`, which
 * also holds the files the run replaces. The run removes it when it ends, whole or rolled
 * back. A run killed outright (SIGKILL) leaves it: the next run there, or
 * `create-sps-plugin recover <dir>`, replays it backwards, putting every replaced file back
 * and removing what the run had added, so the folder is as it was before.
 */
import fs from "node:fs";
import path from "node:path";

const PREFIX = ".create-sps-plugin-journal-";

/** One step, noted before it is taken. */
type Entry =
  | { made: string } // a folder the run created (relative)
  | { file: string; backup: number | null }; // a file written; its old copy, if it had one

export class Journal {
  readonly dir: string;
  private readonly log: string;
  private count = 0;

  constructor(readonly target: string) {
    this.dir = path.join(target, `${PREFIX}${process.pid}`);
    this.log = path.join(this.dir, "journal");
    fs.mkdirSync(this.dir);
    fs.writeFileSync(this.log, "");
  }

  /** Notes a folder the run is about to have created. */
  made(relative: string): void {
    fs.appendFileSync(this.log, `${JSON.stringify({ made: relative })}\n`);
  }

  /** Notes a file about to be written; returns where its old copy goes, if it has one. */
  file(relative: string, replaces: boolean): string | undefined {
    const backup = replaces ? this.count++ : null;
    fs.appendFileSync(this.log, `${JSON.stringify({ file: relative, backup })}\n`);
    return backup === null ? undefined : path.join(this.dir, String(backup));
  }

  /** The run ended (done or rolled back): nothing to replay. */
  close(): void {
    // The log goes first, in one unlink: killed after it, a later run finds nothing to
    // replay and only clears the folder; killed before it, the whole journal is still there.
    fs.rmSync(this.log, { force: true });
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether a process of that PID runs (EPERM: it does, as another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function replay(target: string, dir: string, pid: number): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, "journal"), "utf8");
  } catch {
    // The run had ended and was clearing its journal: nothing to put back.
    fs.rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const lines = text.split("\n").filter(Boolean);
  let restored = 0;
  for (const line of lines.reverse()) {
    let entry: Entry;
    try {
      entry = JSON.parse(line) as Entry;
    } catch {
      continue; // the last line, cut short by the kill: its step was never taken
    }
    if ("made" in entry) {
      fs.rmSync(path.join(target, entry.made), { recursive: true, force: true });
      continue;
    }
    const file = path.join(target, entry.file);
    fs.rmSync(path.join(path.dirname(file), `.${path.basename(file)}.create-sps-plugin-${pid}`), {
      force: true,
    });
    const backup = entry.backup === null ? undefined : path.join(dir, String(entry.backup));
    if (backup && fs.existsSync(backup)) {
      fs.renameSync(backup, file);
      restored += 1;
    } else if (entry.backup === null) {
      fs.rmSync(file, { force: true });
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return restored;
}

/**
 * Replays the journals of runs that died in `targetDir`; returns one note per journal.
 * A journal whose run is still alive is left alone (the caller holds the target's lock, so
 * that is a run outside this machine's view, or a PID reused: nothing is touched then).
 */
export function recoverJournals(targetDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(targetDir).filter((name) => name.startsWith(PREFIX));
  } catch {
    return [];
  }
  const notes: string[] = [];
  for (const name of names) {
    const pid = Number(name.slice(PREFIX.length));
    if (!Number.isInteger(pid) || pid <= 0 || processAlive(pid)) continue;
    const restored = replay(targetDir, path.join(targetDir, name), pid);
    if (restored === undefined) continue;
    notes.push(
      `a run (PID ${pid}) was killed while writing ${targetDir}: ${restored} replaced file(s) put back and its new files removed`,
    );
  }
  return notes;
}
