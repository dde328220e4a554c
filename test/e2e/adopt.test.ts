/**
 * `adopt` on plugins shaped like the vendor's (the fixtures of python/tests/vendor_shapes.py):
 * it adds the standard around them without changing a byte of theirs, sps_dev check passes
 * right after, and update right after says there is nothing to do.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SPS_DEV_SITE } from "../helpers/build.js";
import { PKG_ROOT } from "../helpers/paths.js";
import { GIT_ENV, listTree, run, runCli, tempDir, TOOLS_PYTHON, type Ran } from "../helpers/run.js";

const root = tempDir();
const WHEEL = fs.readdirSync(path.join(PKG_ROOT, "dist")).find((f) => f.endsWith(".whl"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]): string => {
  const result = run("git", args, { cwd, env: GIT_ENV });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
};

/** Writes the vendor-shaped fixture `shape` (one source for both test suites) into `dir`. */
function materialize(shape: string, dir: string): string {
  const script = [
    "import sys; from pathlib import Path",
    "sys.path.insert(0, sys.argv[1])",
    "from vendor_shapes import SHAPES; from support import write_tree",
    "write_tree(Path(sys.argv[3]), SHAPES[sys.argv[2]].files)",
  ].join("\n");
  const made = run(TOOLS_PYTHON, ["-c", script, path.join(PKG_ROOT, "python", "tests"), shape, dir], {
    env: { ...process.env, SPS_DEV_SITE },
  });
  if (made.status !== 0) throw new Error(made.stderr);
  return dir;
}

function hashes(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of listTree(dir)) {
    const full = path.join(dir, file);
    if (file.startsWith(".git/") || !fs.statSync(full).isFile()) continue;
    found.set(file, crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex"));
  }
  return found;
}

const sps = (cwd: string, ...args: string[]): Ran =>
  run(TOOLS_PYTHON, ["-m", "sps_dev", ...args], {
    cwd,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", PIP_RETRIES: "0" },
  });

// Which of the vendor's plugins each fixture stands for: vendor_shapes.SHAPES[...].stands_for.
const SHAPES = [
  ["skeleton-aa", "an SDK-based AA plugin"],
  ["hashicorp-vault", "an SDK-based credential store"],
  ["tpam", "a raw SPS 6 style credential store"],
  ["duo-mfa", "a Pipfile and nested tests"],
] as const;

describe.each(SHAPES)("adopt %s (%s), kept in git", (shape) => {
  const dir = path.join(root, `git-${shape}`);
  let before: Map<string, string>;
  let adopted: Ran;

  it("adds the standard and changes no file of the plugin", () => {
    materialize(shape, dir);
    git(dir, "init", "--quiet", "--initial-branch=main");
    git(dir, "add", "--all");
    git(dir, "commit", "--quiet", "-m", "the plugin as it was");
    before = hashes(dir);
    adopted = runCli(["adopt", dir, "--yes"], root);
    expect(adopted.status, adopted.stderr).toBe(0);
    const after = hashes(dir);
    for (const [file, hash] of before) expect(after.get(file), file).toBe(hash);
    for (const file of [
      `tools/${WHEEL}`,
      ".github/workflows/sps-plugin.yml",
      ".editorconfig",
      ".sps-plugin.json",
    ])
      expect(adopted.stdout).toContain(`ADD ${file}`);
    expect(adopted.stdout).toContain("no file of the plugin was changed");
    // Adopt commits nothing: the added files wait for the owner.
    expect(git(dir, "status", "--porcelain")).toContain("?? .sps-plugin.json");
  });

  it("passes sps_dev check right after, and ships no sps_dev however the ZIP is built", () => {
    const checked = sps(dir, "check");
    expect(checked.stdout, checked.stderr).toMatch(/^passes: /m);
    expect(checked.status).toBe(0);
    const packages = run(
      TOOLS_PYTHON,
      ["-c", "from setuptools import find_packages; print(find_packages())"],
      {
        cwd: dir,
      },
    );
    expect(packages.status, packages.stderr).toBe(0);
    expect(packages.stdout).not.toContain("sps_dev");
  });

  it("records the adoption, and update after the owner's commit has nothing to do", () => {
    const record = JSON.parse(fs.readFileSync(path.join(dir, ".sps-plugin.json"), "utf8")) as {
      files: Record<string, string>;
      adopted: { tests: string[]; sdk: string };
    };
    expect(Object.keys(record.files).filter((f) => before.has(f))).toEqual([]);
    expect(record.adopted.sdk).toMatch(/^oneidentity-safeguard-sessions-plugin-sdk/);
    git(dir, "add", "--all");
    git(dir, "commit", "--quiet", "-m", "adopt");
    const updated = runCli(["update", dir], root);
    expect(updated.status, updated.stderr).toBe(0);
    expect(updated.stdout).toMatch(/^Nothing to update/);
  });
});

