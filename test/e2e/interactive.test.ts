/** The interactive path, through a real pseudo-terminal: a person answering each prompt. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readManifest } from "../helpers/manifest.js";
import { BIN, listTree, run, tempDir, TOOLS_PYTHON } from "../helpers/run.js";

const DRIVER = path.join(import.meta.dirname, "..", "helpers", "pty_driver.py");
const cwd = tempDir();
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

const ENTER = "\r";
const DOWN = "\x1b[B";

function drive(args: string[], steps: [string, string][]): { status: number | null; screen: string } {
  const spec = { argv: [process.execPath, BIN, ...args], cwd, steps };
  // The suite's own Python, not whichever python3 PATH finds first (here a pyenv shim, a shell
  // script that costs 0.3 CPU-seconds a start).
  const result = run(TOOLS_PYTHON, [DRIVER, JSON.stringify(spec)], { timeout: 60_000 });
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
        ["Start from", ENTER],
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
      [
        "flagged-vault",
        "-t",
        "credentialstore",
        "--starter",
        "minimal",
        "-n",
        "Flagged",
        "--sps",
        "7.0",
        "--no-git",
      ],
      [
        ["Description", ENTER],
        ["Author name", ENTER],
        ["Author email", ENTER],
      ],
    );
    expect(status).toBe(0);
    expect(screen).not.toContain("Plugin type");
    expect(screen).not.toContain("Plugin name");
    expect(screen).not.toContain("Start from");
    expect(fs.readFileSync(path.join(cwd, "flagged-vault", "MANIFEST"), "utf8")).toContain(`name: "Flagged"`);
    expect(fs.existsSync(path.join(cwd, "flagged-vault", "flagged", "support.py"))).toBe(true);
  });

  describe("the directory is checked as it is answered, before the other questions", () => {
    const rest = ["-t", "aa", "--starter", "minimal", "--description", "D", "--author", "", "--email", ""];
    const more = ["--sps", "7.0", "--no-git"];

    it("refuses a file, then for a non-empty folder offers another directory", () => {
      fs.writeFileSync(path.join(cwd, "a-file"), "not a folder\n");
      fs.mkdirSync(path.join(cwd, "used"));
      fs.writeFileSync(path.join(cwd, "used", "notes.txt"), "mine\n");
      const before = listTree(cwd);
      const { status, screen } = drive(
        [...rest, ...more],
        [
          ["Project directory", `a-file${ENTER}`],
          ["a-file exists and is not a directory", `${"\b".repeat(6)}used${ENTER}`],
          ["used is not empty (notes.txt)", ENTER],
          ["Project directory", `${"\b".repeat(4)}fresh${ENTER}`],
          ["Plugin name", `Fresh${ENTER}`],
        ],
      );
      expect(status, screen).toBe(0);
      expect(screen).toContain("Created Fresh (aa)");
      // Settled before the next question is asked.
      expect(screen.indexOf("is not empty")).toBeLessThan(screen.indexOf("Plugin name"));
      expect(screen.indexOf("is not a directory")).toBeLessThan(screen.indexOf("Plugin name"));
      expect(
        listTree(cwd)
          .filter((entry) => !before.includes(entry))
          .every((e) => e.startsWith("fresh")),
      ).toBe(true);
      expect(fs.readFileSync(path.join(cwd, "used", "notes.txt"), "utf8")).toBe("mine\n");
    });

    it("for a non-empty folder, --force's behaviour: the generated files go in, nothing else is touched", () => {
      fs.mkdirSync(path.join(cwd, "kept"));
      fs.writeFileSync(path.join(cwd, "kept", "notes.txt"), "mine\n");
      fs.writeFileSync(path.join(cwd, "kept", "MANIFEST"), "old\n");
      const { status, screen } = drive(
        [...rest, "-n", "Kept", ...more],
        [
          ["Project directory", `kept${ENTER}`],
          ["kept is not empty (MANIFEST, notes.txt)", `${DOWN}${ENTER}`],
        ],
      );
      expect(status, screen).toBe(0);
      expect(fs.readFileSync(path.join(cwd, "kept", "notes.txt"), "utf8")).toBe("mine\n");
      expect(readManifest(path.join(cwd, "kept"))).toMatchObject({ name: "Kept", type: "aa" });
    });
  });
});
