/**
 * A real `npm create sps-plugin@latest`, through npm itself: the packed package is published to
 * a local registry (verdaccio on 127.0.0.1, no uplinks) and installed with a fresh cache. This
 * proves the bin, the `files` list, the shebang and the shipped code; then the generated
 * project's own tests run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PKG_ROOT } from "../helpers/paths.js";
import { parse as parseYaml } from "yaml";
import { run, tempDir, TOOLS_PYTHON } from "../helpers/run.js";

const root = tempDir();
let registry: ChildProcess | undefined;
let url = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForRegistry(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (registry?.exitCode !== null) throw new Error("verdaccio exited before it was ready");
    const ok = await fetch(`${url}-/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("verdaccio did not answer in time");
}

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}/`;
  fs.writeFileSync(
    path.join(root, "verdaccio.yaml"),
    [
      `storage: ${path.join(root, "storage")}`,
      "uplinks: {}",
      "packages:",
      "  '**':",
      "    access: $all",
      "    publish: $all",
      "log: { type: stdout, format: pretty, level: error }",
      "",
    ].join("\n"),
  );
  // No uplinks: nothing is fetched from the internet, only what this test publishes.
  fs.writeFileSync(
    path.join(root, ".npmrc"),
    `registry=${url}\n//127.0.0.1:${port}/:_authToken=local-test\n`,
  );
  registry = spawn(
    process.execPath,
    [
      path.join(PKG_ROOT, "node_modules/verdaccio/bin/verdaccio"),
      "--config",
      "verdaccio.yaml",
      "--listen",
      `127.0.0.1:${port}`,
    ],
    { cwd: root, stdio: "ignore", detached: true },
  );
  await waitForRegistry(Date.now() + 60_000);
}, 90_000);

afterAll(() => {
  // Stop the registry however the tests ended: the whole process group, then the files.
  if (registry?.pid && registry.exitCode === null) process.kill(-registry.pid, "SIGTERM");
  fs.rmSync(root, { recursive: true, force: true });
});

/** npm pointed at the local registry only, with a fresh cache of its own. */
function npmEnvironment(cache: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_userconfig: path.join(root, ".npmrc"),
    npm_config_cache: path.join(root, cache),
    npm_config_registry: url,
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
}

