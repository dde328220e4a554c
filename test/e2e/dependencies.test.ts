/**
 * A runtime dependency is one edit to pyproject.toml, then `sps_dev build` and the README's
 * install command, and every check of the project stays green: once for a typed distribution
 * (it ships py.typed), once for an untyped one whose stubs go into the dev group. The three
 * distributions are wheels made here and served by a real PEP 503 index over HTTP; the
 * project's venv is made as its README says (no pip in it, the outer pip's --python), and sees
 * the suite's already installed tools through a .pth file, so that pip installs only what the
 * edit added.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layOutIndex, startIndex, type PackageIndex } from "../helpers/package-index.js";
import { BIN, run, tempDir, TOOLS_BIN, TOOLS_PYTHON } from "../helpers/run.js";
import { makeWheel, withDependency } from "../helpers/wheel.js";

const WHEELS: [string, Record<string, string>][] = [
  [
    "typedpkg",
    {
      "typedpkg/__init__.py": 'def greeting(who: str) -> str:\n    return f"hello {who}"\n',
      "typedpkg/py.typed": "",
    },
  ],
  // No annotations, no py.typed: mypy --strict refuses to import it without its stubs.
  ["untypedpkg", { "untypedpkg/__init__.py": 'def greeting(who):\n    return "hello " + who\n' }],
  ["types-untypedpkg", { "untypedpkg-stubs/__init__.pyi": "def greeting(who: str) -> str: ...\n" }],
];

let root: string;
let index: PackageIndex;

beforeAll(async () => {
  root = tempDir();
  const made = WHEELS.map(([name, files]) => makeWheel(root, name, files));
  layOutIndex(path.join(root, "index"), made);
  index = await startIndex(TOOLS_PYTHON, path.join(root, "index"));
}, 60_000);

afterAll(async () => {
  await index?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

function step(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const ran = run(command, args, {
    cwd,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", PIP_INDEX_URL: index.url, PIP_RETRIES: "0", ...env },
  });
  expect(ran.status, `${command} ${args.join(" ")}\n${ran.stdout}${ran.stderr}`).toBe(0);
  return ran.stdout + ran.stderr;
}

describe("adding a dependency", () => {
  for (const [kind, runtime, dev] of [
    ["a typed one", "typedpkg==1.0", undefined],
    ["an untyped one, with its stubs in the dev group", "untypedpkg==1.0", "types-untypedpkg==1.0"],
  ] as const) {
    it(`${kind}: one edit to pyproject.toml, build, install, and every check stays green`, () => {
      const project = path.join(root, `plugin-with-${runtime.split("=")[0] as string}`);
      step(
        process.execPath,
        [BIN, project, "-t", "credentialstore", "--starter", "minimal", "--yes", "--no-git"],
        root,
      );
      const pyprojectFile = path.join(project, "pyproject.toml");
      const pyproject = fs.readFileSync(pyprojectFile, "utf8");
      // The one edit: the dependency (and, for an untyped one, its stubs beside the tools).
      let edited = withDependency(pyproject, runtime);
      if (dev) edited = edited.replace("dev = [\n", `dev = [\n  "${dev}",\n`);
      fs.writeFileSync(pyprojectFile, edited);
      // The plugin's code using it, and a test of that code: what the dependency is for.
      const module = runtime.split("=")[0] as string;
      const pkg = fs
        .readdirSync(project)
        .find((f) => fs.existsSync(path.join(project, f, "plugin.py"))) as string;
      fs.writeFileSync(
        path.join(project, pkg, "greet.py"),
        `"""Uses the new dependency."""\n\nfrom ${module} import greeting\n\n\ndef hello() -> str:\n    return greeting("sps")\n`,
      );
      fs.writeFileSync(
        path.join(project, "tests", "test_greet.py"),
        `from ${pkg}.greet import hello\n\n\ndef test_hello() -> None:\n    assert hello() == "hello sps"\n`,
      );

      const built = step(TOOLS_PYTHON, ["-m", "sps_dev", "build"], project);
      expect(built).toContain("requirements.txt: written from pyproject.toml");
      const requirements = fs.readFileSync(path.join(project, "requirements.txt"), "utf8");
      expect(requirements.split("\n")).toContain(runtime);
      if (dev)
        expect(fs.readFileSync(path.join(project, "requirements-dev.txt"), "utf8").split("\n")).toContain(
          dev,
        );

      // The README's set-up, literally, with the suite's tools visible through a .pth file.
      step("python3", ["-m", "venv", "--without-pip", ".venv"], project);
      const site = run(path.join(project, ".venv/bin/python"), [
        "-c",
        "import sysconfig; print(sysconfig.get_paths()['purelib'])",
      ]);
      const toolsSite = run(TOOLS_PYTHON, [
        "-c",
        "import sysconfig; print(sysconfig.get_paths()['purelib'])",
      ]);
      fs.writeFileSync(path.join(site.stdout.trim(), "suite-tools.pth"), `${toolsSite.stdout.trim()}\n`);
      const installed = step(
        "python3",
        [
          "-m",
          "pip",
          "--python",
          ".venv/bin/python",
          "install",
          "--no-compile",
          "-r",
          "requirements-dev.txt",
        ],
        project,
      );
      expect(installed).toContain(
        `Successfully installed ${[runtime, dev]
          .filter(Boolean)
          .map((r) => (r as string).replace("==", "-"))
          .sort()
          .join(" ")}`,
      );

      const python = path.join(project, ".venv/bin/python");
      step(python, ["-m", "pytest", "-q", "-p", "no:cacheprovider"], project);
      step(python, ["-m", "mypy"], project);
      step(path.join(TOOLS_BIN, "ruff"), ["check", "--no-cache"], project);
      step(path.join(TOOLS_BIN, "ruff"), ["format", "--check", "--no-cache"], project);
      expect(step(python, ["-m", "sps_dev", "check", "--strict"], project)).toContain("0 warning(s)");
      step(python, ["-m", "sps_dev", "requirements", "--check"], project);

      const zip = path.join(project, "dist", fs.readdirSync(path.join(project, "dist"))[0] as string);
      const names = run(TOOLS_PYTHON, [
        "-c",
        "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
        zip,
      ]).stdout.split("\n");
      expect(names).toContain(`${module}/__init__.py`);
      // The stubs are a dev tool: never in the ZIP.
      expect(names.some((n) => n.includes("stubs"))).toBe(false);
      step(python, ["-m", "sps_dev", "check", "--strict", zip], project);
    }, 180_000);
  }
});
