/** `git init` + a first commit in the new project, unless it already lives in a work tree. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function git(cwd: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
}

/** Returns a warning to show, or undefined when the repository and its first commit exist. */
export function initRepository(projectDir: string): string | undefined {
  if (git(projectDir, ["rev-parse", "--is-inside-work-tree"]).ok) return undefined;
  if (!git(projectDir, ["init", "--quiet", "--initial-branch=main"]).ok) {
    return "git is not available: the project was created without a repository";
  }
  git(projectDir, ["add", "--all"]);
  const commit = git(projectDir, [
    "commit",
    "--quiet",
    "--no-verify",
    "-m",
    "Initial commit from create-sps-plugin",
  ]);
  // Usually a missing user.name/user.email: the repository stays, with everything staged.
  if (!commit.ok) return `git init done, but the first commit failed: ${commit.output.split("\n")[0]}`;
  return undefined;
}

/** True when `dir` (or, while it does not exist, its nearest existing parent) is in a git work tree. */
export function insideWorkTree(dir: string): boolean {
  let existing = dir;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return git(existing, ["rev-parse", "--is-inside-work-tree"]).ok;
}