describe("npm create sps-plugin@latest, from a local registry", () => {
  it("publishes, installs with a fresh cache, generates, and the project's tests pass", () => {
    const npmEnv = npmEnvironment("npm-cache");
    const pack = run("npm", ["pack", "--pack-destination", root, "--ignore-scripts"], {
      cwd: PKG_ROOT,
      env: npmEnv,
    });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = path.join(root, pack.stdout.trim().split("\n").pop() ?? "");
    const publish = run("npm", ["publish", tarball], { cwd: root, env: npmEnv });
    expect(publish.status, publish.stderr).toBe(0);

    const workdir = path.join(root, "work");
    fs.mkdirSync(workdir);
    const create = run(
      "npm",
      ["create", "--yes", "sps-plugin@latest", "npm-made-vault", "--", "--yes", "--no-git", "--sps", "8.0"],
      {
        cwd: workdir,
        env: { ...npmEnv, npm_config_user_agent: undefined },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    expect(create.status, `${create.stdout}\n${create.stderr}`).toBe(0);
    expect(create.stdout).toContain("Created npm_made_vault (credentialstore)");
    expect(create.stdout).toContain("npm create sps-plugin@latest");

    const project = path.join(workdir, "npm-made-vault");
    expect(fs.readFileSync(path.join(project, "MANIFEST"), "utf8")).toContain('api: "1.8"');
    expect(fs.existsSync(path.join(project, ".gitignore"))).toBe(true);
    const pytest = run(TOOLS_PYTHON, ["-m", "pytest", "-q", "-p", "no:cacheprovider"], { cwd: project });
    expect(pytest.status, pytest.stdout).toBe(0);
  }, 180_000);
});

describe("the generated update workflow, its steps as written, against the published package", () => {
  it("turns an outdated project into exactly one commit on its own branch; a second run changes nothing", () => {
    const npmEnv = npmEnvironment("npm-cache-update");
    // The package the first test published (published again here if this test runs alone).
    if (run("npm", ["view", "create-sps-plugin", "version"], { cwd: root, env: npmEnv }).status !== 0) {
      const pack = run("npm", ["pack", "--pack-destination", root, "--ignore-scripts"], {
        cwd: PKG_ROOT,
        env: npmEnv,
      });
      expect(
        run("npm", ["publish", path.join(root, pack.stdout.trim().split("\n").pop() ?? "")], {
          cwd: root,
          env: npmEnv,
        }).status,
      ).toBe(0);
    }
    const project = path.join(root, "outdated");
    const made = run(
      process.execPath,
      [path.join(PKG_ROOT, "bin/create-sps-plugin.cjs"), project, "-t", "aa", "--yes", "--no-git"],
      { cwd: root },
    );
    expect(made.status, made.stderr).toBe(0);
    // An older generation: its README said otherwise, and its record says so.
    const recordFile = path.join(project, ".sps-plugin.json");
    const record = JSON.parse(fs.readFileSync(recordFile, "utf8")) as {
      version: string;
      files: Record<string, string>;
    };
    const older = `${fs.readFileSync(path.join(project, "README.md"), "utf8")}\nAn older line.\n`;
    fs.writeFileSync(path.join(project, "README.md"), older);
    const blob = run("git", ["hash-object", "--stdin"], { input: older });
    record.files["README.md"] = blob.stdout.trim();
    record.version = "0.0.1";
    fs.writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
    const gitEnv = {
      ...process.env,
      GIT_AUTHOR_NAME: "Owner",
      GIT_AUTHOR_EMAIL: "owner@example.com",
      GIT_COMMITTER_NAME: "Owner",
      GIT_COMMITTER_EMAIL: "owner@example.com",
    };
    for (const args of [
      ["init", "-q", "--initial-branch=main"],
      ["add", "-A"],
      ["commit", "-q", "-m", "older generation"],
    ])
      expect(run("git", args, { cwd: project, env: gitEnv }).status).toBe(0);

    const workflow = parseYaml(
      fs.readFileSync(path.join(project, ".github/workflows/update.yml"), "utf8"),
    ) as {
      jobs: { update: { steps: { id?: string; run?: string; if?: string }[] } };
    };
    const steps = workflow.jobs.update.steps.filter((s) => s.run !== undefined && s.if === undefined);
    const runner = path.join(root, "runner");
    const once = (): Record<string, string> => {
      fs.rmSync(runner, { recursive: true, force: true });
      fs.mkdirSync(runner);
      const output = path.join(runner, "output");
      fs.writeFileSync(output, "");
      for (const step of steps) {
        // As GitHub runs a step: bash -e, with pipefail.
        const done = run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run as string], {
          cwd: project,
          env: { ...npmEnv, RUNNER_TEMP: runner, GITHUB_OUTPUT: output, HOME: runner },
          timeout: 120_000,
        });
        expect(done.status, `${step.run}\n${done.stdout}${done.stderr}`).toBe(0);
      }
      return Object.fromEntries(
        fs
          .readFileSync(output, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => line.split("=") as [string, string]),
      );
    };
    const log = (): string[] =>
      run("git", ["log", "--format=%s"], { cwd: project }).stdout.trim().split("\n");
    const first = once();
    expect(first.changed).toBe("true");
    expect(first.draft).toBeUndefined();
    const version = (
      JSON.parse(fs.readFileSync(path.join(PKG_ROOT, "package.json"), "utf8")) as { version: string }
    ).version;
    expect(log()).toEqual([`Update to create-sps-plugin ${version} (from 0.0.1)`, "older generation"]);
    // The pull request's body is this log: both versions, and the changelog between them.
    const updateLog = fs.readFileSync(path.join(runner, "update.log"), "utf8");
    expect(updateLog).toContain(`Updated from create-sps-plugin 0.0.1 to ${version}.`);
    expect(updateLog).toContain(`What changed in create-sps-plugin since 0.0.1:\n\n## ${version}`);
    expect(run("git", ["branch", "--show-current"], { cwd: project }).stdout.trim()).toBe(
      "create-sps-plugin/update",
    );
    expect(run("git", ["status", "--porcelain"], { cwd: project }).stdout).toBe("");
    const second = once();
    expect(second.changed).toBe("false");
    expect(log().length).toBe(2);
  }, 240_000);
});
