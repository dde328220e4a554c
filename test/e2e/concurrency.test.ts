/**
 * Two runs at once into one target: one writes the project, the other is refused (exit 2)
 * without touching it, and nothing of either is left beside it. A lock left by a killed run
 * is taken over with a note.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, GIT_ENV, listTree, tempDir } from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

interface Done {
  status: number | null;
  stderr: string;
}

function start(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Done> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...GIT_ENV, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

/** This user's private lock folder (src/write/lock.ts), made as a run would make it. */
const lockFolder = (tmp = os.tmpdir()): string => {
  const folder = path.join(tmp, `create-sps-plugin-${process.getuid?.() ?? 0}`);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
};
const lockOf = (target: string): string =>
  path.join(lockFolder(), `${crypto.createHash("sha1").update(target).digest("hex").slice(0, 16)}.lock`);

/** This process's start time as /proc gives it, which a lock records beside the PID. */
function startTime(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
}

describe("two runs into one target", () => {
  it("20 pairs: exactly one project, whole; the other run refused; nothing left behind", async () => {
    // What one undisturbed run makes: the file list each pair's winner must match.
    const reference = fs.mkdtempSync(path.join(root, "reference-"));
    expect((await start(["p", "-t", "aa", "--yes", "--no-git"], reference)).status).toBe(0);
    const files = listTree(path.join(reference, "p"));
    for (let pair = 0; pair < 20; pair += 1) {
      const cwd = fs.mkdtempSync(path.join(root, "pair-"));
      const git = pair % 5 === 0 ? [] : ["--no-git"]; // every fifth pair with the git step
      const results = await Promise.all([
        start(["p", "-t", "aa", "--yes", ...git], cwd),
        start(["p", "-t", "aa", "--yes", ...git], cwd),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses, results.map((r) => r.stderr).join("\n")).toEqual([0, 2]);
      const loser = results.find((r) => r.status === 2);
      expect(loser?.stderr).toMatch(/another create-sps-plugin run \(PID \d+\) is writing p|p is not empty/);
      const made = listTree(path.join(cwd, "p")).filter((f) => !f.startsWith(".git/") && f !== ".git");
      expect(made).toEqual(files);
      expect(fs.readdirSync(cwd)).toEqual(["p"]);
      expect(fs.existsSync(lockOf(path.join(cwd, "p")))).toBe(false);
    }
  }, 300_000);

  it("takes over a lock whose run is gone, and says so", async () => {
    const cwd = fs.mkdtempSync(path.join(root, "stale-"));
    const lock = lockOf(path.join(cwd, "p"));
    fs.writeFileSync(lock, "999999999");
    const result = await start(["p", "-t", "aa", "--yes", "--no-git"], cwd);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      "note: a run that wrote p before (PID 999999999) ended without cleaning up",
    );
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("refuses while a live run holds the lock, and writes nothing", async () => {
    const cwd = fs.mkdtempSync(path.join(root, "held-"));
    const lock = lockOf(path.join(cwd, "p"));
    fs.writeFileSync(lock, `${process.pid} ${startTime(process.pid)}`); // this test process: alive
    const result = await start(["p", "-t", "aa", "--yes", "--no-git"], cwd);
    fs.rmSync(lock);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`another create-sps-plugin run (PID ${process.pid}) is writing p`);
    // And the way out, should that PID be no run of ours.
    expect(result.stderr).toContain(
      `If PID ${process.pid} is no create-sps-plugin run (ps -p ${process.pid}), remove ${lock}`,
    );
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it("takes over a lock whose PID is alive but was given to another process since", async () => {
    const cwd = fs.mkdtempSync(path.join(root, "reused-"));
    const lock = lockOf(path.join(cwd, "p"));
    // Alive, but started at another moment than the run that wrote the lock.
    fs.writeFileSync(lock, `${process.pid} 1`);
    const result = await start(["p", "-t", "aa", "--yes", "--no-git"], cwd);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `(PID ${process.pid}) ended without cleaning up; its lock was taken over`,
    );
  });

  it.each([
    [
      "a symlink planted by someone else",
      (folder: string) => fs.symlinkSync(fs.mkdtempSync(path.join(root, "elsewhere-")), folder),
    ],
    [
      "writable by others",
      (folder: string) => fs.mkdirSync(folder, { mode: 0o777 }) ?? fs.chmodSync(folder, 0o777),
    ],
  ])("refuses a lock folder that is %s, and writes nothing", async (_, plant) => {
    const tmp = fs.mkdtempSync(path.join(root, "tmp-"));
    const folder = path.join(tmp, `create-sps-plugin-${process.getuid?.() ?? 0}`);
    plant(folder);
    const cwd = fs.mkdtempSync(path.join(root, "planted-"));
    const result = await start(["p", "-t", "aa", "--yes", "--no-git"], cwd, { TMPDIR: tmp });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(`cannot lock: ${folder} is not a private folder of this user`);
    expect(result.stderr).toContain("set TMPDIR to a folder of your own");
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});
