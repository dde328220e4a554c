/**
 * Interrupted at any moment, with git on: the target is either absent or the whole project
 * with its first commit, and nothing of the run is left beside it (no staging folder, no
 * lock). SIGINT and SIGTERM, at thirty moments spread over a run.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, GIT_ENV, listTree, run, runCli, tempDir } from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function interrupted(
  cwd: string,
  signal: NodeJS.Signals,
  afterMs: number,
  target = "p",
): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, target, "-t", "credentialstore", "--yes"], {
      cwd,
      env: GIT_ENV,
      stdio: "ignore",
    });
    const timer = setTimeout(() => child.kill(signal), afterMs);
    child.on("close", (status, killedBy) => {
      clearTimeout(timer);
      resolve(status ?? (killedBy ? -1 : null));
    });
  });
}

/**
 * Moments spread from the start to twice the length of an uninterrupted run timed here (on a
 * slow or busy disk a run with git takes well over 250 ms, and each run's files slow the next
 * one's), so that some fall after the end.
 */
async function moments(count: number, target: string, inRepository: boolean): Promise<number[]> {
  const cwd = fs.mkdtempSync(path.join(root, "timed-"));
  if (inRepository) expect(run("git", ["init", "--quiet"], { cwd }).status).toBe(0);
  const start = performance.now();
  expect(await interrupted(cwd, "SIGINT", 600_000, target)).toBe(0);
  const full = performance.now() - start;
  // Shuffled by a fixed step, so that neighbouring runs do not share a disk state.
  return Array.from({ length: count }, (_, i) => Math.round((((i * 7) % count) / (count - 1)) * full * 2));
}

describe("a run interrupted with git on", () => {
  it("leaves the target absent, or whole with its first commit, at 30 moments", async () => {
    const reference = path.join(root, "reference");
    fs.mkdirSync(reference);
    expect(runCli(["p", "-t", "credentialstore", "--yes", "--no-git"], reference).status).toBe(0);
    const whole = listTree(path.join(reference, "p"));
    const outcomes = { absent: 0, whole: 0 };
    const at = await moments(30, "p", false);
    for (let i = 0; i < 30; i += 1) {
      const cwd = fs.mkdtempSync(path.join(root, "run-"));
      const signal = i % 3 === 2 ? "SIGTERM" : "SIGINT";
      // Spread over a run: start-up, rendering, writing, git init, add, commit, rename.
      const status = await interrupted(cwd, signal, at[i] as number);
      const target = path.join(cwd, "p");
      expect(
        fs.readdirSync(cwd).filter((f) => f !== "p"),
        `run ${i}: left beside the target`,
      ).toEqual([]);
      if (!fs.existsSync(target)) {
        outcomes.absent += 1;
        expect(status, `run ${i}`).not.toBe(0);
        continue;
      }
      outcomes.whole += 1;
      expect(
        listTree(target).filter((f) => f !== ".git" && !f.startsWith(".git/")),
        `run ${i}`,
      ).toEqual(whole);
      expect(run("git", ["log", "--oneline"], { cwd: target }).stdout, `run ${i}`).toContain(
        "Initial commit from create-sps-plugin",
      );
      expect(run("git", ["status", "--porcelain"], { cwd: target }).stdout, `run ${i}`).toBe("");
    }
    // Both outcomes were reached: the moments did fall before and after the end.
    expect(outcomes.absent).toBeGreaterThan(0);
    expect(outcomes.whole).toBeGreaterThan(0);
  }, 300_000);
});

describe("a run interrupted inside an existing repository (a monorepo)", () => {
  it("leaves the plugin absent, or whole and recorded under refs/create-sps-plugin/, at 15 moments", async () => {
    const outcomes = { absent: 0, whole: 0 };
    const at = await moments(15, "plugins/p", true);
    for (let i = 0; i < 15; i += 1) {
      const repo = fs.mkdtempSync(path.join(root, "mono-"));
      expect(run("git", ["init", "--quiet"], { cwd: repo }).status).toBe(0);
      const status = await interrupted(repo, i % 2 ? "SIGTERM" : "SIGINT", at[i] as number, "plugins/p");
      const target = path.join(repo, "plugins", "p");
      const refs = run("git", ["for-each-ref", "--format=%(refname)", "refs/create-sps-plugin/"], {
        cwd: repo,
      });
      if (!fs.existsSync(target)) {
        outcomes.absent += 1;
        expect(refs.stdout.trim(), `run ${i}`).toBe("");
        expect(status, `run ${i}`).not.toBe(0);
        continue;
      }
      outcomes.whole += 1;
      expect(fs.existsSync(path.join(target, ".sps-plugin.json")), `run ${i}`).toBe(true);
      expect(refs.stdout.trim(), `run ${i}: status ${status}`).toBe("refs/create-sps-plugin/plugins/p");
    }
    // Both outcomes were reached: the moments did fall before and after the end.
    expect(outcomes.absent).toBeGreaterThan(0);
    expect(outcomes.whole).toBeGreaterThan(0);
  }, 300_000);
});
