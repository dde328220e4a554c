import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ANSWERS_FILE, gitBlobId } from "../../src/core/record.js";
import { readAnswersFile } from "../../src/update/read-answers-file.js";
import { layers } from "virtual:sps-templates";

/** git's own answer, the one `update` will look the blob up by. */
function gitHashObject(contents: string): string {
  const result = spawnSync("git", ["hash-object", "--stdin"], { input: contents, encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

describe("gitBlobId", () => {
  const verbatim = Object.values(layers)
    .flat()
    .filter((entry) => entry.text !== undefined);

  it("gives git's id for every template file copied verbatim", () => {
    expect(verbatim.length).toBeGreaterThan(20);
    for (const entry of verbatim) {
      expect(gitBlobId(entry.text as string), entry.path).toBe(gitHashObject(entry.text as string));
    }
  });

  it("gives git's id for contents no template holds: empty, UTF-8, NUL, beyond 64 KiB", () => {
    const licensed = `# Licence\n${verbatim.find((entry) => entry.text)?.text ?? ""}`;
    const samples = ["", "x", "naïve → ü\n", licensed, "\0binary\r\n", "é€😀x".repeat(60_000)];
    for (const contents of samples) expect(gitBlobId(contents)).toBe(gitHashObject(contents));
  });
});

describe("readAnswersFile: what adopt recorded is held to what adopt writes", () => {
  const record = (requirements: string[]) => ({
    generator: "create-sps-plugin",
    version: "0.2.0",
    answers: {
      type: "aa",
      starter: "example",
      name: "Gate",
      description: "d",
      author: "",
      email: "",
      sps: "7.0",
    },
    files: {},
    adopted: { python: "3.8", sdk: "", pipfile: false, requirements, tests: [] },
  });

  it.each([["requirements.txt"], ["requirements-dev.txt"]])("takes %s", (file) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "answers-"));
    fs.writeFileSync(path.join(dir, ANSWERS_FILE), JSON.stringify(record([file])));
    expect(readAnswersFile(dir).adopted?.requirements).toEqual([file]);
    fs.rmSync(dir, { recursive: true });
  });

  it.each([["$(touch /tmp/owned)"], ["../other.txt"], ["reqs.txt; rm -rf ~"]])(
    "refuses %s, which would reach a CI command line",
    (file) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "answers-"));
      fs.writeFileSync(path.join(dir, ANSWERS_FILE), JSON.stringify(record([file])));
      expect(() => readAnswersFile(dir)).toThrow(/does not hold what create-sps-plugin writes/);
      fs.rmSync(dir, { recursive: true });
    },
  );
});
