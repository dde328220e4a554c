/** The writer under fault injection: whatever goes wrong, nothing of the run is left behind. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CliError } from "../../src/core/errors.js";
import { Bytes, type Contents, type FileMap } from "../../src/core/files.js";
import { gitBlobId } from "../../src/core/record.js";
import { describePlan, planWrite, type WritePlan } from "../../src/write/plan.js";
import { writeProject } from "../../src/write/write.js";
import { undoNotes, writeAndRecord, type Recording } from "../../src/write/transaction.js";
import { GIT_ENV, listTree, tempDirs } from "../helpers/run.js";

const temps = tempDirs();
const workDir = temps.make;
afterEach(() => {
  vi.restoreAllMocks();
  temps.cleanup();
});

const FILES: FileMap = new Map([
  ["MANIFEST", "name: x\n"],
  ["main.py", "#!/usr/bin/env pluginwrapper3\n"],
  ["pkg/__init__.py", ""],
  ["pkg/plugin.py", "class Plugin: ...\n"],
  ["tests/test_x.py", "def test(): ...\n"],
]);

/** Makes fs.writeFileSync fail (or run `action`) on its `n`th call. */
function onWrite(n: number, action: () => void): void {
  const real = fs.writeFileSync;
  let calls = 0;
  vi.spyOn(fs, "writeFileSync").mockImplementation((...args: Parameters<typeof fs.writeFileSync>) => {
    calls += 1;
    if (calls === n) action();
    real(...args);
  });
}

/** The write as the transaction runs it, with the undo notes of the target's lock. */
const write = (plan: WritePlan, files: FileMap): Promise<void> =>
  writeProject(plan, files, { notes: undoNotes(plan.target) });

