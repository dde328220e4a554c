/**
 * The plop pack, through plop's own CLI: a team's plopfile loads this package's generators
 * with plop.load(), runs them, extends them, and adds a generator of its own next to them.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "../helpers/manifest.js";
import { PKG_ROOT } from "../helpers/paths.js";
import { run, tempDir, TOOLS_PYTHON, type Ran } from "../helpers/run.js";

const team = tempDir();
afterAll(() => fs.rmSync(team, { recursive: true, force: true }));

const PLOPFILE = `
export default async function (plop) {
  await plop.load("create-sps-plugin");
  // Extending: the same action, with the team's fixed answers.
  plop.setGenerator("team-gate", {
    description: "an AA plugin with the platform team's defaults",
    prompts: [{ type: "input", name: "directory", message: "Folder" }, { type: "input", name: "name", message: "Name" }],
    actions: [{ type: "sps-plugin-project", data: { type: "aa", author: "Platform Team", sps: "8.0" } }],
  });
  // A generator of the team's own, next to the loaded ones.
  plop.setGenerator("team-notes", {
    description: "ownership notes",
    prompts: [{ type: "input", name: "plugin", message: "Plugin folder" }],
    actions: [{ type: "add", path: "{{plugin}}/TEAM.md", template: "Owned by the platform team.\\n" }],
  });
}
`;

beforeAll(() => {
  fs.writeFileSync(path.join(team, "plopfile.js"), PLOPFILE);
  fs.writeFileSync(path.join(team, "package.json"), JSON.stringify({ type: "module", private: true }));
  // As npm would install it: node_modules/create-sps-plugin, here this checkout (built).
  fs.mkdirSync(path.join(team, "node_modules"));
  fs.symlinkSync(PKG_ROOT, path.join(team, "node_modules", "create-sps-plugin"), "dir");
});

function plop(...args: string[]): Ran {
  const bin = path.join(PKG_ROOT, "node_modules", "plop", "bin", "plop.js");
  return run(process.execPath, [bin, "--plopfile", path.join(team, "plopfile.js"), ...args], {
    cwd: team,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("plop.load('create-sps-plugin') in a team's plopfile", () => {
  it("runs the sps-plugin generator with answers given on plop's command line", () => {
    const result = plop(
      "sps-plugin",
      "--",
      "--directory",
      "vault",
      "--type",
      "credentialstore",
      "--starter",
      "minimal",
      "--name",
      "TeamVault",
      "--description",
      "Team vault",
      "--author",
      "Team",
      "--email",
      "team@example.com",
      "--sps",
      "7.0",
    );
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("TeamVault (credentialstore)");
    const manifest = readManifest(path.join(team, "vault"));
    expect(manifest).toMatchObject({
      name: "TeamVault",
      author_email: "team@example.com",
      type: "credentialstore",
    });
    const pytest = run(TOOLS_PYTHON, ["-m", "pytest", "-q", "-p", "no:cacheprovider"], {
      cwd: path.join(team, "vault"),
    });
    expect(pytest.status, pytest.stdout).toBe(0);
  });

  it("runs a team generator that extends ours with fixed answers", () => {
    const result = plop("team-gate", "--", "--directory", "gate", "--name", "TeamGate");
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const manifest = readManifest(path.join(team, "gate"));
    expect(manifest).toMatchObject({
      name: "TeamGate",
      type: "aa",
      author_name: "Platform Team",
      api: "1.8",
    });
  });

  it("runs the team's own generator next to ours", () => {
    const result = plop("team-notes", "--", "--plugin", "vault");
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(fs.readFileSync(path.join(team, "vault", "TEAM.md"), "utf8")).toBe(
      "Owned by the platform team.\n",
    );
  });

  it("refuses bad answers with the CLI's own rules, writing nothing", () => {
    const result = plop("team-gate", "--", "--directory", "bad", "--name", "1bad");
    expect(result.stdout + result.stderr).toContain("must start with a letter");
    expect(fs.existsSync(path.join(team, "bad"))).toBe(false);
  });
});
