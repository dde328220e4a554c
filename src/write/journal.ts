/**
 * Writing into an existing folder (--force, update, adopt) changes files in place. Each step
 * is noted first in a journal inside the folder, `.create-sps-plugin-journal-<PID>/`, which
 * also holds the files the run replaces. The run removes it when it ends, whole or rolled
 * back. A run killed outright (SIGKILL) leaves it: the next run there, or
 * `create-sps-plugin recover <dir>`, replays it backwards, putting every replaced file back
 * and removing what the run had added, so the folder is as it was before.
 *
 * A journal is replayed only when it provably is one that this user's run wrote into this
 * very folder: every line carries an HMAC under a key only this user can read (see
 * owner-secret.ts) over the folder's identity (its real path, device and inode), so a journal
 * committed to a repository, copied from another folder or written by someone else is left
 * untouched and reported. Replay acts only on clean paths inside the folder, never through a
 * symlink, and never inside a version-control folder.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathProblem } from "../core/paths.js";
import { processRuns, startTimeOf } from "./process.js";

export const JOURNAL_PREFIX = ".create-sps-plugin-journal-";

/** One step, noted before it is taken. */
type Entry =
  | { made: string } // a folder the run created (relative)
  | { file: string; backup: number | null }; // a file written; its old copy, if it had one

/** Who wrote a journal, and where: its first line. */
interface Header {
  journal: 2;
  pid: number;
  /** The process's start time (Linux), so that a reused PID is told from the run. */
  started: string;
  folder: string;
  device: number;
  inode: number;
}

function identity(target: string): { folder: string; device: number; inode: number } {
  const real = fs.realpathSync(target);
  const stat = fs.statSync(real, { bigint: false });
  return { folder: real, device: stat.dev, inode: stat.ino };
}

function seal(key: Buffer, index: number, body: string): string {
  return crypto.createHmac("sha256", key).update(`${index}\n${body}`).digest("hex");
}

/** A line of the log: the entry and its HMAC (bound to its place in the log). */
function sealed(key: Buffer, index: number, value: object): string {
  const body = JSON.stringify(value);
  return `${JSON.stringify({ body, mac: seal(key, index, body) })}\n`;
}

export class Journal {
  readonly dir: string;
  private readonly log: string;
  private readonly key: Buffer;
  private count = 0;
  private lines = 0;

  /** `key`: this user's journal key (owner-secret.ts), which seals every line. */
  constructor(
    readonly target: string,
    key: Buffer,
  ) {
    this.key = key;
    this.dir = path.join(target, `${JOURNAL_PREFIX}${process.pid}`);
    this.log = path.join(this.dir, "journal");
    fs.mkdirSync(this.dir, { mode: 0o700 });
    const header: Header = {
      journal: 2,
      pid: process.pid,
      started: startTimeOf(process.pid),
      ...identity(target),
    };
    // Whole or absent: a kill between creating the log and writing its header leaves no log.
    const first = `${this.log}.tmp`;
    fs.writeFileSync(first, sealed(this.key, this.lines++, header), { flag: "wx", mode: 0o600 });
    fs.renameSync(first, this.log);
  }

  private note(entry: Entry): void {
    fs.appendFileSync(this.log, sealed(this.key, this.lines++, entry));
  }

  /** Notes a folder the run is about to have created. */
  made(relative: string): void {
    this.note({ made: relative });
  }

