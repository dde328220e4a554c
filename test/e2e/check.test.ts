/**
 * sps_dev check and build on the projects this generator writes. The tool's own rules, on
 * hostile input and on plugins shaped like the vendor's, are tested in python/tests (pytest
 * and unittest); here: what a generated project gets from them.
 */
import fs from "node:fs";
import path from "node:path";
import { withDependency } from "../helpers/wheel.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, runCli, tempDir, TOOLS_PYTHON, type Ran } from "../helpers/run.js";

const root = tempDir();
const PROJECTS = { credentialstore: path.join(root, "cs-vault"), aa: path.join(root, "aa-gate") };
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeAll(() => {
  for (const [type, dir] of Object.entries(PROJECTS)) {
    expect(runCli([path.basename(dir), "-t", type, "--yes", "--no-git"], root).status).toBe(0);
  }
});

function sps(project: string, args: string[]): Ran {
  return run(TOOLS_PYTHON, ["-m", "sps_dev", ...args], {
    cwd: project,
    env: {
      ...process.env,
      PIP_RETRIES: "0",
      PIP_DISABLE_PIP_VERSION_CHECK: "1",
      PYTHONDONTWRITEBYTECODE: "1",
    },
  });
}

function copyOf(type: keyof typeof PROJECTS, change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(root, "copy-"));
  fs.cpSync(PROJECTS[type], dir, { recursive: true });
  fs.rmSync(path.join(dir, "dist"), { recursive: true, force: true });
  change(dir);
  return dir;
}

const zipNames = (zip: string): string[] =>
  run(TOOLS_PYTHON, [
    "-c",
    `import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))`,
    zip,
  ])
    .stdout.trim()
    .split("\n");

describe("python -m sps_dev on generated projects", () => {
  it.each(Object.keys(PROJECTS))(
    "check passes a fresh %s project without a warning, and its ZIP too",
    (type) => {
      const project = PROJECTS[type as keyof typeof PROJECTS];
      const checked = sps(project, ["check", "--strict"]);
      expect(checked.stdout).toMatch(
        /^passes: \w+ \(\w+\) for SPS 7\.0, 8\.0, 9\.0: 0 error\(s\), 0 warning\(s\)$/m,
      );
      expect(checked.status).toBe(0);
      const built = sps(project, ["build", "--strict"]);
      expect(built.status, built.stderr).toBe(0);
      const zip = path.join(project, built.stdout.trim());
      expect(path.dirname(zip)).toBe(path.join(project, "dist"));
      expect(zipNames(zip).filter((n) => /^(tests|sps_dev)\/|__pycache__/.test(n))).toEqual([]);
      expect(sps(project, ["check", zip]).status).toBe(0);
    },
  );

  it("--version names the vendored tool", () => {
    expect(sps(PROJECTS.aa, ["--version"]).stdout).toMatch(/^sps_dev \d+\.\d+\.\d+$/m);
  });

  it("an edit SPS would refuse fails check and stops build, naming file, line, rule and fix", () => {
    const project = copyOf("aa", (dir) => {
      const main = path.join(dir, "main.py");
      fs.writeFileSync(main, fs.readFileSync(main, "utf8").replace("#!/usr/bin/env pluginwrapper3\n", ""));
    });
    const checked = sps(project, ["check"]);
    expect(checked.stderr).toContain(
      "main.py:1: error P002: must start with the Python 3 shebang: without it SPS runs the plugin as Python 2 [SPS docs]; fix: #!/usr/bin/env pluginwrapper3",
    );
    expect(checked.status).toBe(1);
    const built = sps(project, ["build"]);
    expect(built.status).toBe(1);
    expect(built.stderr).toContain("check found 1 error(s); SPS would refuse the ZIP");
    expect(fs.existsSync(path.join(project, "dist"))).toBe(false);
  });

  it("installs runtime dependencies for SPS's Python next to main.py, and the plugin imports them from the ZIP", () => {
    // Listed where a generated project lists it: build writes requirements.txt from it.
    const project = copyOf("credentialstore", (dir) => {
      const pyproject = path.join(dir, "pyproject.toml");
      fs.writeFileSync(pyproject, withDependency(fs.readFileSync(pyproject, "utf8"), "six"));
    });
    const built = sps(project, ["build"]);
    expect(built.status, built.stderr).toBe(0);
    const zip = path.join(project, built.stdout.trim());
    const names = zipNames(zip);
    expect(names).toContain("six.py");
    expect(names).toContain("main.py");
    expect(names.filter((n) => /^(tests|sps_dev|bin)\//.test(n))).toEqual([]);
    const unpacked = path.join(project, "unpacked");
    run(TOOLS_PYTHON, [
      "-c",
      "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
      zip,
      unpacked,
    ]);
    const imported = run(
      TOOLS_PYTHON,
      ["-E", "-s", "-c", "import six, main; print(six.__file__, main.Plugin)"],
      {
        cwd: unpacked,
      },
    );
    expect(imported.stdout).toContain(path.join(unpacked, "six.py"));
  });
});
