/**
 * A mypy cache of what generated projects import from outside themselves (typeshed's standard
 * library, pytest, sps_dev), made once for the whole suite: each project checked then starts
 * from a copy of it and has mypy analyse only its own modules (about 2 s of CPU cold, 0.5 s
 * so, here). Made once per test file before, five files paid the cold run.
 *
 * The global setup only names a folder for it; the first test that runs mypy makes it (a run
 * of vitest that checks no project pays nothing), and a test in another file that needs it
 * meanwhile waits for that one.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PKG_ROOT } from "./paths.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder the seed is made in (seedFolder), by mypySeed. */
    mypySeed: string;
  }
}

// Deletes a project's own modules (main, tests, its packages) from a mypy cache: what stays
// is typeshed's standard library and the installed packages, each an installed file at one
// absolute path that no test changes. Never a cache shared whole: mypy trusts a cached module
// whose relative path, size and mtime match, and projects hold same-named modules
// (tests/conftest.py) of the same size.
const PRUNE_MYPY_CACHE = `
import glob, re, sqlite3, sys
pattern = re.compile("^(%s)[./]" % "|".join(re.escape(n) for n in sys.argv[2:]))
for db in glob.glob(sys.argv[1] + "/*/cache.*.db"):
    with sqlite3.connect(db) as cache:
        own = [(p,) for (p,) in cache.execute("select path from files2") if pattern.match(p)]
        cache.executemany("delete from files2 where path = ?", own)
`;

// How long a test waits for another file's worker to make the seed.
const WAIT_MS = 120_000;

/** For the global setup: an empty folder for the seed; the caller removes it. */
export function seedFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "create-sps-plugin-mypy-seed-"));
}

/** The top-level modules a project holds itself: main and its packages (tests among them). */
function ownModules(project: string): string[] {
  return fs
    .readdirSync(project)
    .filter((name) => name === "main.py" || fs.existsSync(path.join(project, name, "__init__.py")))
    .map((name) => name.replace(/\.py$/, ""));
}

/**
 * Generates one project of each type with the built bin, runs mypy (strict, as each project
 * configures it) in both into one cache folder, then prunes their own modules from it.
 */
function makeSeed(folder: string, cache: string): void {
  const python = path.join(PKG_ROOT, ".tools", "venv", "bin", "python");
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: "1" };
  const own = new Set<string>();
  for (const type of ["credentialstore", "aa"]) {
    const project = path.join(folder, `seed-${type}`);
    const bin = path.join(PKG_ROOT, "bin", "create-sps-plugin.cjs");
    execFileSync(process.execPath, [bin, project, "-t", type, "--yes", "--no-git"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    try {
      execFileSync(python, ["-m", "mypy", "--cache-dir", cache], { cwd: project, env, encoding: "utf8" });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(
        `seeding mypy's cache: mypy failed in a generated ${type} project:\n${stdout}${stderr}`,
      );
    }
    for (const name of ownModules(project)) own.add(name);
  }
  execFileSync(python, ["-c", PRUNE_MYPY_CACHE, cache, ...own], { stdio: ["ignore", "ignore", "pipe"] });
}

/**
 * The seed in `folder` (seedFolder's): made here if no test has claimed it yet, else waited
 * for. Throws when its making failed, or did not end within WAIT_MS.
 */
export function mypySeed(folder: string): string {
  const cache = path.join(folder, "cache");
  const done = path.join(folder, "done");
  const failed = path.join(folder, "failed");
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (fs.existsSync(done)) return cache;
    if (fs.existsSync(failed)) throw new Error(fs.readFileSync(failed, "utf8"));
    try {
      // mkdir either makes the folder or fails: one test claims the making, whatever the race.
      fs.mkdirSync(path.join(folder, "claimed"));
    } catch (error) {
      // Anything but "already there" (the folder gone, say) is not a race to wait out.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (Date.now() > deadline)
        throw new Error(`mypy's seed in ${folder} was not made within ${WAIT_MS} ms`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      continue;
    }
    try {
      makeSeed(folder, cache);
    } catch (error) {
      fs.writeFileSync(failed, String(error));
      throw error;
    }
    fs.writeFileSync(done, "");
  }
}
