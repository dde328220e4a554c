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
    // The README's and CI's simulate take the sample from default.cfg: they follow, unedited,
    // and still assert ACCEPT.
    const readmeLine = fs
      .readFileSync(path.join(project, "README.md"), "utf8")
      .split("\n")
      .find((line) => line.startsWith(".venv/bin/python -m sps_dev simulate"));
    const args = (readmeLine ?? "").replace(".venv/bin/python -m sps_dev ", "").split(" ");
    expect(args).toEqual(["simulate", "--answer-from", "ticket_id=ticket.example", "--expect", "ACCEPT"]);
    for (const text of [readmeLine, fs.readFileSync(path.join(project, ".github/workflows/ci.yml"), "utf8")])
      expect(text).not.toContain(sampleTicket);
    const followed = run(pythonFor("3.8"), ["-s", "-m", "sps_dev", ...args], {
      cwd: project,
      env: PLUGIN_ENV,
    });
    expect(followed.status, followed.stdout + followed.stderr).toBe(0);
    expect(followed.stdout).toContain("INC000123");
    // A sample the pattern refuses ends in DENY: --expect ACCEPT fails the run, never silently.
    expect(edit(project, "default.cfg", "example = INC000123", "example = CHG-1")).toBe(1);
    const dropped = run(pythonFor("3.8"), ["-s", "-m", "sps_dev", ...args], {
      cwd: project,
      env: PLUGIN_ENV,
    });
    expect(dropped.status).not.toBe(0);
  });
});

describe("the README's set-up, literally, with a runtime dependency added the documented way", () => {
  it("its set-up block, one edit to pyproject.toml, build, install again, then the checks; pip --group dev too", () => {
    const project = generate("with-certifi", "-t", "credentialstore", "--starter", "minimal");
    // The one edit the README's "Dependencies" section asks for.
    expect(edit(project, "pyproject.toml", "dependencies = []", 'dependencies = ["certifi"]')).toBe(1);
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
      return result.stdout + result.stderr;
    };
    const readme = fs.readFileSync(path.join(project, "README.md"), "utf8");
    const block = (heading: string): string[] =>
      (new RegExp(`## ${heading}[\\s\\S]*?\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1] ?? "")
        .split("\n")
        .filter((line) => line.trim());
    const setUp = block("Set up");
    expect(setUp).toHaveLength(2);
    // The README's commands as written (sh drops their comments); the Dependencies section's
    // build and install, after the edit.
    for (const command of [...setUp, ...block("Dependencies")]) ok("sh", ["-c", command]);
    expect(fs.readFileSync(path.join(project, "requirements.txt"), "utf8").split("\n")).toContain("certifi");
    expect(fs.existsSync(path.join(project, ".venv/bin/pip"))).toBe(false);
    ok(".venv/bin/python", ["-m", "pytest", "-q", "-p", "no:cacheprovider"]);
    ok(".venv/bin/python", ["-m", "mypy"]);
    ok(".venv/bin/ruff", ["check", "--no-cache"]);
    ok(".venv/bin/ruff", ["format", "--check", "--no-cache"]);
    expect(ok(".venv/bin/python", ["-m", "sps_dev", "check"])).toContain("0 error(s), 0 warning(s)");
    const zip = ok(".venv/bin/python", ["-m", "sps_dev", "build"]).trim().split("\n").pop() as string;
    const listing = ok(".venv/bin/python", ["-m", "zipfile", "-l", zip]);
    expect(listing).toMatch(/^certifi\/__init__\.py\s/m);
    expect(listing).not.toMatch(/^(tests|sps_dev)\//m);
    // PEP 735: pip 25.1 and newer read [dependency-groups] dev (an unknown group is an error).
    ok("python3", ["-m", "pip", "--python", ".venv/bin/python", "install", "-q", "pip>=25.1"]);
    ok(".venv/bin/python", ["-m", "pip", "install", "--dry-run", "-q", "--retries", "0", "--group", "dev"]);
  }, 300_000);
});
