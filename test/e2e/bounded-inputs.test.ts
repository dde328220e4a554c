/**
 * Inputs are read and rendered within bounds that hold for devices, FIFOs and links, and a
 * template's files keep their modes: each hostile case ends in exit 2 naming the flag and the
 * rule, quickly, with nothing written.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let count = 0;
function folder(name: string): string {
  count += 1;
  const dir = path.join(root, `${name}-${count}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

describe("bounded inputs", () => {
  it.each([
    ["/dev/zero", "not a file"],
    ["a FIFO", "not a file"],
  ])("--preset %s is refused unread", (which, why) => {
    let preset = which;
    if (which === "a FIFO") {
      preset = path.join(folder("fifo"), "preset.json");
      expect(spawnSync("mkfifo", [preset]).status).toBe(0);
    }
    const target = path.join(root, `p-${count}`);
    const started = Date.now();
    const result = runCli([target, "-t", "aa", "--yes", "--no-git", "--preset", preset], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--preset: cannot read ${preset}: ${why}`);
    expect(Date.now() - started).toBeLessThan(30_000); // never waits on the FIFO's writer
    expect(fs.existsSync(target)).toBe(false);
  });

  it("an answers file that is a link (to /dev/zero) is refused unread", () => {
    const project = path.join(folder("link"), "p");
    expect(runCli([project, "-t", "aa", "--yes", "--no-git"], root).status).toBe(0);
    fs.rmSync(path.join(project, ".sps-plugin.json"));
    fs.symlinkSync("/dev/zero", path.join(project, ".sps-plugin.json"));
    const result = runCli(["update", project, "--dry-run"], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(".sps-plugin.json cannot be read: link");
  });

  it("an answers file listing more files than a project can have is refused", () => {
    const project = path.join(folder("many"), "p");
    expect(runCli([project, "-t", "aa", "--yes", "--no-git"], root).status).toBe(0);
    const file = path.join(project, ".sps-plugin.json");
    const record = JSON.parse(fs.readFileSync(file, "utf8")) as { files: Record<string, string> };
    for (let i = 0; i < 6000; i += 1) record.files[`f/${i}.py`] = "0".repeat(40);
    fs.writeFileSync(file, JSON.stringify(record));
    const result = runCli(["update", project, "--dry-run"], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("does not hold what create-sps-plugin writes");
  });

  it("a template file of 20,000 placeholders is refused before it renders", () => {
    const template = folder("placeholders");
    fs.writeFileSync(path.join(template, "NOTES.md.hbs"), "{{name}}".repeat(20_000));
    const target = path.join(root, `p-${count}`);
    const result = runCli([target, "-t", "aa", "--yes", "--no-git", "--template", template], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "NOTES.md.hbs holds 20000 placeholders; a template file may have at most 10000",
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it("a hard-linked template file is refused", () => {
    const template = folder("hardlink");
    const secret = path.join(folder("home"), "id_rsa");
    fs.writeFileSync(secret, "PRIVATE KEY\n", { mode: 0o600 });
    fs.linkSync(secret, path.join(template, "key.txt"));
    const target = path.join(root, `p-${count}`);
    const result = runCli([target, "-t", "aa", "--yes", "--no-git", "--template", template], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("key.txt is a hard link (2 names)");
    expect(fs.existsSync(target)).toBe(false);
  });

  it("a template file readable by its owner only is written so, rendered or copied", () => {
    const template = folder("modes");
    fs.writeFileSync(path.join(template, "private.txt"), "ours only\n", { mode: 0o600 });
    fs.writeFileSync(path.join(template, "private-{{packageName}}.txt.hbs"), "{{name}}\n", { mode: 0o600 });
    fs.writeFileSync(path.join(template, "public.txt"), "anyone\n", { mode: 0o644 });
    const target = path.join(root, `p-${count}`);
    const result = runCli(
      [target, "-t", "aa", "-n", "Gate", "--yes", "--no-git", "--template", template],
      root,
    );
    expect(result.status, result.stderr).toBe(0);
    const mode = (file: string): number => fs.statSync(path.join(target, file)).mode & 0o777;
    expect(mode("private.txt")).toBe(0o600);
    expect(mode("private-gate.txt")).toBe(0o600);
    expect(fs.readFileSync(path.join(target, "private-gate.txt"), "utf8")).toBe("Gate\n");
    expect(mode("public.txt")).toBe(0o644);
  });
});
