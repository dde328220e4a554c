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
) {
  const m = (o: Record<string, string>) => new Map(Object.entries(o));
  return planUpdate(m(base), m(current), m(next), merge, { restore });
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

describe("planUpdate: old copies of sps_dev go, edited ones stay and are listed", () => {
  const wheel = (v: string) => `tools/sps_plugin_dev-${v}-py3-none-any.whl`;

  it("removes an untouched vendored sps_dev/ and adds the wheel", () => {
    const result = plan(
      { "sps_dev/a.py": "v1", "sps_dev/b.py": "b" },
      { "sps_dev/a.py": "v1", "sps_dev/b.py": "b" },
      { [wheel("0.2.0")]: "wheel" },
    );
    expect(result.removals).toEqual(["sps_dev/a.py", "sps_dev/b.py"]);
    expect(result.keptTool).toEqual([]);
    expect(Object.fromEntries(result.files)).toEqual({ [wheel("0.2.0")]: "wheel" });
  });

  it("keeps an edited vendored file, says it no longer runs, and never removes it", () => {
    const result = plan({ "sps_dev/a.py": "v1" }, { "sps_dev/a.py": "mine" }, {});
    expect(result.removals).toEqual([]);
    expect(result.keptTool).toEqual(["sps_dev/a.py"]);
    expect(result.lines).toEqual([
      "KEEP sps_dev/a.py (you edited it; it no longer runs: sps_dev comes from its wheel, and ruff skips sps_dev/)",
    ]);
  });

  it("replaces the previous version's wheel while it is as written; a deleted one stays deleted", () => {
    const moved = plan({ [wheel("0.2.0")]: "old" }, { [wheel("0.2.0")]: "old" }, { [wheel("0.3.0")]: "new" });
    expect(moved.removals).toEqual([wheel("0.2.0")]);
    expect([...moved.files.keys()]).toEqual([wheel("0.3.0")]);
    const gone = plan({ [wheel("0.2.0")]: "old" }, {}, {});
    expect(gone.removals).toEqual([]);
    expect(gone.lines).toEqual([]);
  });

  it("never removes a file that is not what the old version wrote", () => {
    const result = plan({ [wheel("0.2.0")]: "old" }, { [wheel("0.2.0")]: "someone else's" }, {});
    expect(result.removals).toEqual([]);
    expect(result.lines[0]).toMatch(/^KEEP tools\/sps_plugin_dev-0\.2\.0/);
  });
});
