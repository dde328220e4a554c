/**
 * Random answer sets (fast-check), rendered in memory: every Python file parses for Python 3.8,
 * the MANIFEST reads back with the same values (yaml here, PyYAML as SPS does), default.cfg
 * reads back with configparser, and the JSON/YAML/Markdown files are prettier-clean. A sample
 * is written to disk and runs its full pytest suite.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import * as prettier from "prettier";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Answers } from "../../src/answers/answers.js";
import { PLUGIN_TYPE_KEYS } from "../../src/answers/plugin-types.js";
import { renderProject } from "../../src/render/project.js";
import type { TextMap } from "../../src/render/render.js";
import { spsRelease, SPS_RELEASE_KEYS } from "../../src/answers/sps-releases.js";
import { STARTER_KEYS } from "../../src/answers/starters.js";
import { EXAMPLE_VALUES } from "../../src/answers/example-values.js";
import { checkEmail, checkName, checkText } from "../../src/answers/validate.js";
import { run, tempDir, TOOLS_PYTHON } from "../helpers/run.js";
import { planWrite } from "../../src/write/plan.js";
import { writeProject } from "../../src/write/write.js";
import { undoNotes } from "../../src/write/transaction.js";

const RUNS = 200;
const CHECKER = path.join(import.meta.dirname, "..", "helpers", "check_projects.py");

const text = (required: boolean) =>
  fc
    .oneof(
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.string({ unit: "grapheme", maxLength: 60 }),
      fc.stringMatching(/^[-'"<>&{}\\`#*_[\]()!|~%$;=:\n\t .a-z0-9]{0,60}$/),
    )
    .filter((value) => checkText(value, { required }) === undefined);

const answersArb: fc.Arbitrary<Answers> = fc.record({
  directory: fc.constant("p"),
  type: fc.constantFrom(...PLUGIN_TYPE_KEYS),
  starter: fc.constantFrom(...STARTER_KEYS),
  name: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{1,30}$/).filter((n) => checkName(n) === undefined),
  description: text(true),
  author: text(false),
  email: fc
    .oneof(
      fc.constant(""),
      fc.stringMatching(/^[-+_.a-zA-Z0-9]{1,12}@[-_a-zA-Z0-9]{1,8}(\.[a-z]{2,4}){0,2}$/),
    )
    .filter((e) => checkEmail(e) === undefined),
  sps: fc.constantFrom(...SPS_RELEASE_KEYS),
});

function expectedManifest(a: Answers): Record<string, string> {
  return {
    name: a.name,
    description: a.description,
    version: "0.1.0",
    type: a.type,
    api: spsRelease(a.sps).api,
    entry_point: "main.py",
    scb_min_version: spsRelease(a.sps).scbMinVersion,
    ...(a.author && { author_name: a.author }),
    ...(a.email && { author_email: a.email }),
  };
}

const samples = fc.sample(answersArb, { numRuns: RUNS, seed: 20261126 });
const rendered: [Answers, TextMap][] = samples.map((a) => [a, renderProject(a, "0.0.0")]);
const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe(`${RUNS} random answer sets`, () => {
  it("the yaml package reads every MANIFEST back with the answers' values", () => {
    for (const [answers, files] of rendered) {
      expect(parseYaml(files.get("MANIFEST") ?? ""), JSON.stringify(answers)).toEqual(
        expectedManifest(answers),
      );
    }
  });

  it("Python parses every .py file (3.8 grammar), PyYAML and configparser read MANIFEST and default.cfg", () => {
    const input = rendered.map(([, files], id) => ({ id, files: Object.fromEntries(files) }));
    const result = run(TOOLS_PYTHON, [CHECKER], { input: JSON.stringify(input), maxBuffer: 1 << 28 });
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as Record<
      string,
      { errors: string[]; manifest: unknown; cfg_sections: string[] }
    >;
    expect(Object.keys(report)).toHaveLength(RUNS);
    const { vaultSection } = EXAMPLE_VALUES;
    const sections = {
      credentialstore: ["logging", "credential_store", vaultSection, "ticket"],
      aa: ["logging", "credential_store", "ticket", "otp", "otp-secrets"],
    };
    rendered.forEach(([answers], id) => {
      const entry = report[id];
      expect(entry?.errors, JSON.stringify(answers)).toEqual([]);
      expect(entry?.manifest, JSON.stringify(answers)).toEqual(expectedManifest(answers));
      expect(entry?.cfg_sections).toEqual(
        answers.starter === "example" ? sections[answers.type] : ["logging"],
      );
    });
  });

  it("every JSON, YAML and Markdown file is prettier-clean", async () => {
    // Each distinct file once: most samples share their workflows and dependabot.yml, and
    // prettier gives the same text the same answer (13.7 s -> 6.8 s for this test here).
    const seen = new Set<string>();
    for (const [answers, files] of rendered) {
      for (const [file, content] of files) {
        if (!/\.(json|ya?ml|md)$/.test(file) || seen.has(`${file}\0${content}`)) continue;
        seen.add(`${file}\0${content}`);
        expect(await prettier.format(content, { filepath: file }), `${file} ${JSON.stringify(answers)}`).toBe(
          content,
        );
      }
    }
  });

  it.each([0, 1, 2, 3])("sample %i runs its full pytest suite", async (index) => {
    // Two samples of each type.
    const [answers, files] = rendered.filter(([a]) => a.type === PLUGIN_TYPE_KEYS[index % 2])[index] as [
      Answers,
      TextMap,
    ];
    const target = path.join(root, `sample-${index}`);
    const plan = planWrite(target, files, { force: false });
    await writeProject(plan, files, { notes: undoNotes(plan.target) });
    const result = run(TOOLS_PYTHON, ["-m", "pytest", "-q", "-p", "no:cacheprovider"], { cwd: target });
    expect(result.status, `${JSON.stringify(answers)}\n${result.stdout}`).toBe(0);
  });
});
