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

describe("npm create sps-plugin@latest, from a local registry", () => {
  it("publishes, installs with a fresh cache, generates, and the project's tests pass", () => {
    const npmEnv = {
      ...process.env,
      npm_config_userconfig: path.join(root, ".npmrc"),
      npm_config_cache: path.join(root, "npm-cache"),
      npm_config_registry: url,
      npm_config_update_notifier: "false",
      npm_config_audit: "false",
      npm_config_fund: "false",
    };
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
