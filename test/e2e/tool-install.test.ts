/**
 * A generated project gets sps_dev (the sps-plugin-dev package) both ways its README offers,
 * and then passes every check it runs: by name from a real package index (a PEP 503 index over
 * HTTP, as verdaccio is for npm) once tools/ is gone, and from the wheel in tools/ with no
 * index that has it. The wheel is the one built from this working tree (dist/).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateArguments } from "../../src/answers/example-values.js";
import { layOutIndex, startIndex, type PackageIndex } from "../helpers/package-index.js";
import { PKG_ROOT } from "../helpers/paths.js";
import { run, runCli, tempDir, TOOLS_PYTHON } from "../helpers/run.js";

const WHEEL = path.join(
  PKG_ROOT,
  "dist",
  fs.readdirSync(path.join(PKG_ROOT, "dist")).find((f) => f.endsWith(".whl")) ?? "no-wheel-built",
);
const PIP_ENV = { ...process.env, PIP_RETRIES: "0", PIP_DISABLE_PIP_VERSION_CHECK: "1" };

let root: string;
beforeAll(() => {
  root = tempDir();
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function generate(name: string): string {
  const made = runCli([name, "--type", "aa", "--starter", "minimal", "--yes", "--no-git"], root);
  expect(made.status, made.stderr).toBe(0);
  return path.join(root, name);
}

/** A venv without pip of its own, filled by the tools' pip (--python, --no-compile), as the
 * generated README does it: pip's fastest path. */
function installDevTools(project: string, extra: string[]): { python: string; log: string } {
  const venv = path.join(project, ".venv");
  const made = run(TOOLS_PYTHON, ["-m", "venv", "--without-pip", venv]);
  expect(made.status, made.stderr).toBe(0);
  const python = path.join(venv, "bin", "python");
  const pip = run(
    TOOLS_PYTHON,
    ["-m", "pip", "--python", python, "install", "--no-compile", "-r", "requirements-dev.txt", ...extra],
    { cwd: project, env: PIP_ENV, timeout: 300_000 },
  );
  expect(pip.status, pip.stdout + pip.stderr).toBe(0);
  return { python, log: pip.stdout };
}

/** Everything the generated README and CI run, each of which must pass. */
function expectEveryCheckPasses(project: string, python: string): void {
  const bin = path.dirname(python);
  const steps: [string, string[]][] = [
    [python, ["-m", "pytest", "-q", "-p", "no:cacheprovider"]],
    [python, ["-m", "mypy"]],
    [path.join(bin, "ruff"), ["check", "--no-cache"]],
    [path.join(bin, "ruff"), ["format", "--check", "--no-cache"]],
    [path.join(bin, "sps-dev"), ["check", "--strict"]],
    [python, ["-m", "sps_dev", "simulate", ...simulateArguments("aa", "minimal").split(" ").filter(Boolean)]],
    [python, ["-m", "sps_dev", "build"]],
  ];
  for (const [command, args] of steps) {
    const done = run(command, args, { cwd: project, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
    expect(done.status, `${path.basename(command)} ${args.join(" ")}:\n${done.stdout}${done.stderr}`).toBe(0);
  }
}

describe("sps_dev in a generated project", () => {
  let index: PackageIndex | undefined;
  afterAll(async () => index?.stop());

  it("installs by name from a package index once the project drops its wheel", async () => {
    const project = generate("from-index");
    // The README's switch to the published package: tools/ and pyproject.toml's find-links go,
    // then the requirements files are produced again.
    fs.rmSync(path.join(project, "tools"), { recursive: true });
    const pyproject = path.join(project, "pyproject.toml");
    const before = fs.readFileSync(pyproject, "utf8");
    const after = before.replace(/\n\[tool\.uv\]\n(?:#.*\n)*find-links = \["tools"\]\n/, "\n");
    expect(after).not.toBe(before);
    fs.writeFileSync(pyproject, after);
    expect(run(TOOLS_PYTHON, ["-m", "sps_dev", "requirements"], { cwd: project }).status).toBe(0);
    expect(fs.readFileSync(path.join(project, "requirements-dev.txt"), "utf8")).not.toContain("--find-links");
    const indexRoot = path.join(root, "index");
    layOutIndex(indexRoot, [WHEEL]);
    index = await startIndex(TOOLS_PYTHON, indexRoot);
    const { python } = installDevTools(project, ["--extra-index-url", index.url]);
    const wanted = `GET /files/${path.basename(WHEEL)}`;
    const logged = await index.requests(wanted);
    const fetched = logged.filter((line) => line.includes(wanted));
    expect(fetched.length, logged.join("\n")).toBe(1);
    expect(fetched[0]).toMatch(/" 200 /);
    expectEveryCheckPasses(project, python);
  });

  it("installs from the wheel in tools/ when no index has it", () => {
    const project = generate("from-wheel");
    // The wheel is committed with the project: its .gitignore never ignores it.
    expect(run("git", ["init", "--quiet"], { cwd: project }).status).toBe(0);
    expect(
      run("git", ["check-ignore", "--quiet", `tools/${path.basename(WHEEL)}`], { cwd: project }).status,
    ).toBe(1);
    const { python, log } = installDevTools(project, []);
    expect(log).toContain(`tools/${path.basename(WHEEL)}`);
    expectEveryCheckPasses(project, python);
  });
});
