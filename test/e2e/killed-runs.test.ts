/**
 * A run killed outright (SIGKILL) while it writes into an existing folder: the next run there
 * behaves exactly as if the killed run had never happened — the same files byte for byte, the
 * same .sps-plugin.json, the same output — apart from one line saying what was rolled back.
 * For create --force, update and adopt, in loops of 20, the kill timed by the run's own
 * journal's steps (so the kills land mid-write: counted, and at least 12 of 20 asserted; with
 * two CPU-bound processes beside it, create --force, update and adopt each landed 20 of 20;
 * alone, 20, 20 and 19).
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, GIT_ENV, listTree, runCli, tempDir } from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Path -> SHA-1 of every file outside .git. */
function state(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const file of listTree(dir)) {
    if (file === ".git" || file.startsWith(".git/")) continue;
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile())
      found[file] = crypto.createHash("sha1").update(fs.readFileSync(full)).digest("hex");
  }
  return found;
}

function git(cwd: string, ...args: string[]): void {
  const ran = spawnSync("git", args, { cwd, env: GIT_ENV, encoding: "utf8" });
  expect(ran.status, ran.stderr).toBe(0);
}

/** Each command's starting folder, and its arguments given that folder. */
const COMMANDS: Record<
  string,
  { make: (dir: string) => void; args: (dir: string) => string[]; steps: number }
> = {
  "create --force": {
    steps: 3,
    make: (dir) => {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "README.md"), "# Our notes\n");
      fs.writeFileSync(path.join(dir, "keep.txt"), "never touched\n");
    },
    args: (dir) => [dir, "-t", "credentialstore", "-n", "Fixed", "--yes", "--no-git", "--force"],
  },
  // update and adopt write three and four files here: the kill comes after their first or
  // second, never after the last but one (on a busy machine such a run often ends before the
  // kill arrives: adopt landed 13 of 20 mid-write when a third of its rounds waited for step 3).
  update: {
    steps: 2,
    make: (dir) => {
      expect(
        runCli([dir, "-t", "credentialstore", "-n", "vault_gate", "--yes", "--no-git"], root).status,
      ).toBe(0);
      // An older generation: its README said otherwise, and the record says so.
      const record = JSON.parse(fs.readFileSync(path.join(dir, ".sps-plugin.json"), "utf8")) as {
        version: string;
        files: Record<string, string>;
      };
      for (const file of ["README.md", "default.cfg", "vault_gate/plugin.py", "tests/test_session.py"]) {
        const older = `${fs.readFileSync(path.join(dir, file), "utf8")}\n# older\n`;
        fs.writeFileSync(path.join(dir, file), older);
        record.files[file] = crypto
          .createHash("sha1")
          .update(`blob ${Buffer.byteLength(older)}\0`)
          .update(older)
          .digest("hex");
      }
      record.version = "0.0.1";
      fs.writeFileSync(path.join(dir, ".sps-plugin.json"), `${JSON.stringify(record, null, 2)}\n`);
      git(dir, "init", "--quiet", "--initial-branch=main");
      git(dir, "add", "--all");
      git(dir, "commit", "--quiet", "-m", "older generation");
    },
    args: (dir) => ["update", dir],
  },
  adopt: {
    steps: 2,
    make: (dir) => {
      fs.mkdirSync(path.join(dir, "lib"), { recursive: true });
      fs.writeFileSync(
        path.join(dir, "MANIFEST"),
        "name: Adopted\ndescription: d\nversion: 1.0.0\ntype: aa\napi: 1.7\nentry_point: main.py\n",
      );
      fs.writeFileSync(
        path.join(dir, "main.py"),
        "#!/usr/bin/env pluginwrapper3\nfrom lib.plugin import Plugin\n",
      );
      fs.writeFileSync(path.join(dir, "lib", "__init__.py"), "");
      fs.writeFileSync(
        path.join(dir, "lib", "plugin.py"),
        "class Plugin:\n    def __init__(self, configuration):\n        pass\n\n    def authenticate(self, **kwargs):\n        return {'verdict': 'ACCEPT'}\n",
      );
      fs.writeFileSync(path.join(dir, "README.md"), "# Ours\n");
    },
    args: (dir) => ["adopt", dir, "--no-git"],
  },
};

/**
 * The wait between two looks at the run's journal: a millisecond while the run starts and
 * plans (most of its time; spinning there kept a core busy that the run and the other test
 * file need), then as little as the event loop allows once it writes, so that the kill lands
 * between two of its steps.
 */
const pause = (writing: boolean): Promise<void> =>
  new Promise((resolve) => (writing ? setImmediate(resolve) : setTimeout(resolve, 1)));

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runIn(args: string[]): Outcome {
  const ran = spawnSync(process.execPath, [BIN, ...args], { cwd: root, env: GIT_ENV, encoding: "utf8" });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

/**
 * Starts the command and SIGKILLs it once its journal notes 1 to `most` steps (the round says
 * how many), which is mid-write; or when it ends first.
 */
async function killMidWrite(args: string[], dir: string, round: number, most: number): Promise<void> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: GIT_ENV, stdio: "ignore" });
  let ended = false;
  const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
  child.on("exit", () => (ended = true));
  const log = path.join(dir, `.create-sps-plugin-journal-${child.pid}`, "journal");
  // Once the journal's folder appears (inotify wakes this at once), the run goes on at the
  // lowest priority: its writes are not changed, only slowed, so that this loop sees each
  // step. On a busy machine a run writing four files otherwise began and ended its writes
  // between two looks (adopt: 12-15 of 20 kills mid-write with two CPU-bound processes
  // beside it, the journal seen empty and then whole). Each write to the journal wakes the
  // loop too, so it never spins; a millisecond's timer is the fallback.
  const watchers: fs.FSWatcher[] = [];
  let begun = false;
  let wake: (() => void) | undefined;
  const woken = (): void => wake?.();
  watchers.push(
    fs.watch(dir, (_, file) => {
      if (begun || !file?.startsWith(".create-sps-plugin-journal-")) return;
      begun = true;
      try {
        os.setPriority(child.pid as number, 19);
        watchers.push(fs.watch(path.dirname(log), woken));
      } catch {
        // It has ended already.
      }
      woken();
    }),
  );
  const next = (): Promise<void> =>
    new Promise((resolve) => {
      wake = resolve;
      setTimeout(resolve, 1);
    });
  const steps = 2 + (round % most); // the header, then 1 to `most` steps
  const noted = (): number => {
    try {
      return fs.readFileSync(log, "utf8").split("\n").length - 1;
    } catch {
      return 0;
    }
  };
  try {
    for (let seen = noted(); !ended && seen < steps; seen = noted()) await next();
  } finally {
    for (const watcher of watchers) watcher.close();
  }
  child.kill("SIGKILL");
  await closed;
}

