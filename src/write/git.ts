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
  const message = "Initial commit from create-sps-plugin";
  const commit = git(dir, [...quiet, "commit", "--quiet", "--no-verify", "-m", message]);
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
  const prefix = workTreePrefix(projectDir);
  return prefix === undefined ? initialCommit(projectDir) : void keepAt(projectDir, prefix, files, version);
}

/** True when the nearest existing folder at or above `dir` is in a git work tree. */
export function aboveIsWorkTree(dir: string): boolean {
  let existing = path.resolve(dir);
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return insideWorkTree(existing);
}

/** True when `dir` is in a git work tree. */
export function insideWorkTree(dir: string): boolean {
  return workTreePrefix(dir) !== undefined;
}

// Where `dir` lies in its work tree ("" at its top, no trailing /), or undefined outside one
// (inside .git too: git exits 0 there and says "false"). One process for both answers.
function workTreePrefix(dir: string): string | undefined {
  const where = git(dir, ["rev-parse", "--is-inside-work-tree", "--show-prefix"]).stdout.split("\n");
  return where[0] === "true" ? (where[1] ?? "").replace(/\/$/, "") : undefined;
}

/** Whether the work tree's ignore rules ignore `file` (relative to `dir`). */
export function isIgnored(dir: string, file: string): boolean {
  return git(dir, ["check-ignore", "--quiet", "--", file]).status === 0;
}

/** Uncommitted changes below `dir`, as `git status --porcelain` lines (empty: clean). */
export function uncommittedChanges(dir: string): string[] {
  const status = git(dir, ["status", "--porcelain", "--", "."]);
  return status.ok ? status.stdout.split("\n").filter(Boolean) : [];
}

/**
 * Contents of the blobs the repository holds under `ids` (text, or Bytes when not UTF-8):
 * one `git cat-file --batch` for all of them, not a process per file (an update read its old
 * generation with 36). An id that is not a full hex object name, or names no blob, is left out
 * (the record is the user's file: nothing in it reaches git as anything but an object name).
 */
export function readBlobs(dir: string, ids: string[]): Map<string, Contents> {
  const found = new Map<string, Contents>();
  const asked = [...new Set(ids.filter((id) => /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(id)))];
  if (asked.length === 0) return found;
  const batch = childProcess.spawnSync("git", ["cat-file", "--batch"], {
    cwd: dir,
    input: `${asked.join("\n")}\n`,
    maxBuffer: 1 << 30,
  });
  if (batch.status !== 0 || !batch.stdout) return found;
  // Each answer: "<id> <type> <size>\n<size bytes>\n", or "<id> missing\n".
  const out: Buffer = batch.stdout;
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(10, at);
    if (end < 0) break;
    const [id, type, size] = out.subarray(at, end).toString("latin1").split(" ");
    at = end + 1;
    if (size === undefined) continue;
    const length = Number(size);
    if (type === "blob" && id) found.set(id, contentsOf(out.subarray(at, at + length)));
    at += length + 1;
  }
  return found;
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
  const prefix = workTreePrefix(dir);
  return prefix === undefined ? undefined : keepAt(dir, prefix, files, version);
}

/** keepGenerationUndoable for a folder at `prefix` of its work tree. */
function keepAt(dir: string, prefix: string, files: FileMap, version: string): (() => void) | undefined {
  const ref = `refs/create-sps-plugin/${refName(prefix || "root")}`;
  const before = git(dir, ["rev-parse", "--verify", "--quiet", ref]).stdout.trim();
  // One git fast-import for the blobs, the tree, the commit and the ref: a process per file
  // (hash-object and update-index each) cost an update about a second here. The commit has no
  // parent (reset), so the ref moves by --force; `done` makes a cut-off stream an error.
  const stream = generationStream(ref, files, version);
  const imported = git(dir, ["fast-import", "--quiet", "--force", "--done"], stream);
  if (!imported.ok) return undefined;
  return () => void git(dir, before ? ["update-ref", ref, before] : ["update-ref", "-d", ref]);
}

/** What fast-import reads to commit `files` on `ref` (see git-fast-import(1)). */
function generationStream(ref: string, files: FileMap, version: string): Buffer {
  const parts: Buffer[] = [];
  const text = (line: string): number => parts.push(Buffer.from(line, "utf8"));
  const data = (body: Buffer): void => {
    text(`data ${body.length}\n`);
    parts.push(body);
    text("\n");
  };
  const now = Math.floor(Date.now() / 1000);
  text(`reset ${ref}\ncommit ${ref}\n`);
  text(`committer create-sps-plugin <create-sps-plugin@localhost> ${now} +0000\n`);
  data(Buffer.from(`create-sps-plugin ${version} generation`, "utf8"));
  for (const [file, contents] of files) {
    const mode = isExecutable(contents) ? "100755" : "100644";
    text(`M ${mode} inline ${quotedPath(file)}\n`);
    const body = dataOf(contents);
    data(typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body));
  }
  text("done\n");
  return Buffer.concat(parts);
}

/** A path as fast-import reads it: C-style quoted, so that no character of it is syntax. */
function quotedPath(file: string): string {
  return `"${file.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
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
