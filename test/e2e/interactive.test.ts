/** The interactive path, through a real pseudo-terminal: a person answering each prompt. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readManifest } from "../helpers/manifest.js";
import { BIN, listTree, run, tempDir } from "../helpers/run.js";

const DRIVER = path.join(import.meta.dirname, "..", "helpers", "pty_driver.py");
const cwd = tempDir();
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

const ENTER = "\r";
const DOWN = "\x1b[B";

function drive(args: string[], steps: [string, string][]): { status: number | null; screen: string } {
  const spec = { argv: [process.execPath, BIN, ...args], cwd, steps };
  const result = run("python3", [DRIVER, JSON.stringify(spec)], { timeout: 60_000 });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as { status: number | null; screen: string };
}

describe("interactive prompts in a terminal", () => {
  it("asks every question, validates an answer, and generates what was answered", () => {
    const { status, screen } = drive(
      ["--no-git"],
      [
        ["Project directory", `team-vault${ENTER}`],
        ["Plugin type", `${DOWN}${ENTER}`],
        ["Plugin name", `1bad${ENTER}`],
        ["must start with a letter", `${"\b".repeat(4)}TeamVault${ENTER}`],
        ["Description", `Vault for the team's "ops" & <infra>${ENTER}`],
        ["Author name", `Jane Doe${ENTER}`],
        ["Author email", `jane@example.com${ENTER}`],
        ["Oldest SPS release", `${DOWN}${ENTER}`],
      ],
    );
    expect(screen).toContain("Created TeamVault (aa)");
    expect(status).toBe(0);
    const manifest = readManifest(path.join(cwd, "team-vault"));
    expect(manifest).toMatchObject({
      name: "TeamVault",
      description: `Vault for the team's "ops" & <infra>`,
      author_name: "Jane Doe",
      author_email: "jane@example.com",
      type: "aa",
      api: "1.8",
      scb_min_version: "8.0.0",
    });
    expect(fs.existsSync(path.join(cwd, "team-vault", "team_vault", "plugin.py"))).toBe(true);
  });

  it("Ctrl-C at a prompt exits non-zero with one line and writes nothing", () => {
    const before = listTree(cwd);
    const { status, screen } = drive(["cancelled-vault", "--no-git"], [["Plugin type", "\x03"]]);
    expect(status).toBe(130);
    expect(screen).toContain("Cancelled: nothing was written.");
    expect(listTree(cwd)).toEqual(before);
  });

  it("flags given on the command line are not asked again", () => {
    const { status, screen } = drive(
      ["flagged-vault", "-t", "credentialstore", "-n", "Flagged", "--sps", "7.0", "--no-git"],
      [
        ["Description", ENTER],
        ["Author name", ENTER],
        ["Author email", ENTER],
      ],
    );
    expect(status).toBe(0);
    expect(screen).not.toContain("Plugin type");
    expect(screen).not.toContain("Plugin name");
    expect(fs.readFileSync(path.join(cwd, "flagged-vault", "MANIFEST"), "utf8")).toContain("name: Flagged");
  });
});
