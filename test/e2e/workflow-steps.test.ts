/**
 * A generated project with a runtime dependency added (a wheel made here, offered to pip
 * through PIP_FIND_LINKS as a package index would) runs its own CI workflow's steps as
 * written, in order: the checks job (dev tools, tests, types, lint, check, build, check of the
 * ZIP), then each plugin-Python job (sps_dev only, then verify of that very ZIP on 3.8 and
 * 3.12). The dependency ends up in the ZIP and imports there.
 */
import fs from "node:fs";
import path from "node:path";
import { makeWheel, withDependency } from "../helpers/wheel.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { pythonFor, run, runCli, tempDir, TOOLS_PYTHON } from "../helpers/run.js";

interface Step {
  run?: string;
}
interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
  strategy?: { matrix: { include: Record<string, string>[] } };
}

let root: string;
let project: string;
let wheels: string;

beforeAll(() => {
  root = tempDir();
  wheels = path.join(root, "wheels");
  fs.mkdirSync(wheels, { recursive: true });
  makeWheel(wheels, "tinydep", {
    "tinydep/__init__.py": "GREETING: str = 'hello from tinydep'\n",
    "tinydep/py.typed": "",
  });
  expect(
    runCli(["dep-vault", "-t", "credentialstore", "--starter", "minimal", "--yes", "--no-git"], root).status,
  ).toBe(0);
  project = path.join(root, "dep-vault");
  // The user's one change: the dependency listed (and the requirements files produced from it,
  // as their build did), and a module of the plugin using it.
  const pyproject = path.join(project, "pyproject.toml");
  fs.writeFileSync(pyproject, withDependency(fs.readFileSync(pyproject, "utf8"), "tinydep==1.0"));
  expect(run(TOOLS_PYTHON, ["-m", "sps_dev", "requirements"], { cwd: project }).status).toBe(0);
  fs.writeFileSync(
    path.join(project, "dep_vault", "greeting.py"),
    '"""Uses the runtime dependency."""\n\nimport tinydep\n\nGREETING = tinydep.GREETING\n',
  );
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs one `run:` step with `bin` first on PATH, as setup-python puts its Python there. */
function step(command: string, bin: string, extra: NodeJS.ProcessEnv = {}, status = 0): string {
  const done = run("bash", ["-e", "-o", "pipefail", "-c", command], {
    cwd: project,
    timeout: 600_000,
    env: {
      ...process.env,
      ...extra,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
      PIP_FIND_LINKS: wheels,
      PIP_RETRIES: "0",
      PIP_DISABLE_PIP_VERSION_CHECK: "1",
      PYTHONDONTWRITEBYTECODE: "1",
    },
  });
  expect(done.status, `${command}\n${done.stdout}${done.stderr}`).toBe(status);
  return done.stdout + done.stderr;
}

// The folder holding the running Python's pip, and pip's own metadata folder in it.
const PIP_HOME = `
import glob, os, pip
home = os.path.dirname(os.path.dirname(pip.__file__))
print(home)
print(os.path.basename(glob.glob(os.path.join(home, "pip-*.dist-info"))[0]))
`;

/**
 * A fresh venv with pip in it, as setup-python's Python has: made --without-pip, then given a
 * copy of the pip that comes with `python`, already compiled. Ensurepip would unpack and
 * compile pip anew: about 5 CPU-seconds a venv here, and this file makes six.
 */
function venv(python: string, name: string): string {
  const dir = path.join(root, name);
  const made = run(python, ["-m", "venv", "--without-pip", dir]);
  expect(made.status, made.stderr).toBe(0);
  const [home, metadata] = run(python, ["-c", PIP_HOME]).stdout.trim().split("\n") as [string, string];
  const bin = path.join(dir, "bin");
  const site = run(path.join(bin, "python"), [
    "-c",
    "import sysconfig; print(sysconfig.get_paths()['purelib'])",
  ]);
  // With the sources' times: a .pyc counts only for a source of the mtime it records, so a
  // copy stamped now would have every pip command compile pip's modules again (the steps run
  // with PYTHONDONTWRITEBYTECODE): 0.83 CPU-s for `pip --version` against 0.35.
  for (const part of ["pip", metadata])
    fs.cpSync(path.join(home, part), path.join(site.stdout.trim(), part), {
      recursive: true,
      preserveTimestamps: true,
    });
  expect(run(path.join(bin, "python"), ["-m", "pip", "--version"]).stdout).toContain(path.join(dir, "lib"));
  return bin;
}

describe("a generated project with a runtime dependency runs its own CI workflow", () => {
  it("passes every step of both jobs, and the ZIP carries the dependency", () => {
    const workflow = parseYaml(fs.readFileSync(path.join(project, ".github/workflows/ci.yml"), "utf8")) as {
      jobs: Record<string, Job>;
    };
    const checks = workflow.jobs.checks?.steps.flatMap((s) => (s.run ? [s.run] : [])) ?? [];
    expect(checks.length).toBeGreaterThan(5);
    const bin = venv(TOOLS_PYTHON, "checks-venv");
    for (const command of checks) step(command, bin);
    const zips = fs.readdirSync(path.join(project, "dist")).filter((f) => f.endsWith(".zip"));
    expect(zips).toEqual(["dep_vault-0.1.0.zip"]);
    const listed = run(TOOLS_PYTHON, ["-m", "zipfile", "-l", path.join(project, "dist", zips[0] as string)]);
    expect(listed.stdout).toContain("tinydep/__init__.py");

    const job = workflow.jobs["plugin-python"];
    const matrix = job?.strategy?.matrix.include ?? [];
    expect(matrix.map((entry) => entry["python-version"])).toEqual(["3.8", "3.12"]);
    for (const entry of matrix) {
      const version = entry["python-version"] as string;
      const jobBin = venv(pythonFor(version), `verify-${version}`);
      for (const command of job?.steps.flatMap((s) => (s.run ? [s.run] : [])) ?? [])
        step(command.replace("${{ matrix.sps }}", entry.sps ?? ""), jobBin);
    }
  }, 600_000);
});

describe("the same project's release workflow", () => {
  it("for the tag of its version: the ZIP, its SHA-256 and bundled list, verified; another tag fails", () => {
    const text = fs.readFileSync(path.join(project, ".github/workflows/release.yml"), "utf8");
    const workflow = parseYaml(text) as {
      on: { push: { tags: string[] } };
      permissions: Record<string, string>;
      jobs: Record<string, Job>;
    };
    expect(workflow.on.push.tags).toEqual(["v*"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    const runs = (job: string): string[] =>
      workflow.jobs[job]?.steps.flatMap((s) => (s.run ? [s.run] : [])) ?? [];
    const bin = venv(TOOLS_PYTHON, "release-venv");
    fs.rmSync(path.join(project, "dist"), { recursive: true, force: true });
    // A tag that is not the MANIFEST's version stops the run at the release step.
    const [install, release, ...rest] = runs("build");
    step(install as string, bin);
    const refused = step(release as string, bin, { GITHUB_REF_NAME: "v9.9.9" }, 1);
    expect(refused).toContain("the tag 'v9.9.9' is not the MANIFEST's version '0.1.0'");
    expect(fs.existsSync(path.join(project, "dist"))).toBe(false);
    for (const command of [release as string, ...rest]) step(command, bin, { GITHUB_REF_NAME: "v0.1.0" });
    const dist = path.join(project, "dist");
    expect(fs.readdirSync(dist).sort()).toEqual([
      "dep_vault-0.1.0.zip",
      "dep_vault-0.1.0.zip.bundled.txt",
      "dep_vault-0.1.0.zip.sha256",
    ]);
    // sha256sum itself agrees with the checksum file, and the list names the dependency.
    const checked = run("sha256sum", ["-c", "dep_vault-0.1.0.zip.sha256"], { cwd: dist });
    expect(checked.status, checked.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dist, "dep_vault-0.1.0.zip.bundled.txt"), "utf8")).toBe("tinydep 1.0\n");
    const matrix = workflow.jobs.verify?.strategy?.matrix.include ?? [];
    expect(matrix.map((entry) => entry["python-version"])).toEqual(["3.8", "3.12"]);
    for (const entry of matrix) {
      const jobBin = venv(
        pythonFor(entry["python-version"] as string),
        `release-verify-${entry["python-version"]}`,
      );
      for (const command of runs("verify"))
        step(command.replace("${{ matrix.sps }}", entry.sps ?? ""), jobBin);
    }
    // The publish step (not run here): the same ZIP and its files; the only job that writes.
    const publish = runs("publish").join("\n");
    expect(publish).toContain("dist/*.zip dist/*.zip.sha256 dist/*.zip.bundled.txt");
    const writers = Object.entries(workflow.jobs).filter(([, job]) => job.permissions?.contents === "write");
    expect(writers.map(([name]) => name)).toEqual(["publish"]);
  }, 600_000);
});
