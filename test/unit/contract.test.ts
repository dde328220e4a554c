/**
 * One SPS contract for both languages: the generator's reading of contract.json (bundled at
 * build time) and sps_dev's (the installed wheel's own copy) give the same releases and
 * MANIFEST rules, and the two packages carry one version.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TOOL_VERSION } from "../../src/answers/answers.js";
import { CONTRACT } from "../../src/answers/contract.js";
import { SPS_RELEASE_KEYS, spsRelease } from "../../src/answers/sps-releases.js";
import { SPS_EMAIL_RE, SPS_NAME_RE } from "../../src/answers/validate.js";
import { SPS_DEV_SITE } from "../helpers/build.js";
import { PKG_ROOT } from "../helpers/paths.js";
import { run, TOOLS_PYTHON } from "../helpers/run.js";

const PYTHON_VIEW = `
import json
from sps_dev import VERSION
from sps_dev.contract import manifest, releases
print(json.dumps({
    "version": VERSION,
    "releases": [
        {"name": r.name, "label": r.label, "api": f"1.{r.api_minor}", "scbMinVersion": r.scb_min_version,
         "python": f"{r.python[0]}.{r.python[1]}"}
        for r in releases.RELEASES
    ],
    "name": manifest.NAME.pattern,
    "email": manifest.EMAIL.pattern,
    "sdk": releases.SDK_DISTRIBUTION,
}))
`;

function pythonView(): {
  version: string;
  releases: { name: string; label: string; api: string; scbMinVersion: string; python: string }[];
  name: string;
  email: string;
  sdk: string;
} {
  const ran = run(TOOLS_PYTHON, [
    "-I",
    "-c",
    `import sys; sys.path.insert(0, ${JSON.stringify(SPS_DEV_SITE)})\n${PYTHON_VIEW}`,
  ]);
  expect(ran.status, ran.stderr).toBe(0);
  return JSON.parse(ran.stdout) as ReturnType<typeof pythonView>;
}

const python = pythonView();

describe("the SPS contract", () => {
  it("gives both readers the same releases", () => {
    const generator = SPS_RELEASE_KEYS.map((name) => ({ name, ...spsRelease(name) }));
    expect(generator).toEqual(python.releases);
    expect(generator.length).toBeGreaterThanOrEqual(3);
  });

  it("gives both readers the same MANIFEST rules and SDK", () => {
    expect(python.name).toBe(CONTRACT.manifest.name);
    expect(python.email).toBe(CONTRACT.manifest.author_email);
    expect(python.sdk).toBe(CONTRACT.sdk.distribution);
    for (const [name, ok] of [
      ["AcmeVault", true],
      ["a", false],
      ["9lives", false],
      ["my-plugin", false],
    ] as const)
      expect(SPS_NAME_RE.test(name), name).toBe(ok);
    expect(SPS_EMAIL_RE.test("jane@example.com")).toBe(true);
    expect(SPS_EMAIL_RE.test("jane@@example.com")).toBe(false);
  });

  it("is the file the generator bundles, and a new release is one entry there", () => {
    const file = JSON.parse(
      fs.readFileSync(path.join(PKG_ROOT, "python/src/sps_dev/contract/contract.json"), "utf8"),
    ) as typeof CONTRACT;
    expect(CONTRACT).toEqual(file);
  });
});

describe("one version", () => {
  it("package.json, the sps_dev package and the wheel the generator ships agree", () => {
    const npm = (
      JSON.parse(fs.readFileSync(path.join(PKG_ROOT, "package.json"), "utf8")) as { version: string }
    ).version;
    expect(python.version).toBe(npm);
    expect(TOOL_VERSION).toBe(npm);
  });
});
