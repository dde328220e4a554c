import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { gitBlobId } from "../../src/render/answers-file.js";
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
