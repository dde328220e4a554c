/**
 * The shape of src/: no import cycle, a leaf core (src/core/ imports nothing else from src/),
 * a short longest chain from the bundle's entry, and the record's answer checks the flags'.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the repository's scripts, without type declarations
import { cycles, importGraph, longestChain } from "../../scripts/import-graph.mjs";
import { VALUE_OPTIONS } from "../../src/answers/options.js";
import { ANSWER_CHECKS, RECORDED_ANSWER_CHECKS } from "../../src/answers/validate.js";

type Graph = Map<string, string[]>;

describe("the import graph of src/", () => {
  const graph = importGraph() as Graph;

  it("has no cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("has a leaf core", () => {
    const core = [...graph].filter(([file]) => file.startsWith("src/core/"));
    expect(core.length).toBeGreaterThanOrEqual(4);
    // Not even one another at run time: each is one hop, whatever imports it.
    for (const [file, edges] of core) expect(edges, file).toEqual([]);
    expect(core.map(([file]) => file)).toContain("src/core/record.ts");
  });

  // The bundle's entry, cli.ts, each command's file and three layers below it: a table or
  // the core at the bottom, one module that uses them (validate, context, the writer, the
  // lock, the journal), and one that puts those together (answers, project, transaction).
  it("has no runtime chain longer than 6 modules from the bundle's entry", () => {
    const chain = longestChain(graph, "src/entry.ts") as string[];
    expect(chain.length, chain.join(" -> ")).toBeLessThanOrEqual(6);
    // The commands a new project never runs are loaded on use: not part of the chain.
    expect(graph.get("src/cli/cli.ts")).not.toContain("src/update/update.ts");
    // cli.ts only dispatches: to one file per command.
    expect(graph.get("src/cli/cli.ts")).toEqual(
      expect.arrayContaining(["src/cli/create.ts", "src/cli/recover.ts"]),
    );
  });

  // update and adopt are loaded on use (so the chain above does not see them): from cli.ts
  // they are as deep as create, and held to the same depth.
  it.each(["src/cli/create.ts", "src/cli/recover.ts", "src/update/update.ts", "src/update/adopt.ts"])(
    "%s sits at most 4 modules deep",
    (command) => {
      const chain = longestChain(graph, command) as string[];
      expect(chain.length, chain.join(" -> ")).toBeLessThanOrEqual(4);
    },
  );
});

describe("the answers a record holds", () => {
  it("are checked by the rules their flags use", () => {
    const options = VALUE_OPTIONS.map((o) => o.key);
    expect(Object.keys(ANSWER_CHECKS).sort()).toEqual([...options].sort());
    expect(Object.keys(RECORDED_ANSWER_CHECKS)).toEqual(options.filter((key) => key !== "directory"));
    for (const [key, check] of Object.entries(RECORDED_ANSWER_CHECKS))
      expect(ANSWER_CHECKS[key as keyof typeof ANSWER_CHECKS], key).toBe(check);
  });
});
