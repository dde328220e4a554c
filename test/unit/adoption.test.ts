/** adopt's reading of a plugin: the Python its CI runs the tools on. */
import { describe, expect, it } from "vitest";
import { inspectPlugin } from "../../src/update/adoption.js";

const MANIFEST = "name: Gate\ndescription: d\nversion: 1.0.0\ntype: aa\napi: 1.6\nentry_point: main.py\n";
const pipfile = (python: string) =>
  `[packages]\n\n[dev-packages]\n\n[requires]\npython_version = "${python}"\n`;

describe("the Python adopt's CI runs the tools on", () => {
  it.each([
    ["3.6", "3.8"],
    ["3.7", "3.8"],
    ["3.8", "3.8"],
    ["3.11", "3.11"],
  ])("a Pipfile pinning %s gets %s (the tools need 3.8+, the CI offers nothing older)", (pin, python) => {
    const plugin = inspectPlugin("gate", {
      manifest: MANIFEST,
      paths: [],
      importsSdk: false,
      pipfile: pipfile(pin),
    });
    expect(plugin.adopted.python).toBe(python);
  });
});