describe("writeProject", () => {
  it("writes a new project whole, with main.py executable", async () => {
    const dir = workDir();
    const target = path.join(dir, "a", "b", "p");
    await write(planWrite(target, FILES, { force: false }), FILES);
    expect(listTree(dir)).toEqual([
      "a",
      "a/b",
      "a/b/p",
      "a/b/p/MANIFEST",
      "a/b/p/main.py",
      "a/b/p/pkg",
      "a/b/p/pkg/__init__.py",
      "a/b/p/pkg/plugin.py",
      "a/b/p/tests",
      "a/b/p/tests/test_x.py",
    ]);
    expect(fs.statSync(path.join(target, "main.py")).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(target, "MANIFEST")).mode & 0o777).toBe(0o644);
  });

  it.each([1, 3, 5])("a write failing at file %i of a new project leaves no trace", async (n) => {
    const dir = workDir();
    onWrite(n, () => {
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    });
    const plan = planWrite(path.join(dir, "new", "p"), FILES, { force: false });
    await expect(write(plan, FILES)).rejects.toThrow("ENOSPC");
    expect(listTree(dir)).toEqual([]);
  });

  it.each(["SIGINT", "SIGTERM"] as const)("%s during writing removes what was written", async (signal) => {
    const dir = workDir();
    onWrite(3, () => process.emit(signal, signal));
    const plan = planWrite(path.join(dir, "p"), FILES, { force: false });
    const error = await write(plan, FILES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(signal === "SIGINT" ? 130 : 143);
    expect(listTree(dir)).toEqual([]);
  });

  it("--force writes the generated files, keeps the user's others, and replaces same-named ones", async () => {
    const dir = workDir();
    fs.writeFileSync(path.join(dir, "notes.txt"), "mine");
    fs.writeFileSync(path.join(dir, "MANIFEST"), "old");
    const plan = planWrite(dir, FILES, { force: true });
    expect(plan.replaced).toEqual(["MANIFEST"]);
    expect(describePlan(plan, FILES).split("\n")[0]).toBe("REPLACE MANIFEST");
    await write(plan, FILES);
    expect(fs.readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("mine");
    expect(fs.readFileSync(path.join(dir, "MANIFEST"), "utf8")).toBe("name: x\n");
    expect(listTree(dir)).not.toContainEqual(expect.stringContaining("create-sps-plugin"));
  });

  it("--force failing halfway restores replaced files and removes the new ones", async () => {
    const dir = workDir();
    fs.writeFileSync(path.join(dir, "MANIFEST"), "old");
    fs.mkdirSync(path.join(dir, "pkg"));
    fs.writeFileSync(path.join(dir, "pkg", "mine.py"), "x = 1\n");
    const before = listTree(dir);
    onWrite(4, () => {
      throw new Error("EIO: i/o error");
    });
    await expect(write(planWrite(dir, FILES, { force: true }), FILES)).rejects.toThrow("EIO");
    expect(listTree(dir)).toEqual(before);
    expect(fs.readFileSync(path.join(dir, "MANIFEST"), "utf8")).toBe("old");
  });

  it("refuses a symlink inside the target that leads outside it, before writing anything", () => {
    const dir = workDir();
    const outside = workDir();
    fs.mkdirSync(path.join(dir, "p"));
    fs.symlinkSync(outside, path.join(dir, "p", "tests"));
    expect(() => planWrite(path.join(dir, "p"), FILES, { force: true })).toThrow(
      "[directory]: tests/test_x.py would be written outside",
    );
    expect(listTree(outside)).toEqual([]);
  });

  it("refuses a non-empty folder without --force, listing what is there", () => {
    const dir = workDir();
    for (const name of ["a", "b", ".git"]) fs.writeFileSync(path.join(dir, name), "");
    expect(() => planWrite(dir, FILES, { force: false })).toThrow(/is not empty \(a, b\); .*--force/);
  });

  it("refuses a target that is a file, or a generated file that exists as a folder", () => {
    const dir = workDir();
    fs.writeFileSync(path.join(dir, "file"), "");
    expect(() => planWrite(path.join(dir, "file"), FILES, { force: false })).toThrow("is not a directory");
    fs.mkdirSync(path.join(dir, "p", "main.py"), { recursive: true });
    expect(() => planWrite(path.join(dir, "p"), FILES, { force: true })).toThrow(
      "main.py exists as a folder",
    );
  });
});

/** The transaction's write-then-record step, with a git whose record is `record`. */
function writeThenRecord(
  plan: ReturnType<typeof planWrite>,
  files: typeof FILES,
  record: () => string | undefined,
): Promise<string | undefined> {
  const git = { recordInGit: record } as unknown as Extract<Recording, { kind: "record" }>["git"];
  return writeAndRecord(plan, {
    files,
    force: false,
    recording: () => ({ kind: "record", git, version: "0" }),
  });
}

describe("the transaction's write, then record", () => {
  it("leaves no moment from the write's start to the record's end without a SIGINT and SIGTERM handler", async () => {
    // Without one, a signal there would kill the run with its files in place but not recorded.
    const dir = workDir();
    fs.mkdirSync(path.join(dir, "p")); // an existing folder: its journal is cleared after the write
    const counts: number[] = [];
    const note = (): void =>
      void counts.push(Math.min(process.listenerCount("SIGINT"), process.listenerCount("SIGTERM")));
    for (const name of ["writeFileSync", "renameSync", "rmSync", "mkdirSync", "appendFileSync"] as const) {
      const real = fs[name] as (...args: unknown[]) => unknown;
      vi.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
        note();
        return real(...args);
      }) as never);
    }
    const before = process.listenerCount("SIGINT");
    await writeThenRecord(planWrite(path.join(dir, "p"), FILES, { force: false }), FILES, () => {
      note();
      return undefined;
    });
    expect(counts.length).toBeGreaterThan(FILES.size);
    expect(Math.min(...counts)).toBeGreaterThan(before);
    expect(process.listenerCount("SIGINT")).toBe(before);
  });

  it("a signal during the record: the record is finished, then the run exits 130 saying so", async () => {
    const dir = workDir();
    const target = path.join(dir, "p");
    let recorded = false;
    const error = await writeThenRecord(planWrite(target, FILES, { force: false }), FILES, () => {
      process.emit("SIGTERM", "SIGTERM");
      recorded = true;
      return undefined;
    }).catch((e: unknown) => e);
    expect(recorded).toBe(true);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(130);
    expect((error as CliError).message).toBe(
      "interrupted by SIGTERM after the project was written and recorded in git",
    );
    expect(listTree(target)).toContain("pkg/plugin.py");
  });

  it("a signal during the write: rolled back, and nothing is recorded", async () => {
    const dir = workDir();
    onWrite(3, () => process.emit("SIGINT", "SIGINT"));
    let recorded = false;
    const error = await writeThenRecord(
      planWrite(path.join(dir, "p"), FILES, { force: false }),
      FILES,
      () => {
        recorded = true;
        return undefined;
      },
    ).catch((e: unknown) => e);
    expect((error as CliError).exitCode).toBe(130);
    expect(recorded).toBe(false);
    expect(listTree(dir)).toEqual([]);
  });
});

describe("the git ref that keeps a generation", () => {
  it("never gives two project folders of one repository the same ref", async () => {
    const { refName } = await import("../../src/write/git.js");
    const folders = ["a b", "a_b", "a.b", "plugins/x y", "plugins/x_y", "root", "ü", "_", ".hidden"];
    const refs = folders.map(refName);
    expect(new Set(refs).size).toBe(folders.length);
    expect(refName("plugins/vault")).toBe("plugins/vault");
    for (const ref of refs) expect(ref).toMatch(/^[\w/-]+$/);
  });
});