describe("adopt, more cases", () => {
  it("says so when the plugin's own ignore rules would keep the wheel out of git", () => {
    const dir = materialize("fqdnauth", path.join(root, "ignores-tools"));
    fs.writeFileSync(path.join(dir, ".gitignore"), "tools/\n");
    git(dir, "init", "--quiet", "--initial-branch=main");
    git(dir, "add", "--all");
    git(dir, "commit", "--quiet", "-m", "the plugin as it was");
    const adopted = runCli(["adopt", dir], root);
    expect(adopted.status, adopted.stderr).toBe(0);
    expect(adopted.stderr).toContain(`note: tools/${WHEEL} is ignored by this repository's ignore rules`);
    expect(adopted.stderr).toContain('add "!tools/" to .gitignore');
    // Without such a rule, nothing is said.
    const plain = materialize("fqdnauth", path.join(root, "keeps-tools"));
    git(plain, "init", "--quiet", "--initial-branch=main");
    git(plain, "add", "--all");
    git(plain, "commit", "--quiet", "-m", "the plugin as it was");
    expect(runCli(["adopt", plain], root).stderr).not.toContain("is ignored");
  });

  it("records test folders and the SDK pin from a Pipfile", () => {
    const dir = materialize("duo-mfa", path.join(root, "duo-record"));
    expect(runCli(["adopt", dir], root).status).toBe(0);
    const record = JSON.parse(fs.readFileSync(path.join(dir, ".sps-plugin.json"), "utf8")) as {
      answers: Record<string, string>;
      adopted: { tests: string[]; sdk: string; pipfile: boolean; python: string; claims: string[] };
    };
    expect(record.adopted).toEqual({
      python: "3.8",
      sdk: "oneidentity-safeguard-sessions-plugin-sdk~=1.2.0",
      pipfile: true,
      requirements: [],
      tests: ["lib/tests"],
      // api 1.2: from SPS 6 F1 on, every line since.
      claims: ["6.1", "6.2", "6.3", "6.5", "6.7", "6.10", "7.0", "8.0", "9.0"],
    });
    expect(record.answers).toMatchObject({ type: "aa", name: "SPS_Duo", sps: "6.1" });
    const workflow = fs.readFileSync(path.join(dir, ".github/workflows/sps-plugin.yml"), "utf8");
    // The folder reaches the shell as a variable, never as text in the command.
    expect(workflow).toContain(
      'pipenv run python -m pytest "$TESTS"\n        env:\n          TESTS: "lib/tests"',
    );
  });

  it("works on a plugin that is not in git; update right after has nothing to do", () => {
    const dir = materialize("tpam", path.join(root, "no-git"));
    const adopted = runCli(["adopt", dir, "--yes"], root);
    expect(adopted.status, adopted.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, ".git"))).toBe(false);
    // git is not asked where the folder lies first: its answers outside a work tree say nothing.
    expect(adopted.stderr).not.toContain("is ignored");
    const updated = runCli(["update", dir], root);
    expect(updated.stdout, updated.stderr).toMatch(/^Nothing to update/);
  });

  it("keeps a file that is already there, lists it, and leaves it out of what update manages", () => {
    const dir = materialize("hashicorp-vault", path.join(root, "kept"));
    fs.writeFileSync(path.join(dir, "README.md"), "# Our vault plugin\n");
    fs.writeFileSync(path.join(dir, ".editorconfig"), "root = true\n");
    const adopted = runCli(["adopt", dir], root);
    expect(adopted.stdout).toContain("KEEP README.md (yours, left as it is)");
    expect(adopted.stdout).toContain("KEEP .editorconfig (yours, left as it is)");
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toBe("# Our vault plugin\n");
    const record = fs.readFileSync(path.join(dir, ".sps-plugin.json"), "utf8");
    expect(record).not.toContain('"README.md"');
    expect(runCli(["update", dir], root).stdout).toMatch(/^Nothing to update/);
    expect(fs.readFileSync(path.join(dir, ".editorconfig"), "utf8")).toBe("root = true\n");
  });

  it("adds a README where there is none", () => {
    const dir = materialize("skeleton-aa", path.join(root, "readme"));
    expect(runCli(["adopt", dir], root).stdout).toContain("ADD README.md");
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toContain("# SPS\\_AA\\_Skeleton");
  });

  it("--dry-run lists what it would add and writes nothing", () => {
    const dir = materialize("fqdnauth", path.join(root, "dry"));
    const before = listTree(dir);
    const dry = runCli(["adopt", dir, "--dry-run"], root);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(`ADD tools/${WHEEL}`);
    expect(listTree(dir)).toEqual(before);
  });

  it.each([
    [
      "a folder without a MANIFEST",
      (dir: string) => fs.mkdirSync(dir),
      "has no MANIFEST, so it is not an SPS plugin folder",
    ],
    [
      "a file",
      (dir: string) => fs.writeFileSync(dir, "MANIFEST"),
      "is a file; give the folder that holds the plugin's MANIFEST",
    ],
    ["a path that does not exist", () => undefined, "does not exist"],
    [
      "a MANIFEST SPS would refuse",
      (dir: string) => {
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, "MANIFEST"), "name: my-plugin\ntype: aa\napi: 1.7\n");
      },
      'MANIFEST name: "my-plugin" must start with a letter',
    ],
    [
      "a plugin already adopted",
      (dir: string) => {
        materialize("fqdnauth", dir);
        fs.writeFileSync(path.join(dir, ".sps-plugin.json"), "{}");
      },
      "already has .sps-plugin.json",
    ],
  ])("refuses %s: exit 2, a message, nothing written", (_, make, message) => {
    const dir = path.join(root, `refused-${crypto.randomUUID()}`);
    make(dir);
    const before = fs.existsSync(dir) && fs.statSync(dir).isDirectory() ? listTree(dir) : [];
    const refused = runCli(["adopt", dir], root);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(message);
    if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) expect(listTree(dir)).toEqual(before);
  });
});