describe.each(Object.keys(COMMANDS))("%s killed mid-write", (name) => {
  it("the next run behaves as if the killed run had never happened", async () => {
    const command = COMMANDS[name] as (typeof COMMANDS)[string];
    const template = path.join(root, `${name.replace(/\W+/g, "-")}-start`);
    command.make(template);
    const reference = path.join(root, `${name.replace(/\W+/g, "-")}-reference`);
    fs.cpSync(template, reference, { recursive: true });
    const expected = runIn(command.args(reference));
    expect(expected.status, expected.stderr).toBe(0);
    const expectedState = state(reference);
    let midWrite = 0;
    for (let round = 0; round < 20; round += 1) {
      const dir = path.join(root, `${name.replace(/\W+/g, "-")}-${round}`);
      fs.cpSync(template, dir, { recursive: true });
      const before = state(dir);
      await killMidWrite(command.args(dir), dir, round, command.steps);
      // A journal with its log: the run had begun writing (a journal folder without one was
      // made just before the kill, or was being cleared after the run's end).
      const left = fs
        .readdirSync(dir)
        .some(
          (f) => f.startsWith(".create-sps-plugin-journal-") && fs.existsSync(path.join(dir, f, "journal")),
        );
      const now = state(dir);
      if (!left && JSON.stringify(now) !== JSON.stringify(before)) continue; // it finished first
      if (left) midWrite += 1;
      const next = runIn(command.args(dir));
      expect(next.status, `round ${round}: ${next.stderr}`).toBe(0);
      // Byte for byte, .sps-plugin.json included, and the same output on stdout.
      expect(state(dir), `round ${round}`).toEqual(expectedState);
      // The Replacing line names the run's own PID; everything else is the same.
      const same = (text: string, where: string): string =>
        text.replace(/journal-\d+/g, "journal-PID").replaceAll(where, "DIR");
      expect(same(next.stdout, dir)).toBe(same(expected.stdout, reference));
      const notes = next.stderr.split("\n").filter((line) => line.startsWith("note: "));
      // One line: what was rolled back, or (killed before it wrote anything) its lock taken over.
      expect(notes.length, next.stderr).toBe(left ? 1 : notes.length > 0 ? 1 : 0);
      expect(notes[0] ?? "note: ", next.stderr).toMatch(
        left
          ? /^note: a run \(PID \d+\) was killed while writing .*: \d+ replaced file\(s\) put back/
          : /^note: (a run that wrote .* ended without cleaning up; its lock was taken over)?$/,
      );
      expect(next.stderr.replace(/^note: .*\n/m, ""), `round ${round}`).toBe(expected.stderr);
    }
    // Most kills landed while the run was writing: the loop proves what it claims.
    // (A kill after an update's last step often finds it done: its writes are few and fast.)
    console.log(`${name}: ${midWrite} of 20 kills landed mid-write`); // the share, for the record
    expect(midWrite, `${midWrite} of 20 kills landed mid-write`).toBeGreaterThanOrEqual(12);
  }, 240_000);
});

describe("a new project's run killed mid-write", () => {
  it("leaves a hidden staging folder that the next run for that target removes, saying so", async () => {
    let removed = 0;
    for (let round = 0; round < 5; round += 1) {
      const cwd = path.join(root, `staging-${round}`);
      fs.mkdirSync(cwd);
      const child = spawn(process.execPath, [BIN, "p", "-t", "aa", "--yes", "--no-git"], {
        cwd,
        env: GIT_ENV,
        stdio: "ignore",
      });
      let ended = false;
      const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
      child.on("exit", () => (ended = true));
      const staging = path.join(cwd, `.p.create-sps-plugin-${child.pid}`);
      const written = (): number => {
        try {
          return fs.readdirSync(staging, { recursive: true }).length;
        } catch {
          return 0;
        }
      };
      for (let seen = written(); !ended && seen < 3 + round; seen = written()) await pause(seen > 0);
      child.kill("SIGKILL");
      await closed;
      if (!fs.existsSync(staging)) continue; // it finished first
      const next = spawnSync(process.execPath, [BIN, "p", "-t", "aa", "--yes", "--no-git"], {
        cwd,
        env: GIT_ENV,
        encoding: "utf8",
      });
      expect(next.status, next.stderr).toBe(0);
      expect(next.stderr).toContain(
        `note: removed ${staging}, the half-written new project a killed run left`,
      );
      expect(fs.readdirSync(cwd)).toEqual(["p"]);
      removed += 1;
    }
    expect(removed).toBeGreaterThanOrEqual(3);
  });
});
