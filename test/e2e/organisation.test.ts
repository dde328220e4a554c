/** Organisation presets and templates change a generated project as documented. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readManifest } from "../helpers/manifest.js";
import {
  BIN,
  expectProjectChecksPass,
  GIT_ENV,
  listTree,
  run,
  runCli,
  tempDir,
  TOOLS_PYTHON,
} from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const HEADER = "Copyright 2026 Example Corp.\nSPDX-License-Identifier: Apache-2.0";

function organisation(): string {
  const dir = fs.mkdtempSync(path.join(root, "org-"));
  const template = path.join(dir, "template");
  fs.mkdirSync(path.join(template, "{{packageName}}"), { recursive: true });
  // An added file with answers in it, an override of a built-in file, an added Python module.
  fs.writeFileSync(
    path.join(template, "LICENSE.hbs"),
    "Copyright 2026 {{author}} <{{email}}>\nLicensed for {{name}}.\n",
  );
  fs.writeFileSync(
    path.join(template, "README.md.hbs"),
    "# {{name}}\n\n{{md description}}\n\nOwned by the platform team.\n",
  );
  fs.writeFileSync(
    path.join(template, "{{packageName}}", "org_policy.py"),
    '"""Example Corp. rules every plugin follows."""\n\nfrom __future__ import annotations\n\nMAX_SESSION_HOURS = 8\n',
  );
  fs.writeFileSync(
    path.join(dir, "preset.json"),
    JSON.stringify({
      type: "aa",
      starter: "minimal",
      author: "Platform Team",
      email: "platform@example.com",
      sps: "8.0",
      licenseHeader: HEADER,
      template: "./template",
    }),
  );
  return dir;
}

describe("--preset and --template", () => {
  const org = organisation();
  const cwd = fs.mkdtempSync(path.join(root, "work-"));

  it("makes the command line just a name, with no terminal and no --yes", () => {
    const result = runCli(["gate", "--preset", path.join(org, "preset.json"), "--no-git"], cwd);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const project = path.join(cwd, "gate");
    const manifest = readManifest(project);
    expect(manifest).toMatchObject({
      type: "aa",
      author_name: "Platform Team",
      author_email: "platform@example.com",
      api: "1.8",
    });
    expect(fs.readFileSync(path.join(project, "LICENSE"), "utf8")).toBe(
      "Copyright 2026 Platform Team <platform@example.com>\nLicensed for gate.\n",
    );
    expect(fs.readFileSync(path.join(project, "README.md"), "utf8")).toContain("Owned by the platform team.");
    expect(fs.existsSync(path.join(project, "gate", "org_policy.py"))).toBe(true);
    // The preset's starter: the typed stubs, not the worked example.
    expect(fs.existsSync(path.join(project, "gate", "support.py"))).toBe(true);
    expect(fs.existsSync(path.join(project, "gate", "tickets.py"))).toBe(false);
    // The licence header heads every Python file; main.py keeps its shebang first.
    const main = fs.readFileSync(path.join(project, "main.py"), "utf8").split("\n");
    expect(main.slice(0, 3)).toEqual([
      "#!/usr/bin/env pluginwrapper3",
      "# Copyright 2026 Example Corp.",
      "# SPDX-License-Identifier: Apache-2.0",
    ]);
    expect(fs.readFileSync(path.join(project, "gate", "plugin.py"), "utf8")).toMatch(
      /^# Copyright 2026 Example Corp\./,
    );
    const answers = JSON.parse(fs.readFileSync(path.join(project, ".sps-plugin.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(answers.template).toBe(path.join(org, "template"));
    expect(answers.answers).toMatchObject({ author: "Platform Team", licenseHeader: HEADER });
  });

  it("the project still passes its own checks", () => {
    const project = path.join(cwd, "gate");
    expectProjectChecksPass(project);
    const check = run(TOOLS_PYTHON, ["-m", "sps_dev", "check"], { cwd: project });
    expect(check.status, check.stderr).toBe(0);
  });

  it("flags win over the preset", () => {
    const result = runCli(
      [
        "flagged",
        "--preset",
        path.join(org, "preset.json"),
        "-t",
        "credentialstore",
        "--starter",
        "example",
        "--author",
        "Jane",
        "--sps",
        "9.0",
        "--no-git",
      ],
      cwd,
    );
    expect(result.status).toBe(0);
    const manifest = readManifest(path.join(cwd, "flagged"));
    expect(manifest).toMatchObject({
      type: "credentialstore",
      author_name: "Jane",
      author_email: "platform@example.com",
      api: "1.9",
    });
    expect(fs.existsSync(path.join(cwd, "flagged", "flagged", "vault.py"))).toBe(true);
  });
});

describe("broken organisation input: exit 2, the file named, nothing written", () => {
  it.each([
    [
      "an unclosed block",
      "README.md.hbs",
      "{{#if author}}never closed\n",
      "--template: README.md.hbs: Parse error",
    ],
    [
      "an unknown helper",
      "NOTES.md.hbs",
      "{{shout name}}\n",
      "--template: NOTES.md.hbs: You specified knownHelpersOnly, but used the unknown helper shout",
    ],
    ["a misspelt answer", "NOTES.md.hbs", "{{nmae}}\n", '--template: NOTES.md.hbs: "nmae" not defined'],
  ])("%s", (_, file, text, message) => {
    const template = fs.mkdtempSync(path.join(root, "broken-"));
    fs.mkdirSync(path.dirname(path.join(template, file)), { recursive: true });
    fs.writeFileSync(path.join(template, file), text);
    const cwd = fs.mkdtempSync(path.join(root, "work-"));
    const result = runCli(["p", "--yes", "--no-git", "--template", template], cwd);
    expect(result.stderr).toContain(message);
    expect(result.status).toBe(2);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it.each([
    ["not JSON", "{", "--preset: cannot read"],
    ["an unknown key", '{"colour": "blue"}', '--preset: PRESET: unknown key "colour"'],
    ["a bad value", '{"email": "nope"}', '--preset: PRESET: "email" must be an address SPS accepts'],
    [
      "an unknown starter",
      '{"starter": "full"}',
      '--preset: PRESET: "starter" must be one of example, minimal',
    ],
    [
      "a header line too long",
      JSON.stringify({ licenseHeader: "x".repeat(97) }),
      '"licenseHeader" lines must be at most 96 characters',
    ],
  ])("a preset with %s", (_, json, message) => {
    const dir = fs.mkdtempSync(path.join(root, "preset-"));
    const file = path.join(dir, "preset.json");
    fs.writeFileSync(file, json);
    const result = runCli(["p", "--yes", "--no-git", "--preset", file], dir);
    expect(result.stderr).toContain(message.replace("PRESET", file));
    expect(result.status).toBe(2);
    expect(fs.readdirSync(dir)).toEqual(["preset.json"]);
  });
});

describe("an organisation template kept as a git checkout, with binary and executable files", () => {
  it("copies them byte for byte with their executable bit; update replaces one only while untouched", () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "sps-binary-"));
    try {
      const template = path.join(cwd, "org");
      fs.mkdirSync(path.join(template, "assets"), { recursive: true });
      expect(run("git", ["init", "--quiet"], { cwd: template }).status).toBe(0);
      const logo = Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x00,
      ]);
      fs.writeFileSync(path.join(template, "assets", "logo.png"), logo);
      fs.writeFileSync(path.join(template, "release.sh"), "#!/bin/sh\necho release\n", { mode: 0o755 });
      fs.writeFileSync(path.join(template, "tool"), "no shebang, still executable\n", { mode: 0o755 });
      const created = run(process.execPath, [BIN, "p", "-t", "aa", "--yes", "--template", template], {
        cwd,
        env: GIT_ENV,
      });
      expect(created.status, created.stderr).toBe(0);
      const project = path.join(cwd, "p");
      expect(fs.readFileSync(path.join(project, "assets", "logo.png"))).toEqual(logo);
      const mode = (file: string): number => fs.statSync(path.join(project, file)).mode & 0o777;
      expect([mode("release.sh"), mode("tool"), mode("assets/logo.png")]).toEqual([0o755, 0o755, 0o644]);
      expect(listTree(project).filter((f) => f.startsWith(".git/") && f.includes("org"))).toEqual([]);

      // The template's logo changes; the owner has not touched theirs: update takes it.
      const logo2 = Buffer.concat([logo, Buffer.from([0x01, 0x02])]);
      fs.writeFileSync(path.join(template, "assets", "logo.png"), logo2);
      const updated = run(process.execPath, [BIN, "update", "--template", template], {
        cwd: project,
        env: GIT_ENV,
      });
      expect(updated.stdout, updated.stderr).toContain("UPDATE assets/logo.png");
      expect(fs.readFileSync(path.join(project, "assets", "logo.png"))).toEqual(logo2);

      // Now the owner changes it, and the template changes again: theirs is kept, and said.
      run("git", ["commit", "--quiet", "--all", "-m", "update"], { cwd: project, env: GIT_ENV });
      const mine = Buffer.from([0x00, 0xde, 0xad]);
      fs.writeFileSync(path.join(project, "assets", "logo.png"), mine);
      run("git", ["commit", "--quiet", "--all", "-m", "our logo"], { cwd: project, env: GIT_ENV });
      fs.writeFileSync(path.join(template, "assets", "logo.png"), Buffer.from([0x03, 0xff]));
      const kept = run(process.execPath, [BIN, "update", "--template", template], {
        cwd: project,
        env: GIT_ENV,
      });
      expect(kept.stdout, kept.stderr).toContain(
        "KEEP assets/logo.png (a binary file you changed: the template's new version is not applied)",
      );
      expect(fs.readFileSync(path.join(project, "assets", "logo.png"))).toEqual(mine);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