  /** Notes a file about to be written; returns where its old copy goes, if it has one. */
  file(relative: string, replaces: boolean): string | undefined {
    const backup = replaces ? this.count++ : null;
    this.note({ file: relative, backup });
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

/** Why a journal is not replayed, or its header and entries (newest last). */
function readJournal(
  target: string,
  dir: string,
  key: Buffer,
): string | { header: Header; entries: Entry[] } {
  const stat = fs.lstatSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return "it is not a folder";
  const log = path.join(dir, "journal");
  const logStat = fs.lstatSync(log, { throwIfNoEntry: false });
  if (logStat === undefined) return "";
  if (!logStat.isFile() || logStat.size > 64 * 1024 * 1024) return "its log is not a plain file of ours";
  const lines = fs.readFileSync(log, "utf8").split("\n");
  const values: unknown[] = [];
  for (const [index, line] of lines.entries()) {
    if (line === "") continue;
    let parsed: { body?: unknown; mac?: unknown };
    try {
      parsed = JSON.parse(line) as { body?: unknown; mac?: unknown };
    } catch {
      // The last line, cut short by the kill: its step was never taken.
      if (index >= lines.length - 2) break;
      return "its log is damaged";
    }
    const { body, mac } = parsed;
    if (typeof body !== "string" || typeof mac !== "string") return "its log is not one of ours";
    const expected = Buffer.from(seal(key, values.length, body), "hex");
    const given = Buffer.from(mac, "hex");
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
      return "it was not written by this user's run (its seal does not match)";
    values.push(JSON.parse(body));
  }
  const [header, ...entries] = values as [Header, ...Entry[]];
  if (header?.journal !== 2) return "it has no header";
  const here = identity(target);
  if (header.folder !== here.folder || header.device !== here.device || header.inode !== here.inode)
    return `it was written for another folder (${header.folder})`;
  for (const entry of entries) {
    const relative = "made" in entry ? entry.made : entry.file;
    const problem = typeof relative === "string" ? pathProblem(relative) : "not a path";
    if (problem) return `it names ${JSON.stringify(relative)}, ${problem}`;
  }
  return { header, entries };
}

/** `relative` inside `target`, reached through real folders only (no symlink on the way). */
function throughFolders(target: string, relative: string): string | undefined {
  const parts = relative.split("/");
  let current = target;
  for (const part of parts.slice(0, -1)) {
    current = path.join(current, part);
    const stat = fs.lstatSync(current, { throwIfNoEntry: false });
    if (stat === undefined) return undefined; // nothing there to put back or remove
    if (!stat.isDirectory()) return undefined; // a link (or file) swapped in: never followed
  }
  return path.join(current, parts[parts.length - 1] as string);
}

function replay(target: string, dir: string, header: Header, entries: Entry[]): number {
  let restored = 0;
  for (const entry of [...entries].reverse()) {
    if ("made" in entry) {
      const folder = throughFolders(target, entry.made);
      if (folder && fs.lstatSync(folder, { throwIfNoEntry: false })?.isDirectory())
        fs.rmSync(folder, { recursive: true, force: true });
      continue;
    }
    const file = throughFolders(target, entry.file);
    if (file === undefined) continue;
    fs.rmSync(path.join(path.dirname(file), `.${path.basename(file)}.create-sps-plugin-${header.pid}`), {
      force: true,
    });
    const backup = entry.backup === null ? undefined : path.join(dir, String(entry.backup));
    if (backup && fs.lstatSync(backup, { throwIfNoEntry: false })?.isFile()) {
      if (fs.lstatSync(file, { throwIfNoEntry: false })?.isDirectory()) continue;
      fs.renameSync(backup, file);
      restored += 1;
    } else if (entry.backup === null && !fs.lstatSync(file, { throwIfNoEntry: false })?.isDirectory()) {
      fs.rmSync(file, { force: true });
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return restored;
}

/** The journals in `targetDir` that a run would replay (names): what a dry run refuses to
 * plan over. One that is not ours is never replayed, so it does not count. */
export function replayableJournals(targetDir: string, key: () => Buffer): string[] {
  return journalsIn(targetDir).filter(
    (name) => typeof readJournal(targetDir, path.join(targetDir, name), key()) !== "string",
  );
}

/** The journal folders in `targetDir` (names). */
export function journalsIn(targetDir: string): string[] {
  try {
    return fs.readdirSync(targetDir).filter((name) => name.startsWith(JOURNAL_PREFIX));
  } catch {
    return [];
  }
}

/**
 * Replays the journals of runs that died in `targetDir`; returns one note per journal, also
 * for each left untouched and why. The caller holds the target's lock: a journal whose run is
 * still alive (same PID, same start time) belongs to a run that locked elsewhere (another
 * temporary folder) and is left alone; one whose PID was reused is replayed.
 */
export function recoverJournals(targetDir: string, key: () => Buffer): string[] {
  const notes: string[] = [];
  for (const name of journalsIn(targetDir)) {
    const dir = path.join(targetDir, name);
    const read = readJournal(targetDir, dir, key());
    if (read === "") {
      // No log: the run was killed before it wrote anything, or while clearing its journal
      // after it ended. Nothing to put back; the folder goes if it holds only what a journal
      // holds (old copies, the header being written), else it is left and reported.
      const held = fs.lstatSync(dir, { throwIfNoEntry: false })?.isDirectory() ? fs.readdirSync(dir) : [];
      if (held.every((entry) => /^(\d+|journal\.tmp)$/.test(entry)))
        fs.rmSync(dir, { recursive: true, force: true });
      else
        notes.push(
          `${dir} was left untouched: it has no log, and holds files a journal does not; delete it if no run of yours was killed there`,
        );
      continue;
    }
    if (typeof read === "string") {
      notes.push(`${dir} was left untouched: ${read}; if no run of yours was killed there, delete it`);
      continue;
    }
    const { header, entries } = read;
    if (processRuns(header.pid, header.started)) {
      notes.push(`${dir} belongs to a run (PID ${header.pid}) that is still writing there; left alone`);
      continue;
    }
    const restored = replay(targetDir, dir, header, entries);
    notes.push(
      `a run (PID ${header.pid}) was killed while writing ${targetDir}: ${restored} replaced file(s) put back and its new files removed`,
    );
  }
  return notes;
}
