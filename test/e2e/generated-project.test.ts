/**
 * Generated projects checked with their own tools, for each combination of options: pytest,
 * mypy --strict, ruff check, ruff format --check with zero edits; the MANIFEST as SPS's
 * validator reads it (PyYAML safe_load); default.cfg through configparser; and a whole
 * session of the plugin on the oldest and newest Python it must run on.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SPS_RELEASES } from "../../src/sps-releases.js";
import { pythonFor, run, runCli, tempDir, TOOLS_BIN, TOOLS_PYTHON, type Ran } from "../helpers/run.js";
import { HOSTILE } from "../helpers/hostile.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function ok(result: Ran, what: string): string {
  expect(result.status, `${what}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

// Every option that changes generated text is varied at least once.
const MATRIX = [
  { dir: "acme-vault", flags: ["--sps", "7.0", "--author", "Jane Doe", "--email", "jane@example.com"] },
  { dir: "vault8", flags: ["--sps", "8.0", "-n", "HTTPVault"] },
  { dir: "hostile", flags: ["--sps", "9.0", "--description", HOSTILE, "--author", HOSTILE] },
] as const;

describe.each(MATRIX)("generated project $dir", ({ dir, flags }) => {
  const project = path.join(root, dir);
  const inProject = { cwd: project, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } };

  it("is generated", () => {
    ok(runCli([dir, "-t", "credentialstore", "--yes", "--no-git", ...flags], root), "create-sps-plugin");
  });

  it("passes its own pytest", () => {
    expect(
      ok(run(TOOLS_PYTHON, ["-m", "pytest", "-q", "-p", "no:cacheprovider"], inProject), "pytest"),
    ).toMatch(/\d+ passed/);
  });

  it("passes mypy --strict (as configured in pyproject.toml)", () => {
    const pyproject = fs.readFileSync(path.join(project, "pyproject.toml"), "utf8");
    expect(pyproject).toMatch(/^strict = true$/m);
    expect(ok(run(TOOLS_PYTHON, ["-m", "mypy"], inProject), "mypy")).toContain("Success: no issues found");
  });

  it("passes ruff check and ruff format --check with zero edits", () => {
    ok(run(path.join(TOOLS_BIN, "ruff"), ["check", "--no-cache"], inProject), "ruff check");
    ok(run(path.join(TOOLS_BIN, "ruff"), ["format", "--check", "--no-cache"], inProject), "ruff format");
  });

  it("has a MANIFEST SPS reads as intended and a default.cfg configparser reads", () => {
    const script = `
import configparser, json, yaml
manifest = yaml.safe_load(open("MANIFEST", encoding="utf-8"))
parser = configparser.ConfigParser(interpolation=None)
parser.read("default.cfg", encoding="utf-8")
print(json.dumps({"manifest": manifest, "sections": parser.sections()}))`;
    const out = JSON.parse(ok(run(TOOLS_PYTHON, ["-c", script], inProject), "read back")) as {
      manifest: Record<string, unknown>;
      sections: string[];
    };
    const sps = flags[1] as keyof typeof SPS_RELEASES;
    expect(out.manifest).toMatchObject({
      version: "0.1.0",
      type: "credentialstore",
      api: SPS_RELEASES[sps].api,
      entry_point: "main.py",
      scb_min_version: SPS_RELEASES[sps].scbMinVersion,
    });
    expect(out.manifest.name).toMatch(/^[a-zA-Z][a-zA-Z0-9_]+$/);
    if (dir === "hostile") {
      expect(out.manifest.description).toBe(HOSTILE);
      expect(out.manifest.author_name).toBe(HOSTILE);
    }
    expect(out.sections).toEqual(["logging", "credential_store", "example-vault", "ticket"]);
  });

  it.each(["3.8", "3.12"])(
    "runs a whole session under Python %s with the standard library only",
    (version) => {
      const python = pythonFor(version);
      const enabled = path.join(project, "enabled.cfg");
      fs.writeFileSync(
        enabled,
        fs.readFileSync(path.join(project, "default.cfg"), "utf8").replace("; root@db1", "root@db1"),
      );
      // -E -s: no PYTHON* variables and no user site-packages can stand in for the stdlib.
      const out = ok(
        run(
          python,
          [
            "-E",
            "-s",
            "-m",
            "sps_dev",
            "simulate",
            "--config",
            "enabled.cfg",
            "--secret",
            "example-vault/root@db1.example.com=s3cret-value",
          ],
          inProject,
        ),
        `simulate on ${version}`,
      );
      fs.rmSync(enabled);
      expect(out).toContain('"passwords": ["***"]');
      expect(out).toContain("ok: 3 hook calls");
      expect(out).not.toContain("s3cret-value");
      ok(
        run(
          python,
          ["-E", "-s", "-m", "compileall", "-q", "main.py", "sps_dev", ...pluginPackage(project)],
          inProject,
        ),
        "compileall",
      );
    },
  );

  it("builds the ZIP", () => {
    expect(ok(run(TOOLS_PYTHON, ["-m", "sps_dev", "build"], inProject), "build").trim()).toMatch(
      /^dist\/.+-0\.1\.0\.zip$/,
    );
  });
});

function pluginPackage(project: string): string[] {
  return fs.readdirSync(project).filter((d) => fs.existsSync(path.join(project, d, "about.py")));
}

describe("the README's set-up, literally", () => {
  it("python3 -m venv .venv && .venv/bin/pip install -r requirements-dev.txt, then the checks", () => {
    const project = path.join(root, "readme-flow");
    ok(runCli(["readme-flow", "--yes", "--no-git"], root), "create");
    const env = { ...process.env, PIP_RETRIES: "0", PIP_DISABLE_PIP_VERSION_CHECK: "1" };
    ok(run("python3", ["-m", "venv", ".venv"], { cwd: project, env }), "venv");
    ok(
      run(".venv/bin/pip", ["install", "-q", "--retries", "0", "-r", "requirements-dev.txt"], {
        cwd: project,
        env,
      }),
      "pip",
    );
    ok(run(".venv/bin/python", ["-m", "pytest", "-q"], { cwd: project }), "pytest");
    ok(run(".venv/bin/python", ["-m", "mypy"], { cwd: project }), "mypy");
    ok(run(".venv/bin/ruff", ["check"], { cwd: project }), "ruff check");
    ok(run(".venv/bin/ruff", ["format", "--check"], { cwd: project }), "ruff format");
  }, 300_000);
});
