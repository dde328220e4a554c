/**
 * A journal is replayed only when it provably is one this user's run wrote into this very
 * folder (src/write/journal.ts): committed, forged, copied from another folder or written by
 * someone else, it is left untouched and reported; and even a genuine one acts only on clean
 * paths inside the folder, never through a symlink, never inside .git.
 */
import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeJournal, type Entry } from "../helpers/journal.js";
import { GIT_ENV, runCli, tempDir } from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let count = 0;
/** A folder holding the user's file, and a file outside it that a hostile journal aims at. */
function scene(): { dir: string; outside: string } {
  count += 1;
  const base = path.join(root, `scene-${count}`);
  const dir = path.join(base, "plugin");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "keep.txt"), "the user's\n");
  const outside = path.join(base, "outside.txt");
  fs.writeFileSync(outside, "not the project's\n");
  return { dir, outside };
}

function recover(dir: string): { status: number | null; out: string } {
  const ran = runCli(["recover", dir], root);
  return { status: ran.status, out: ran.stdout + ran.stderr };
}

const HOSTILE: Entry[] = [
  { file: "../outside.txt", backup: null },
  { file: "keep.txt", backup: null },
];

describe("journals that are not ours are left untouched and reported", () => {
  it.each([
    [
      "unsealed, as one committed to a repository would be",
      { key: Buffer.alloc(32) },
      "its seal does not match",
    ],
    ["sealed with another user's key", { key: crypto.randomBytes(32) }, "its seal does not match"],
  ])("%s", (_, options, why) => {
    const { dir, outside } = scene();
    const journal = writeJournal(dir, 999999990, HOSTILE, options);
    const result = recover(dir);
    expect(result.status, result.out).toBe(0);
    expect(result.out).toContain(
      `${journal} was left untouched: it was not written by this user's run (${why})`,
    );
    expect(fs.readFileSync(outside, "utf8")).toBe("not the project's\n");
    expect(fs.readFileSync(path.join(dir, "keep.txt"), "utf8")).toBe("the user's\n");
    expect(fs.existsSync(journal)).toBe(true);
  });

  it("a genuine journal copied from another folder", () => {
    const { dir } = scene();
    const other = scene().dir;
    const journal = writeJournal(dir, 999999991, [{ file: "keep.txt", backup: null }], { boundTo: other });
    const result = recover(dir);
    expect(result.out).toContain(`it was written for another folder (${fs.realpathSync(other)})`);
    expect(fs.existsSync(path.join(dir, "keep.txt"))).toBe(true);
    expect(fs.existsSync(journal)).toBe(true);
  });

  it.each([
    ["../outside.txt", "not a clean path inside the project"],
    ["/etc/passwd", "not a clean path inside the project"],
    [".git/hooks/pre-commit", "inside a version-control folder"],
    [".GIT/config", "inside a version-control folder"],
    ["sub\nREPLACE x", "a name with a control character"],
  ])("a sealed journal naming %j", (file, why) => {
    const { dir, outside } = scene();
    const journal = writeJournal(dir, 999999992, [
      { file, backup: null },
      { file: "keep.txt", backup: null },
    ]);
    const result = recover(dir);
    expect(result.out).toContain(`${journal} was left untouched: it names ${JSON.stringify(file)}, ${why}`);
    expect(fs.readFileSync(outside, "utf8")).toBe("not the project's\n");
    expect(fs.existsSync(path.join(dir, "keep.txt"))).toBe(true);
  });

  it("a folder swapped for a symlink since is never followed", () => {
    const { dir } = scene();
    const elsewhere = path.join(root, `elsewhere-${count}`);
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, "a.txt"), "someone else's\n");
    fs.symlinkSync(elsewhere, path.join(dir, "sub"));
    writeJournal(dir, 999999993, [{ made: "sub" }, { file: "sub/a.txt", backup: null }]);
    const result = recover(dir);
    expect(result.status, result.out).toBe(0);
    expect(result.out).toContain("a run (PID 999999993) was killed while writing");
    expect(fs.readFileSync(path.join(elsewhere, "a.txt"), "utf8")).toBe("someone else's\n");
  });

  it("a journal whose PID runs again, as another process, is replayed", () => {
    const { dir } = scene();
    fs.writeFileSync(path.join(dir, "added.py"), "x = 1\n");
    writeJournal(dir, process.pid, [{ file: "added.py", backup: null }], { started: "1" });
    const result = recover(dir);
    expect(result.out).toContain(`a run (PID ${process.pid}) was killed while writing`);
    expect(fs.existsSync(path.join(dir, "added.py"))).toBe(false);
  });

  it("update in a repository that committed a journal: ignored, reported, and the update goes on", () => {
    const dir = path.join(root, "committed");
    expect(runCli([dir, "-t", "aa", "-n", "Gate", "--yes", "--no-git"], root).status).toBe(0);
    // The generated ignore rules keep journals out of git; a hostile commit forces one in.
    const journal = writeJournal(dir, 999999994, [{ file: "../outside.txt", backup: null }], {
      key: Buffer.alloc(32),
    });
    spawnSync("git", ["init", "-q"], { cwd: dir });
    expect(
      spawnSync("git", ["check-ignore", "-q", `${path.basename(journal)}/journal`], { cwd: dir }).status,
    ).toBe(0);
    for (const args of [
      ["add", "-A", "-f"],
      ["commit", "-q", "-m", "with a journal"],
    ])
      expect(spawnSync("git", args, { cwd: dir, env: GIT_ENV }).status).toBe(0);
    fs.writeFileSync(path.join(root, "outside.txt"), "safe\n");
    const result = runCli(["update", dir], root);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("was left untouched: it was not written by this user's run");
    expect(fs.readFileSync(path.join(root, "outside.txt"), "utf8")).toBe("safe\n");
  });

  it("--dry-run plans over a journal that is not ours, and refuses over one it would replay", () => {
    const dir = path.join(root, "dry");
    expect(runCli([dir, "-t", "aa", "-n", "Gate", "--yes", "--no-git"], root).status).toBe(0);
    const foreign = writeJournal(dir, 999999995, [{ file: "README.md", backup: null }], {
      key: Buffer.alloc(32),
    });
    const dry = runCli(["update", dir, "--dry-run"], root);
    expect(dry.status, dry.stderr).toBe(0);
    expect(fs.existsSync(foreign)).toBe(true);
    writeJournal(dir, 999999996, [{ file: "README.md", backup: null }]);
    const refused = runCli(["update", dir, "--dry-run"], root);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("left by a run that was killed there; run create-sps-plugin recover");
  });
});
