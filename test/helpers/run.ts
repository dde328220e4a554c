/** Running the built bin and the Python tools from tests. */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { SPS_DEV_SITE } from "./build.js";
import { mypySeed } from "./mypy-seed.js";
import { PKG_ROOT } from "./paths.js";

export const BIN = path.join(PKG_ROOT, "bin", "create-sps-plugin.cjs");
/** The venv scripts/python-tools.sh sets up with the generated projects' dev tools. */
export const TOOLS_BIN = path.join(PKG_ROOT, ".tools", "venv", "bin");
export const TOOLS_PYTHON = path.join(TOOLS_BIN, "python");

/**
 * For a plugin Python (3.8, 3.12): sps_dev from the wheel built from this working tree and
 * nothing else: no other PYTHON* variable, and the runs pass -s (no user site-packages).
 */
export const PLUGIN_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("PYTHON"))),
  PYTHONPATH: SPS_DEV_SITE,
  PYTHONDONTWRITEBYTECODE: "1",
};

/** The environment with a git identity, for tests that commit (CI machines may have none). */
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
};

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: SpawnSyncOptions = {}): Ran {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 120_000, ...options });
  if (result.error) throw result.error;
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** The built CLI, without a terminal on stdin (as in CI). */
export function runCli(args: string[], cwd: string): Ran {
  return run(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
}

/** A fresh folder outside the repository, removed by the caller's cleanup. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "create-sps-plugin-test-"));
}

/** Everything below `dir`, relative, sorted: to prove what a run did or did not write. */
export function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((p) => p.split(path.sep).join("/"))
    .sort();
}

/**
 * The interpreter for a Python minor version, as scripts/python-tools.sh found and linked it.
 * Throws when missing: a test that needs it must fail, never skip.
 */
export function pythonFor(version: string): string {
  const link = path.join(PKG_ROOT, ".tools", "bin", `python${version}`);
  if (!fs.existsSync(link)) throw new Error(`Python ${version} not found: run scripts/python-tools.sh`);
  return link;
}

/**
 * mypy in a generated project, as its pyproject.toml configures it (strict), starting from a
 * copy of the suite's cache of what projects import from outside themselves (mypy-seed.ts):
 * mypy then analyses only the project's own modules.
 */
export function runMypy(project: string): Ran {
  fs.cpSync(mypySeed(inject("mypySeed")), path.join(project, ".mypy_cache"), { recursive: true });
  return run(TOOLS_PYTHON, ["-m", "mypy"], {
    cwd: project,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
  });
}

/**
 * The generated project's own checks, as its README and CI run them: pytest, mypy (strict, as
 * its pyproject.toml says), ruff check and ruff format --check. Each must pass as generated.
 */
export function expectProjectChecksPass(project: string): void {
  const inProject = { cwd: project, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } };
  const checks: [string, () => Ran][] = [
    ["pytest", () => run(TOOLS_PYTHON, ["-m", "pytest", "-q", "-p", "no:cacheprovider"], inProject)],
    ["mypy", () => runMypy(project)],
    ["ruff check", () => run(path.join(TOOLS_BIN, "ruff"), ["check", "--no-cache"], inProject)],
    ["ruff format", () => run(path.join(TOOLS_BIN, "ruff"), ["format", "--check", "--no-cache"], inProject)],
  ];
  for (const [name, check] of checks) {
    const ran = check();
    if (ran.status !== 0) throw new Error(`${name} failed in ${project}:\n${ran.stdout}${ran.stderr}`);
  }
}

/** Temporary folders for one test file, removed after each test. */
export function tempDirs(): { make: () => string; cleanup: () => void } {
  const made: string[] = [];
  return {
    make: () => {
      const dir = tempDir();
      made.push(dir);
      return dir;
    },
    cleanup: () => {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
