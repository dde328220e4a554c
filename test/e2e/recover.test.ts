/**
 * A run killed outright (SIGKILL) while it replaces files in an existing folder: its journal
 * lets `recover`, or the next run there, put the folder back as it was.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeJournal } from "../helpers/journal.js";
import { BIN, listTree, runCli, tempDir } from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function state(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const file of listTree(dir)) {
    const full = path.join(dir, file);
    found[file] = fs.statSync(full).isFile()
      ? crypto.createHash("sha1").update(fs.readFileSync(full)).digest("hex")
      : "dir";
  }
  return found;
}

function userFolder(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "README.md"), "# Our notes\n");
  fs.writeFileSync(path.join(dir, "MANIFEST"), "name: Ours\n");
  fs.writeFileSync(path.join(dir, "keep.txt"), "never touched\n");
  return dir;
}

describe("recover", () => {
  it("replays a killed run's journal: replaced files back, its new files and folders gone", () => {
    const dir = userFolder(path.join(root, "journal"));
    const before = state(dir);
    // What a run killed in the middle leaves (PID 999999999 is not alive).
    const journal = writeJournal(
      dir,
      999999999,
      [
        { file: "README.md", backup: 0 },
        { file: "added.py", backup: null },
        { made: "pkg" },
        { file: "pkg/mod.py", backup: null },
        // Noted, but killed before its old copy was moved: MANIFEST is still the user's.
        { file: "MANIFEST", backup: 1 },
      ],
      { tail: '{"body": "cut sho' },
    );
    fs.renameSync(path.join(dir, "README.md"), path.join(journal, "0"));
    fs.writeFileSync(path.join(dir, "README.md"), "# generated\n");
    fs.writeFileSync(path.join(dir, "added.py"), "x = 1\n");
    fs.mkdirSync(path.join(dir, "pkg"));
    fs.writeFileSync(path.join(dir, "pkg", "mod.py"), "y = 2\n");
    fs.writeFileSync(path.join(dir, ".MANIFEST.create-sps-plugin-999999999"), "name: Generated\n");
    const result = runCli(["recover", dir], root);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("a run (PID 999999999) was killed while writing");
    expect(result.stdout).toContain("1 replaced file(s) put back");
    expect(state(dir)).toEqual(before);
    expect(runCli(["recover", dir], root).stdout).toContain("Nothing to recover");
  });

  it("after SIGKILL at 20 moments of a --force run, the folder is as before or as the whole run left it", async () => {
    const complete = userFolder(path.join(root, "complete"));
    expect(runCli([complete, "-t", "aa", "-n", "Fixed", "--yes", "--no-git", "--force"], root).status).toBe(
      0,
    );
    const after = state(complete);
    for (let i = 0; i < 20; i += 1) {
      const dir = userFolder(path.join(root, `killed-${i}`));
      const before = state(dir);
      await new Promise<void>((resolve) => {
        const child = spawn(
          process.execPath,
          [BIN, dir, "-t", "aa", "-n", "Fixed", "--yes", "--no-git", "--force"],
          {
            cwd: root,
            stdio: "ignore",
          },
        );
        setTimeout(() => child.kill("SIGKILL"), 20 + ((i * 7) % 120));
        child.on("close", () => resolve());
      });
      const recovered = runCli(["recover", dir], root);
      expect(recovered.status).toBe(0);
      const now = state(dir);
      const extra = Object.keys(now).filter((k) => !(k in after) && !(k in before));
      expect([before, after], `run ${i}: ${extra.join(", ")}`).toContainEqual(now);
    }
  }, 120_000);

  it("the next run into the folder recovers first, and says so", () => {
    const dir = userFolder(path.join(root, "next-run"));
    const journal = writeJournal(dir, 999999998, [{ file: "README.md", backup: 0 }]);
    fs.renameSync(path.join(dir, "README.md"), path.join(journal, "0"));
    fs.writeFileSync(path.join(dir, "README.md"), "half\n");
    const result = runCli([dir, "-t", "aa", "--yes", "--no-git", "--force"], root);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("note: a run (PID 999999998) was killed while writing");
    expect(result.stdout).toContain("Replacing 2 file(s); until the run ends, their old copies wait in");
    expect(fs.existsSync(journal)).toBe(false);
  });
});
