/**
 * Journals as a run of ours writes them (src/write/journal.ts), for tests that need one in an
 * exact state: sealed with this user's key, which the suite keeps under XDG_STATE_HOME. A test
 * that forges one (unsealed, or sealed for another folder) shows it is never replayed.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type Entry = { made: string } | { file: string; backup: number | null };

/** The key the runs under test use (made here first if no run has made it yet). */
export function suiteKey(): Buffer {
  const folder = path.join(process.env.XDG_STATE_HOME as string, "create-sps-plugin");
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = path.join(folder, "journal-key");
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch {
    // Made by an earlier run of the suite.
  }
  return Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
}

function line(key: Buffer, index: number, value: object): string {
  const body = JSON.stringify(value);
  const mac = crypto.createHmac("sha256", key).update(`${index}\n${body}`).digest("hex");
  return JSON.stringify({ body, mac });
}

/**
 * Writes `<dir>/.create-sps-plugin-journal-<pid>/journal` noting `entries`, sealed with `key`
 * for `boundTo` (default: `dir` itself); `tail` is appended raw (a line cut short by a kill).
 */
export function writeJournal(
  dir: string,
  pid: number,
  entries: Entry[],
  { key = suiteKey(), boundTo = dir, started = "", tail = "" } = {},
): string {
  const journal = path.join(dir, `.create-sps-plugin-journal-${pid}`);
  fs.mkdirSync(journal, { recursive: true });
  const real = fs.realpathSync(boundTo);
  const stat = fs.statSync(real);
  const header = { journal: 2, pid, started, folder: real, device: stat.dev, inode: stat.ino };
  const lines = [header, ...entries].map((value, index) => line(key, index, value));
  fs.writeFileSync(path.join(journal, "journal"), `${lines.join("\n")}\n${tail}`);
  return journal;
}
