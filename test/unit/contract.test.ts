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
import {
  claimedReleases,
  KNOWN_RELEASE_KEYS,
  SPS_RELEASE_KEYS,
  spsRelease,
} from "../../src/answers/sps-releases.js";
import { SPS_EMAIL_RE, SPS_NAME_RE } from "../../src/answers/validate.js";
import { SPS_DEV_SITE } from "../helpers/build.js";
import { PKG_ROOT } from "../helpers/paths.js";
import { run, TOOLS_PYTHON } from "../helpers/run.js";

// MANIFEST api minor, scb_min_version, scb_max_version: what each reader says is claimed.
const CLAIM_CASES: [number, string, string][] = [
  [1, "", ""],
  [1, "8.1.0", ""],
  [1, "6.3.0", "6.5.0~"],
  [4, "6.4.2", "6.7.0"],
  [6, "6.8.0", "7.0.0~"],
  [7, "", ""],
  [7, "6.13.0", "8.0.0~"],
  [7, "", "8.0.0"],
  [8, "", ""],
  [9, "", "8.0.0~"],
  [1, "10.2.0", ""],
  [0, "5.11.0", "6.1.0"],
];

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
    "claims": [[line.name for line in manifest.claimed(*case)[0]] for case in ${JSON.stringify(CLAIM_CASES)}],
}))
`;

function pythonView(): {
  version: string;
  releases: { name: string; label: string; api: string; scbMinVersion: string; python: string }[];
  name: string;
  email: string;
  sdk: string;
  claims: string[][];
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
    const generator = KNOWN_RELEASE_KEYS.map((name) => ({ name, ...spsRelease(name) }));
    expect(generator).toEqual(python.releases);
    // A new project can claim only lines whose Python runs the generated code (3.8+).
    expect(SPS_RELEASE_KEYS).toEqual(["7.0", "8.0", "9.0"]);
    expect(KNOWN_RELEASE_KEYS.filter((k) => spsRelease(k).python === "3.6").length).toBeGreaterThanOrEqual(6);
  });

  it("gives both readers the same range for a MANIFEST's api and scb versions", () => {
    const generator = CLAIM_CASES.map(([api, low, high]) => claimedReleases(api, low, high));
    expect(generator).toEqual(python.claims);
    expect(generator[0]).toEqual(KNOWN_RELEASE_KEYS);
    expect(generator[2]).toEqual(["6.3"]);
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
