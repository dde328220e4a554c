/**
 * Every YAML file a project gets reads back, as YAML 1.1 (PyYAML, which SPS reads the MANIFEST
 * with) and 1.2, to exactly the values that were answered: names YAML would read as booleans
 * or null (Yes, No, On, Off, True, False, Null, ~), as numbers, or as other documents.
 */
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import type { Answers } from "../../src/answers/answers.js";
import { PLUGIN_TYPE_KEYS } from "../../src/answers/plugin-types.js";
import { checkSpsName } from "../../src/answers/validate.js";
import { composeProject } from "../../src/render/project.js";
import { dataOf } from "../../src/render/render.js";

const NAMES = [
  "Yes",
  "No",
  "On",
  "Off",
  "True",
  "False",
  "Null",
  "TRUE",
  "NULL",
  "yes",
  "off",
  "Y",
  "n",
  "e1",
  "Inf",
];

describe("generated YAML reads back as written", () => {
  it.each(NAMES.filter((name) => checkSpsName(name) === undefined))("-n %s", (name) => {
    for (const type of PLUGIN_TYPE_KEYS) {
      const answers = {
        directory: "p",
        type,
        starter: "example",
        name,
        description: "Yes",
        author: "No",
        email: "null@example.com",
        sps: "7.0",
      } as Answers;
      const files = composeProject(answers, "0");
      for (const [file, contents] of files) {
        if (!(file === "MANIFEST" || /\.ya?ml$/.test(file))) continue;
        for (const version of ["1.1", "1.2"] as const) {
          const documents = parseAllDocuments(String(dataOf(contents)), { version });
          expect(Array.isArray(documents) ? documents.length : 1, `${file} (YAML ${version})`).toBe(1);
          const [document] = Array.isArray(documents) ? documents : [documents];
          expect(document?.errors, file).toEqual([]);
          if (file !== "MANIFEST") continue;
          const manifest = document?.toJS() as Record<string, unknown>;
          expect(manifest.name, `MANIFEST name (YAML ${version})`).toBe(name);
          expect(manifest.description).toBe("Yes");
          expect(manifest.author_name).toBe("No");
          expect(manifest.author_email).toBe("null@example.com");
        }
      }
    }
  });
});
