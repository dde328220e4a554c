/**
 * Everything this tool asks of git: the first commit of a new project, and for `update`, the
 * state of the work tree, old generated files by blob id, 3-way merges, and keeping each
 * generation's files reachable. Loaded only when needed (child_process costs start-up time).
 */
import childProcess from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { contentsOf, dataOf, isExecutable, type Contents, type FileMap } from "../render/render.js";

interface GitResult {
  ok: boolean;
  status: number | null;
  stdout: string;
  output: string;
}

function git(cwd: string, args: string[], input?: string | Uint8Array, env?: NodeJS.ProcessEnv): GitResult {
  const result = childProcess.spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    input,
    env: env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
    maxBuffer: 1 << 28,
  });
  const stdout = result.stdout ?? "";
  return {
    ok: result.status === 0,
    status: result.status,
    stdout,
    output: `${stdout}${result.stderr ?? ""}`.trim(),
  };
}

/**
 * A new project's first commit, in a new repository at `dir`. Returns a warning to show, or
 * undefined. The CLI runs it in the staging folder, before the project is renamed into place,
 * so an interruption leaves no half-made repository: the staging folder goes, .git with it.
 */
export function initialCommit(dir: string): string | undefined {
  if (!git(dir, ["init", "--quiet", "--initial-branch=main"]).ok) {
    return "git is not available: the project was created without a repository";
  }
  // No hook and no fsmonitor runs for the generator's own commit: whatever the machine's git
  // configuration says, the first commit only records what was generated.
  const quiet = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"];
  git(dir, [...quiet, "add", "--all"]);
  const commit = git(dir, [
    ...quiet,
    "commit",
    "--quiet",
    "--no-verify",
    "-m",
    "Initial commit from create-sps-plugin",
  ]);
  // Usually a missing user.name/user.email: the repository stays, with everything staged, and
  // the warning says how to finish what was not done.
  if (!commit.ok) {
    const identity =
      !git(dir, ["config", "user.name"]).ok || !git(dir, ["config", "user.email"]).ok
        ? 'git has no identity here: set one (git config --global user.name "Your Name"; git config --global user.email you@example.com), then '
        : "";
    return `git init done, but the first commit failed (${commit.output.split("\n")[0]}); ${identity}make it yourself in the project: git commit -m "Initial commit from create-sps-plugin"`;
  }
  return undefined;
}

/**
 * Inside an existing work tree (a monorepo, or a folder that held only .git): no commit, but
 * this generation kept where a later `update` finds it. Elsewhere: the first commit.
 */
export function recordInGit(projectDir: string, files: FileMap, version: string): string | undefined {
  if (git(projectDir, ["rev-parse", "--is-inside-work-tree"]).ok) {
    keepGeneration(projectDir, files, version);
    return undefined;
  }
  return initialCommit(projectDir);
}

/** True when the nearest existing folder at or above `dir` is in a git work tree. */
export function aboveIsWorkTree(dir: string): boolean {
  let existing = path.resolve(dir);
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return insideWorkTree(existing);
}

/** True when `dir` is in a git work tree. */
export function insideWorkTree(dir: string): boolean {
  return git(dir, ["rev-parse", "--is-inside-work-tree"]).ok;
}

/** Uncommitted changes below `dir`, as `git status --porcelain` lines (empty: clean). */
/** Whether the work tree's ignore rules ignore `file` (relative to `dir`). */
export function isIgnored(dir: string, file: string): boolean {
  return git(dir, ["check-ignore", "--quiet", "--", file]).status === 0;
}

export function uncommittedChanges(dir: string): string[] {
  const status = git(dir, ["status", "--porcelain", "--", "."]);
  return status.ok ? status.stdout.split("\n").filter(Boolean) : [];
}

/** Contents of a blob the repository holds (text, or Bytes when not UTF-8), or undefined. */
export function readBlob(dir: string, id: string): Contents | undefined {
  const blob = childProcess.spawnSync("git", ["cat-file", "blob", id], { cwd: dir, maxBuffer: 1 << 28 });
  return blob.status === 0 ? contentsOf(blob.stdout) : undefined;
}

/**
 * Stores `files` in the repository and points `refs/create-sps-plugin/<prefix>` at a commit
 * holding them, so that the next `update` finds this generation (unreachable objects would
 * be pruned). Best effort: without a repository there is nothing to keep them in.
 */
