/**
 * Every path a run would write is checked after rendering (src/core/paths.ts), whatever
 * produced it: a template folder whose name renders to .git (a Handlebars comment inside the
 * name, or an answer), in any case, a name holding a line break, two names one file on macOS
 * and Windows, a target that is a dangling symlink. Each is exit 2, naming the path and the
 * rule, with nothing written.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let count = 0;
function template(files: Record<string, string>): string {
  count += 1;
  const dir = path.join(root, `template-${count}`);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function generate(target: string, templateDir: string, ...more: string[]) {
  return runCli([target, "-t", "aa", "--yes", "--no-git", "--template", templateDir, ...more], root);
}

describe("rendered paths", () => {
  it.each([
    [
      "a Handlebars comment inside the folder name",
      { "{{!-- x --}}.git/hooks/pre-commit": "#!/bin/sh\n" },
      [],
    ],
    ["an upper-case .GIT", { ".GIT/config": "[core]\n" }, []],
    [
      "an answer that renders to .git",
      { "{{description}}/config.hbs": "[core]\n\tfsmonitor = evil\n" },
      ["--description", ".git"],
    ],
    [
      "another version-control folder, by an answer",
      { "sub/{{description}}/hgrc.hbs": "[hooks]\n" },
      ["--description", ".Hg"],
    ],
  ])("%s is refused: inside a version-control folder", (_, files, flags) => {
    const target = path.join(root, `vcs-${count + 1}`);
    const result = generate(target, template(files), ...flags);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain("would not be written: inside a version-control folder");
    expect(fs.existsSync(target)).toBe(false);
  });

  it("into a folder that holds only .git, .git/config is never replaced", () => {
    const target = path.join(root, "only-git");
    fs.mkdirSync(path.join(target, ".git"), { recursive: true });
    fs.writeFileSync(path.join(target, ".git", "config"), "[core]\n");
    const result = generate(target, template({ "{{!-- --}}.git/config": "[core]\n\tfsmonitor = evil\n" }));
    expect(result.status).toBe(2);
    expect(fs.readFileSync(path.join(target, ".git", "config"), "utf8")).toBe("[core]\n");
  });

  it("a file name with a line break cannot forge --dry-run's list", () => {
    const target = path.join(root, "newline");
    const result = runCli(
      [
        target,
        "-t",
        "aa",
        "--yes",
        "--no-git",
        "--dry-run",
        "--template",
        template({ "a\nCREATE evil.py": "x\n" }),
      ],
      root,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '"a\\nCREATE evil.py" would not be written: a name with a control character',
    );
    expect(result.stdout).not.toContain("CREATE evil.py");
  });

  it("two names that differ only in case", () => {
    const target = path.join(root, "casing");
    const result = generate(target, template({ "NOTES.md": "a\n", "notes.md": "b\n" }));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /NOTES\.md and notes\.md differ only in case|notes\.md and NOTES\.md differ only in case/,
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it("a target that is a dangling symlink is refused before anything is written", () => {
    const target = path.join(root, "dangling");
    fs.symlinkSync(path.join(root, "nowhere"), target);
    const result = runCli([target, "-t", "aa", "--yes", "--no-git"], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("is a symlink to a folder that does not exist");
    expect(fs.readdirSync(root).filter((f) => f.startsWith(".dangling"))).toEqual([]);
  });
});
