/**
 * The shape of src/: no import cycle, a leaf core (src/core/ imports nothing else from src/),
 * a short longest chain from the bundle's entry, and the record's answer checks the flags'.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the repository's scripts, without type declarations
import { cycles, importGraph, longestChain } from "../../scripts/import-graph.mjs";
import { VALUE_OPTIONS } from "../../src/answers/options.js";
import { RECORDED_ANSWER_CHECKS } from "../../src/answers/validate.js";

type Graph = Map<string, string[]>;

describe("the import graph of src/", () => {
  const graph = importGraph() as Graph;

  it("has no cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("has a leaf core", () => {
    const core = [...graph].filter(([file]) => file.startsWith("src/core/"));
    expect(core.length).toBeGreaterThanOrEqual(4);
    for (const [file, edges] of core)
      expect(
        edges.filter((e) => !e.startsWith("src/core/")),
        file,
      ).toEqual([]);
  });

  // 7, not the 6 issue 23 asked for: each command has its own file (cli.ts only dispatches),
  // so every command sits three deep (entry -> cli -> create), and below it lie four layers
  // in several places: answers -> options -> validate -> the name lists; transaction ->
  // write -> lock -> private-folder; project -> answers-file -> tool-wheel -> core. Six would
  // mean merging a layer in each (or loading create lazily, which only hides it from this
  // count): judged to read worse than it loads faster.
  it("has no runtime chain longer than 7 modules from the bundle's entry", () => {
    const chain = longestChain(graph, "src/entry.ts") as string[];
    expect(chain.length, chain.join(" -> ")).toBeLessThanOrEqual(7);
    // The commands a new project never runs are loaded on use: not part of the chain.
    expect(graph.get("src/cli/cli.ts")).not.toContain("src/update/update.ts");
    // cli.ts only dispatches: to one file per command.
    expect(graph.get("src/cli/cli.ts")).toEqual(
      expect.arrayContaining(["src/cli/create.ts", "src/cli/recover.ts"]),
    );
  });
});

describe("the answers a record holds", () => {
  it("are checked by the rules their flags use", () => {
    for (const option of VALUE_OPTIONS.filter((o) => o.key !== "directory"))
      expect(option.check, option.key).toBe(
        RECORDED_ANSWER_CHECKS[option.key as keyof typeof RECORDED_ANSWER_CHECKS],
      );
  });
});