export function keepGeneration(dir: string, files: FileMap, version: string): boolean {
  return keepGenerationUndoable(dir, files, version) !== undefined;
}

/**
 * keepGeneration, returning how to undo it (point the ref back where it was), or undefined
 * when nothing was kept. `update` keeps the new generation before it writes, and undoes it if
 * the write fails or is interrupted: the ref never names files that are not there.
 */
export function keepGenerationUndoable(
  dir: string,
  files: FileMap,
  version: string,
): (() => void) | undefined {
  if (!git(dir, ["rev-parse", "--is-inside-work-tree"]).ok) return undefined;
  // The temporary index lives in the repository's own folder, never in a shared tmp.
  const gitDir = path.resolve(dir, git(dir, ["rev-parse", "--git-dir"]).stdout.trim());
  const index = path.join(gitDir, `create-sps-plugin-index-${process.pid}`);
  const env = { ...process.env, GIT_INDEX_FILE: index };
  try {
    for (const [file, contents] of files) {
      const blob = git(dir, ["hash-object", "-w", "--stdin"], dataOf(contents)).stdout.trim();
      const mode = isExecutable(contents) ? "100755" : "100644";
      git(dir, ["update-index", "--add", "--cacheinfo", `${mode},${blob},${file}`], undefined, env);
    }
    const tree = git(dir, ["write-tree"], undefined, env).stdout.trim();
    const identity = ["-c", "user.name=create-sps-plugin", "-c", "user.email=create-sps-plugin@localhost"];
    const commit = git(dir, [
      ...identity,
      "commit-tree",
      tree,
      "-m",
      `create-sps-plugin ${version} generation`,
    ]);
    const prefix = git(dir, ["rev-parse", "--show-prefix"]).stdout.trim().replace(/\/$/, "") || "root";
    const ref = `refs/create-sps-plugin/${refName(prefix)}`;
    const before = git(dir, ["rev-parse", "--verify", "--quiet", ref]).stdout.trim();
    if (!commit.ok || !git(dir, ["update-ref", ref, commit.stdout.trim()]).ok) return undefined;
    return () => void git(dir, before ? ["update-ref", ref, before] : ["update-ref", "-d", ref]);
  } finally {
    fs.rmSync(index, { force: true });
  }
}

/**
 * 3-way merge of one file (git merge-file): ours = the user's, base = the old generation,
 * theirs = the new one. Conflicts come back with standard markers.
 */
export function mergeFile(
  ours: string,
  base: string,
  theirs: string,
  label: string,
): { text: string; conflicts: boolean } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sps-merge-"));
  try {
    const files = { ours, base, theirs };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const labels = ["-L", `yours: ${label}`, "-L", "generated before", "-L", "generated now"];
    const merged = git(dir, ["merge-file", "-p", ...labels, "ours", "base", "theirs"]);
    // The exit status is the number of conflicts, capped at 127; above that, merge-file failed.
    if (merged.status === null || merged.status > 127)
      throw new Error(`git merge-file failed: ${merged.output}`);
    return { text: merged.stdout, conflicts: merged.status > 0 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The ref component for a project's folder: its path as it is where git allows it, else made
 * safe and suffixed with a hash of the real path, so that folders "a b" and "a_b" of one
 * repository never share a ref.
 */
export function refName(prefix: string): string {
  const safe = prefix
    .split("/")
    .map((part) => part.replace(/[^\w-]/g, "_"))
    .join("/");
  if (safe === prefix) return prefix;
  return `${safe}-${crypto.createHash("sha1").update(prefix).digest("hex").slice(0, 10)}`;
}

/**
 * One commit of `paths` (project-relative; removed ones included) in the work tree holding
 * `dir`: what `update --commit` records. The repository's own hooks run, as for any commit
 * there. Returns why it failed, or undefined.
 */
export function commitPaths(dir: string, paths: string[], message: string): string | undefined {
  const add = git(dir, ["add", "--all", "--", ...paths]);
  if (!add.ok) return add.output.split("\n")[0];
  const commit = git(dir, ["commit", "--quiet", "-m", message, "--", ...paths]);
  return commit.ok ? undefined : commit.output.split("\n")[0] || "git commit failed";
}