describe("one git process for a generation, not one a file", () => {
  const gitIn = (dir: string, ...args: string[]): string => {
    const ran = spawnSync("git", args, { cwd: dir, encoding: "utf8", env: GIT_ENV });
    expect(ran.status, ran.stderr).toBe(0);
    return ran.stdout;
  };
  // Names fast-import would read as syntax unless quoted, text that is not UTF-8, an
  // executable file, and a file that is empty.
  const HOSTILE: FileMap = new Map<string, Contents>([
    ['"quoted" name.txt', "q\n"],
    ["back\\slash.txt", "b\n"],
    ["dir with space/ünï cödé.py", "u = 1\n"],
    ["data 12", "data 3\nabc\n"],
    ["M 100644 inline x", ""],
    ["main.py", "#!/usr/bin/env pluginwrapper3\n"],
    ["binary.bin", new Bytes(Uint8Array.from([0xff, 0x00, 0xfe, 0x0a]), false)],
  ]);

  it("keeps every file at its path with its id and mode, and moves the ref back when undone", async () => {
    const { keepGenerationUndoable, readBlobs } = await import("../../src/write/git.js");
    const dir = workDir();
    gitIn(dir, "init", "--quiet");
    fs.mkdirSync(path.join(dir, "plugins", "vault"), { recursive: true });
    const project = path.join(dir, "plugins", "vault");
    const first = keepGenerationUndoable(project, new Map([["a", "one\n"]]), "1.0.0");
    expect(first).toBeDefined();
    const firstCommit = gitIn(dir, "rev-parse", "refs/create-sps-plugin/plugins/vault").trim();
    const undo = keepGenerationUndoable(project, HOSTILE, "2.0.0");
    expect(undo).toBeDefined();
    const listed = gitIn(dir, "ls-tree", "-r", "-z", "refs/create-sps-plugin/plugins/vault")
      .split("\0")
      .filter(Boolean)
      .map((line) => {
        const [meta, file] = line.split("\t") as [string, string];
        const [mode, , id] = meta.split(" ");
        return [file, `${mode} ${id}`];
      });
    const expected = [...HOSTILE].map(([file, contents]) => [
      file,
      `${file === "main.py" ? "100755" : "100644"} ${gitBlobId(contents)}`,
    ]);
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(expected));
    // The commit has no parent: each generation stands alone.
    expect(gitIn(dir, "rev-list", "refs/create-sps-plugin/plugins/vault").trim().split("\n")).toHaveLength(1);
    // Read back in one batch: the same contents, text or bytes.
    const blobs = readBlobs(dir, [...HOSTILE.values()].map(gitBlobId));
    for (const contents of HOSTILE.values()) {
      const back = blobs.get(gitBlobId(contents));
      expect(typeof back === "string" ? back : Buffer.from((back as Bytes).data).toString("hex")).toBe(
        typeof contents === "string" ? contents : Buffer.from(contents.data).toString("hex"),
      );
    }
    undo?.();
    expect(gitIn(dir, "rev-parse", "refs/create-sps-plugin/plugins/vault").trim()).toBe(firstCommit);
  });

  it("reads only full object names of blobs: a tree, a revision, a short or unknown id are absent", async () => {
    const { keepGeneration, readBlobs } = await import("../../src/write/git.js");
    const dir = workDir();
    gitIn(dir, "init", "--quiet");
    expect(keepGeneration(dir, new Map([["f", "kept\n"]]), "1.0.0")).toBe(true);
    const tree = gitIn(dir, "rev-parse", "refs/create-sps-plugin/root^{tree}").trim();
    const blob = gitBlobId("kept\n");
    const asked = [
      tree,
      "refs/create-sps-plugin/root:f",
      blob.slice(0, 12),
      "0".repeat(40),
      `${blob}\n${tree}`,
      blob,
    ];
    expect([...readBlobs(dir, asked)]).toEqual([[blob, "kept\n"]]);
    expect(readBlobs(workDir(), [blob]).size).toBe(0); // no repository at all
  });

  it("inside .git is no work tree: nothing is kept there (git exits 0 there, saying false)", async () => {
    const { insideWorkTree, keepGeneration } = await import("../../src/write/git.js");
    const dir = workDir();
    gitIn(dir, "init", "--quiet");
    expect(insideWorkTree(dir)).toBe(true);
    expect(insideWorkTree(path.join(dir, ".git"))).toBe(false);
    expect(keepGeneration(path.join(dir, ".git"), new Map([["f", "x\n"]]), "1.0.0")).toBe(false);
    expect(gitIn(dir, "for-each-ref", "refs/create-sps-plugin/")).toBe("");
  });
});
