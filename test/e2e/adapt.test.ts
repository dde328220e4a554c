/**
 * Adapting a generated project as a user would: changing the worked example's values where
 * they live, and adding a runtime dependency the documented way. The generated tests and the
 * build must follow without a test being edited.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLE_VALUES } from "../../src/answers/example-values.js";
import {
  expectProjectChecksPass,
  PLUGIN_ENV,
  pythonFor,
  run,
  runCli,
  tempDir,
  TOOLS_PYTHON,
} from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function generate(dir: string, ...flags: string[]): string {
  const made = runCli([dir, "--yes", "--no-git", ...flags], root);
  expect(made.status, made.stderr).toBe(0);
  return path.join(root, dir);
}

/** Replaces `from` by `to` in one project file, and says how often it did. */
function edit(project: string, file: string, from: string | RegExp, to: string): number {
  const where = path.join(project, file);
  const text = fs.readFileSync(where, "utf8");
  const count = text.split(from).length - 1;
  fs.writeFileSync(where, text.split(from).join(to));
  return count;
}

function testFiles(project: string): string[] {
  return fs
    .readdirSync(path.join(project, "tests"))
    .map((f) => fs.readFileSync(path.join(project, "tests", f), "utf8"));
}

describe("the worked example's values live in one place", () => {
  it("a credential store's vault section is renamed where the plugin defines it, and the tests follow", () => {
    const project = generate("renamed-vault", "-t", "credentialstore");
    const { vaultSection } = EXAMPLE_VALUES;
    // No test spells the example's values: they read them from the project.
    for (const text of testFiles(project)) {
      expect(text).not.toContain(vaultSection);
      expect(text).not.toContain(EXAMPLE_VALUES.sampleAccount);
      expect(text).not.toContain(EXAMPLE_VALUES.remoteApp);
    }
    // The name is the plugin's: its constant, and the section SPS admins see in default.cfg.
    expect(edit(project, "renamed_vault/settings.py", `"${vaultSection}"`, '"team-vault"')).toBe(1);
    expect(edit(project, "default.cfg", `[${vaultSection}]`, "[team-vault]")).toBe(1);
    expect(edit(project, "default.cfg", "; root@db1.example.com = $", "; svc@app1.example.org = $")).toBe(1);
    expectProjectChecksPass(project);
  });

  it("an AA plugin's ticket pattern and sample change in default.cfg, and the tests follow", () => {
    const project = generate("renamed-gate", "-t", "aa");
    const { ticketPattern, sampleTicket } = EXAMPLE_VALUES;
    for (const text of testFiles(project)) expect(text).not.toContain(sampleTicket);
    expect(edit(project, "default.cfg", `pattern = ${ticketPattern}`, "pattern = INC[0-9]{6}")).toBe(1);
    expect(edit(project, "default.cfg", `example = ${sampleTicket}`, "example = INC000123")).toBe(1);
    expectProjectChecksPass(project);
    const simulate = (answer: string) =>
      run(pythonFor("3.8"), ["-s", "-m", "sps_dev", "simulate", "--answer", `ticket_id=${answer}`], {
        cwd: project,
        env: PLUGIN_ENV,
      });
    expect(simulate("INC000123").stdout).toContain("AA verdict ACCEPT");
    const refused = simulate(sampleTicket);
    expect(refused.stdout).toContain("expected one such as INC000123");
  });
});

describe("the README's set-up, literally, with a runtime dependency added the documented way", () => {
  it("venv, pip install -r requirements-dev.txt, then the checks and the build; pip --group dev too", () => {
    const project = generate("with-certifi", "-t", "credentialstore", "--starter", "minimal");
    fs.appendFileSync(path.join(project, "requirements.txt"), "certifi\n");
    // The plugin uses it: sps_dev check must count it as shipped, not as a missing import.
    const plugin = "with_certifi/plugin.py";
    expect(edit(project, plugin, "from .support import", "import certifi\n\nfrom .support import")).toBe(1);
    expect(
      edit(
        project,
        plugin,
        /mine\["authenticated"\] = True.*/,
        'mine["authenticated"] = bool(certifi.where())',
      ),
    ).toBe(1);
    const env = { ...process.env, PIP_RETRIES: "0", PIP_DISABLE_PIP_VERSION_CHECK: "1" };
    const ok = (command: string, args: string[]): string => {
      const result = run(command, args, { cwd: project, env });
      expect(result.status, `${command} ${args.join(" ")}\n${result.stdout}${result.stderr}`).toBe(0);
      return result.stdout;
    };
    ok("python3", ["-m", "venv", ".venv"]);
    ok(".venv/bin/python", ["-m", "pip", "install", "-q", "--retries", "0", "-r", "requirements-dev.txt"]);
    ok(".venv/bin/python", ["-m", "pytest", "-q", "-p", "no:cacheprovider"]);
    ok(".venv/bin/python", ["-m", "mypy"]);
    ok(".venv/bin/ruff", ["check", "--no-cache"]);
    ok(".venv/bin/ruff", ["format", "--check", "--no-cache"]);
    expect(ok(".venv/bin/python", ["-m", "sps_dev", "check"])).toContain("0 error(s), 0 warning(s)");
    const zip = ok(".venv/bin/python", ["-m", "sps_dev", "build"]).trim();
    const listing = ok(".venv/bin/python", ["-m", "zipfile", "-l", zip]);
    expect(listing).toMatch(/^certifi\/__init__\.py\s/m);
    expect(listing).not.toMatch(/^(tests|sps_dev)\//m);
    // PEP 735: pip 25.1 and newer read [dependency-groups] dev (an unknown group is an error).
    ok(".venv/bin/python", ["-m", "pip", "install", "-q", "--retries", "0", "pip>=25.1"]);
    ok(".venv/bin/python", ["-m", "pip", "install", "--dry-run", "-q", "--retries", "0", "--group", "dev"]);
  }, 300_000);
});
