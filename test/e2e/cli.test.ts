/** The built bin, run the way users and CI run it: flags, no terminal, a temporary folder. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GIT_ENV, BIN, listTree, run, runCli, tempDirs } from "../helpers/run.js";

const temps = tempDirs();
const workDir = temps.make;
afterEach(() => {
  temps.cleanup();
});

const pkg = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("create-sps-plugin (built bin)", () => {
  it("--help and --version", () => {
    const cwd = workDir();
    const help = runCli(["--help"], cwd);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: create-sps-plugin [directory] [options]");
    expect(runCli(["-v"], cwd).stdout.trim()).toBe(pkg.version);
    expect(listTree(cwd)).toEqual([]);
  });

  it.each([
    [["--yes", "--no-git"], []],
    [["--yes"], ["git.cjs"]],
  ])("%j loads the bin and dist/cli.cjs, and only %j of the files loaded on use", (flags, onUse) => {
    // Recorded from inside the run: every file Node loaded as a module, and every ES module
    // (an import() would start the ES-module loader, which the CommonJS bundle avoids).
    const cwd = workDir();
    const recorder = path.join(cwd, "recorder.cjs");
    fs.writeFileSync(
      recorder,
      `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(path.join(cwd, "loaded.json"))},
        JSON.stringify({ files: Object.keys(require.cache), esm: process.moduleLoadList.some((m) => m.includes("esm/module_job")) })));\n`,
    );
    const result = run(process.execPath, ["-r", recorder, BIN, "p", ...flags], {
      cwd,
      env: GIT_ENV,
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const loaded = JSON.parse(fs.readFileSync(path.join(cwd, "loaded.json"), "utf8")) as {
      files: string[];
      esm: boolean;
    };
    const dist = path.join(path.dirname(BIN), "..", "dist");
    expect(loaded.files.filter((file) => file !== recorder).sort()).toEqual(
      [BIN, path.join(dist, "cli.cjs"), ...onUse.map((file) => path.join(dist, file))].sort(),
    );
    expect(loaded.esm).toBe(false);
  });

  it.each([[["--help"]], [["p", "--yes", "--no-git"]]])(
    "%j into a reader that has gone (as with | head): exit 0, no stack trace, the work done",
    async (args) => {
      const cwd = workDir();
      const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.destroy(); // the reader goes away before the first line
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const status = await new Promise((resolve) => child.on("close", resolve));
      expect(stderr).toBe("");
      expect(status).toBe(0);
      if (args.includes("--yes")) expect(listTree(path.join(cwd, "p"))).toContain("MANIFEST");
    },
  );

  it.each([
    [["p", "--type", "vault", "--yes"], "--type: must be one of credentialstore, aa"],
    [["p", "-t", "credentialstore", "--name", "1st", "--yes"], "--name: must start with a letter"],
    [["p", "-t", "credentialstore", "--email", "x@", "--yes"], "--email: must be an address SPS accepts"],
    [["p", "-t", "credentialstore", "--sps", "6.0", "--yes"], "--sps: must be one of 7.0, 8.0, 9.0"],
    [["p", "--tpye", "credentialstore"], "Unknown option '--tpye'"],
    [["p"], "missing --type: there is no terminal to ask"],
    [[], "missing [directory] and --type"],
    [["json", "--yes"], '--name (the default): gives the Python package "json"'],
  ])("%j exits 2 with a clear message and writes nothing", (args, message) => {
    const cwd = workDir();
    const result = runCli(args, cwd);
    expect(result.stderr).toContain(message);
    expect(result.status).toBe(2);
    expect(listTree(cwd)).toEqual([]);
  });

  it("refuses a non-empty directory, listing what is there, and touches nothing", () => {
    const cwd = workDir();
    fs.mkdirSync(path.join(cwd, "p"));
    fs.writeFileSync(path.join(cwd, "p", "notes.txt"), "mine");
    const result = runCli(["p", "--yes"], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("[directory]: p is not empty (notes.txt)");
    expect(listTree(cwd)).toEqual(["p", "p/notes.txt"]);
    expect(fs.readFileSync(path.join(cwd, "p", "notes.txt"), "utf8")).toBe("mine");
  });

  it("creates nested folders, a git repository with one commit, and prints next steps", () => {
    const cwd = workDir();
    const result = run(
      process.execPath,
      [path.resolve("bin/create-sps-plugin.cjs"), "a/b/acme-vault", "--yes"],
      {
        cwd,
        env: { ...GIT_ENV, npm_config_user_agent: "pnpm/9.0.0 node/v20" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Created acme_vault (credentialstore)");
    expect(result.stdout).toContain("cd a/b/acme-vault");
    expect(result.stdout).toContain("pnpm create sps-plugin");
    const project = path.join(cwd, "a/b/acme-vault");
    expect(fs.statSync(path.join(project, "main.py")).mode & 0o777).toBe(0o755);
    const log = run("git", ["log", "--oneline"], { cwd: project });
    expect(log.stdout.trim().split("\n")).toHaveLength(1);
    const tracked = run("git", ["ls-files"], { cwd: project }).stdout.trim().split("\n");
    expect(tracked).toContain("acme_vault/plugin.py");
    expect(tracked).toContain(".gitignore");
    // Nothing but the project itself: no staging folder left beside it.
    expect(fs.readdirSync(path.join(cwd, "a/b"))).toEqual(["acme-vault"]);
  });

  it("--no-git, and no nested repository inside an existing work tree", () => {
    const cwd = workDir();
    expect(runCli(["solo", "--yes", "--no-git"], cwd).status).toBe(0);
    expect(fs.existsSync(path.join(cwd, "solo", ".git"))).toBe(false);

    run("git", ["init", "--quiet"], { cwd });
    const inRepo = run(process.execPath, [path.resolve("bin/create-sps-plugin.cjs"), "nested", "--yes"], {
      cwd,
      env: GIT_ENV,
    });
    expect(inRepo.status).toBe(0);
    expect(fs.existsSync(path.join(cwd, "nested", ".git"))).toBe(false);
  });

  it("--dry-run prints a CREATE line per file and writes nothing", () => {
    const cwd = workDir();
    const result = runCli(["p", "--yes", "--dry-run"], cwd);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toContain("CREATE MANIFEST");
    expect(lines).toContain("CREATE p_plugin/plugin.py");
    expect(lines.every((line) => /^CREATE \S/.test(line))).toBe(true);
    expect(listTree(cwd)).toEqual([]);
  });

  it("--force writes into a non-empty folder and keeps the user's files", () => {
    const cwd = workDir();
    fs.mkdirSync(path.join(cwd, "p"));
    fs.writeFileSync(path.join(cwd, "p", "notes.txt"), "mine");
    fs.writeFileSync(path.join(cwd, "p", "MANIFEST"), "old");
    expect(runCli(["p", "--yes", "--force", "--dry-run"], cwd).stdout).toContain("REPLACE MANIFEST");
    const result = runCli(["p", "--yes", "--force", "--no-git"], cwd);
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, "p", "notes.txt"), "utf8")).toBe("mine");
    expect(fs.readFileSync(path.join(cwd, "p", "MANIFEST"), "utf8")).toContain(`name: "p`);
  });

  it("a directory holding only .git counts as empty", () => {
    const cwd = workDir();
    fs.mkdirSync(path.join(cwd, "p", ".git"), { recursive: true });
    fs.writeFileSync(path.join(cwd, "p", ".git", "HEAD"), "ref: refs/heads/main\n");
    const result = runCli(["p", "--yes", "--no-git"], cwd);
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(cwd, "p", ".git", "HEAD"), "utf8")).toBe("ref: refs/heads/main\n");
    expect(fs.existsSync(path.join(cwd, "p", "MANIFEST"))).toBe(true);
  });
});

describe("without a git identity", () => {
  it("the project is made, its files staged, and the warning says how to set one and commit", () => {
    const cwd = workDir();
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^GIT_(AUTHOR|COMMITTER)_/.test(key)),
    );
    const result = run(process.execPath, [BIN, "p", "-t", "aa", "--yes"], {
      cwd,
      env: {
        ...env,
        // No identity from any configuration, and none guessed from the machine's names.
        HOME: cwd,
        XDG_CONFIG_HOME: cwd,
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_CONFIG_COUNT: "1",
        GIT_CONFIG_KEY_0: "user.useConfigOnly",
        GIT_CONFIG_VALUE_0: "true",
      },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("warning: git init done, but the first commit failed");
    expect(result.stderr).toContain('git config --global user.name "Your Name"');
    expect(result.stderr).toContain('git commit -m "Initial commit from create-sps-plugin"');
    expect(fs.existsSync(path.join(cwd, "p", ".git"))).toBe(true);
  });
});
