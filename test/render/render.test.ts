import fs from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Answers } from "../../src/answers/answers.js";
import { PLUGIN_TYPE_KEYS } from "../../src/answers/plugin-types.js";
import { composeProject } from "../../src/render/project.js";
import { renderProject } from "../../src/render/project.js";
import { TOOL_WHEEL_PATH } from "../../src/render/tool-wheel.js";
import { SPS_RELEASE_KEYS, spsRelease } from "../../src/answers/sps-releases.js";
import { layersOf, STARTER_KEYS } from "../../src/answers/starters.js";
import { TEMPLATES_DIR } from "../helpers/paths.js";
import { HOSTILE } from "../helpers/hostile.js";
import { TOOL_LITTER } from "../../scripts/templates-module.js";

const base: Answers = {
  directory: "acme",
  type: "credentialstore",
  starter: "example",
  name: "AcmeVault",
  description: "Checks out passwords from Acme Vault",
  author: "Jane Doe",
  email: "jane.doe@example.com",
  sps: "7.0",
};

function templateFiles(layer: string): string[] {
  const dir = path.join(TEMPLATES_DIR, layer);
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter((f) => !TOOL_LITTER.test(f));
}

/** Where a template file lands in the rendered project (for the answers above). */
function outputPath(templateFile: string): string {
  return templateFile
    .replace(/^_gitignore$/, ".gitignore")
    .replace(/^_editorconfig$/, ".editorconfig")
    .replace(/^_github\//, ".github/")
    .replace("{{packageName}}", "acme_vault")
    .replace(/\.hbs$/, "");
}

const projects = PLUGIN_TYPE_KEYS.flatMap((type) => STARTER_KEYS.map((starter) => [type, starter] as const));

describe.each(projects)("renderProject (%s, %s starter)", (type, starter) => {
  const answers = { ...base, type, starter };
  const files = renderProject(answers, "0.0.0-test");
  const snapshots = `${type}-${starter}`;

  it("renders every template file of its layers, and nothing else", () => {
    const expected = layersOf(type, starter).flatMap(templateFiles).map(outputPath).sort();
    expect([...files.keys()]).toEqual(expected);
  });

  // Files copied verbatim are compared with their template; only rendered (.hbs) files have
  // snapshots, so a snapshot never just repeats a template.
  const verbatim = new Map(
    layersOf(type, starter).flatMap((layer) =>
      templateFiles(layer)
        .filter((f) => !f.endsWith(".hbs"))
        .map((f) => [outputPath(f), path.join(TEMPLATES_DIR, layer, f)] as const),
    ),
  );
  const rendered = [...files.keys()].filter((file) => !verbatim.has(file));

  it("copies every plain template file byte for byte", () => {
    expect(verbatim.size).toBeGreaterThan(0);
    for (const [file, source] of verbatim)
      expect(files.get(file), file).toBe(fs.readFileSync(source, "utf8"));
  });

  it("keeps no snapshot file that no test reads (vitest does not notice obsolete file snapshots)", () => {
    const dir = path.join(path.dirname(new URL(import.meta.url).pathname), "__snapshots__", snapshots);
    const onDisk = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      .sort();
    expect(onDisk).toEqual(rendered.map((file) => `${file}.snap`).sort());
  });

  it.each(rendered)("%s matches its snapshot", async (file) => {
    await expect(files.get(file)).toMatchFileSnapshot(`__snapshots__/${snapshots}/${file}.snap`);
  });

  it("leaves no template syntax behind (GitHub's own ${{ }} aside)", () => {
    for (const [file, text] of files) expect(text, file).not.toMatch(/(^|[^$])\{\{/);
  });

  it("stays small: at most 25 files (minimal) or 41 (example)", () => {
    // The whole project as written (the wheel and .sps-plugin.json included), with the release
    // and scheduled-update workflows the budget foresaw, and Dependabot's file, one more.
    const written = composeProject({ ...answers, directory: "acme-vault" }, "0.0.0-test");
    expect(written.has(TOOL_WHEEL_PATH)).toBe(true);
    expect(written.has(".github/workflows/release.yml")).toBe(true);
    expect(written.has(".github/workflows/update.yml")).toBe(true);
    expect(written.size).toBeLessThanOrEqual(starter === "minimal" ? 25 : 41);
  });

  it("main.py starts with the pluginwrapper3 shebang", () => {
    expect(files.get("main.py")?.split("\n")[0]).toBe("#!/usr/bin/env pluginwrapper3");
  });
});

describe("MANIFEST", () => {
  const cases = PLUGIN_TYPE_KEYS.flatMap((type) => SPS_RELEASE_KEYS.map((sps) => [type, sps] as const));
  it.each(cases)("for %s and SPS %s", (type, sps) => {
    const manifest = parseYaml(renderProject({ ...base, type, sps }, "0").get("MANIFEST") ?? "") as unknown;
    expect(manifest).toEqual({
      name: "AcmeVault",
      description: "Checks out passwords from Acme Vault",
      version: "0.1.0",
      type,
      api: spsRelease(sps).api,
      entry_point: "main.py",
      scb_min_version: spsRelease(sps).scbMinVersion,
      author_name: "Jane Doe",
      author_email: "jane.doe@example.com",
    });
  });

  it("leaves out author fields that were not given", () => {
    const manifest = parseYaml(renderProject({ ...base, author: "", email: "" }, "0").get("MANIFEST") ?? "");
    expect(manifest).not.toHaveProperty("author_name");
    expect(manifest).not.toHaveProperty("author_email");
  });

  it("keeps hostile free text verbatim", () => {
    const files = renderProject({ ...base, description: HOSTILE, author: HOSTILE }, "0");
    const manifest = parseYaml(files.get("MANIFEST") ?? "") as Record<string, string>;
    expect(manifest.description).toBe(HOSTILE);
    expect(manifest.author_name).toBe(HOSTILE);
    for (const [file, text] of files) expect(text, file).not.toMatch(/&(amp|lt|gt|quot|#x27);/);
  });
});

describe("prettier", () => {
  it.each([
    ["plain answers", base],
    ["hostile answers", { ...base, description: HOSTILE, author: HOSTILE }],
    ["no author", { ...base, author: "", email: "" }],
    ["an AA plugin", { ...base, type: "aa" as const, description: HOSTILE }],
    ["a minimal credential store", { ...base, starter: "minimal" as const, description: HOSTILE }],
    ["a minimal AA plugin", { ...base, type: "aa" as const, starter: "minimal" as const }],
  ])("every generated JSON, YAML and Markdown file is already formatted (%s)", async (_, answers) => {
    const files = renderProject(answers, "0");
    const checked = [...files.keys()].filter((f) => /\.(json|ya?ml|md)$/.test(f));
    expect(checked.length).toBeGreaterThanOrEqual(2);
    for (const file of checked) {
      const text = files.get(file) ?? "";
      expect(await prettier.format(text, { filepath: file }), file).toBe(text);
    }
  });
});
