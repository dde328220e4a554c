import { describe, expect, it } from "vitest";
import { planUpdate, type Merge } from "../../src/update/update-plan.js";

const merge: Merge = (ours, base, theirs) =>
  ours.includes("clash")
    ? { text: `<<<${ours}|${theirs}>>>`, conflicts: true }
    : { text: `${ours}+${theirs}`, conflicts: false };

function plan(
  base: Record<string, string>,
  current: Record<string, string>,
  next: Record<string, string>,
  restore = false,
  taken: string[] = [],
) {
  const m = (o: Record<string, string>) => new Map(Object.entries(o));
  return planUpdate(m(base), m(current), m(next), merge, { restore, exists: (f) => taken.includes(f) });
}

describe("planUpdate: one rule per case", () => {
  it.each([
    [
      "untouched file, template changed: takes the new version",
      { f: "a" },
      { f: "a" },
      { f: "b" },
      ["UPDATE f"],
      { f: "b" },
    ],
    ["edited file, template unchanged: the edit stays", { f: "a" }, { f: "mine" }, { f: "a" }, [], {}],
    [
      "edited file, template changed: merged",
      { f: "a" },
      { f: "mine" },
      { f: "b" },
      ["MERGE f"],
      { f: "mine+b" },
    ],
    ["edited like the new template already: nothing", { f: "a" }, { f: "b" }, { f: "b" }, [], {}],
    [
      "conflicting edit: marked",
      { f: "a" },
      { f: "clash" },
      { f: "b" },
      ["CONFLICT f"],
      { f: "<<<clash|b>>>" },
    ],
    ["new template file: added", {}, {}, { f: "b" }, ["ADD f"], { f: "b" }],
    [
      "new template file the user already made: merged with an empty base",
      {},
      { f: "mine" },
      { f: "b" },
      ["MERGE f"],
      { f: "mine+b" },
    ],
    [
      "deleted by the user, template changed: stays deleted, said",
      { f: "a" },
      {},
      { f: "b" },
      ["SKIP f (you deleted it; --restore brings it back)"],
      {},
    ],
    ["deleted by the user, template unchanged: stays deleted quietly", { f: "a" }, {}, { f: "a" }, [], {}],
    [
      "dropped from the template: kept, said",
      { f: "a" },
      { f: "a" },
      {},
      ["KEEP f (no longer generated; remove it if unused)"],
      {},
    ],
  ])("%s", (_, base, current, next, lines, written) => {
    const result = plan(base, current, next);
    expect(result.lines).toEqual(lines);
    expect(Object.fromEntries(result.files)).toEqual(written);
    expect(result.conflicts).toEqual(lines[0]?.startsWith("CONFLICT") ? ["f"] : []);
  });

  it("--restore brings back a deleted file", () => {
    expect(plan({ f: "a" }, {}, { f: "a" }, true).lines).toEqual(["RESTORE f"]);
  });

  it("writes the new answers file when it changed", () => {
    const result = plan({}, { ".sps-plugin.json": "old" }, { ".sps-plugin.json": "new" });
    expect(result.lines).toEqual(["UPDATE .sps-plugin.json"]);
  });
});

describe("planUpdate: the vendored sps_dev is replaced whole, never merged", () => {
  it("an edited tool file takes the template's copy; the edit is saved beside it and listed", () => {
    const result = plan({ "sps_dev/a.py": "v1" }, { "sps_dev/a.py": "mine" }, { "sps_dev/a.py": "v2" });
    expect(Object.fromEntries(result.files)).toEqual({ "sps_dev/a.py": "v2", "sps_dev/a.py.orig": "mine" });
    expect(result.lines).toEqual([
      "REPLACE sps_dev/a.py (the tool is replaced whole; your edit is saved as sps_dev/a.py.orig)",
    ]);
    expect(result.conflicts).toEqual([]);
  });

  it("also when the template did not change it, and never over an existing .orig", () => {
    const result = plan(
      { "sps_dev/a.py": "v1" },
      { "sps_dev/a.py": "mine" },
      { "sps_dev/a.py": "v1" },
      false,
      ["sps_dev/a.py.orig"],
    );
    expect(Object.fromEntries(result.files)).toEqual({ "sps_dev/a.py": "v1", "sps_dev/a.py.orig.1": "mine" });
  });

  it("untouched files update, deleted ones come back, removed ones stay", () => {
    const result = plan(
      { "sps_dev/a.py": "v1", "sps_dev/b.py": "b", "sps_dev/old.py": "o" },
      { "sps_dev/a.py": "v1", "sps_dev/old.py": "o" },
      { "sps_dev/a.py": "v2", "sps_dev/b.py": "b", "sps_dev/new.py": "n" },
    );
    expect(result.lines).toEqual([
      "UPDATE sps_dev/a.py",
      "ADD sps_dev/b.py",
      "ADD sps_dev/new.py",
      "KEEP sps_dev/old.py (no longer generated; remove it if unused)",
    ]);
  });
});
