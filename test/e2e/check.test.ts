/**
 * sps_dev check and build against broken projects: each breakage SPS would refuse (or that
 * would end a session) fails with a message naming the file, the rule and the fix.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, runCli, tempDir, TOOLS_PYTHON, type Ran } from "../helpers/run.js";

const root = tempDir();
const PROJECTS = { credentialstore: path.join(root, "cs-vault"), aa: path.join(root, "aa-gate") };
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeAll(() => {
  for (const [type, dir] of Object.entries(PROJECTS)) {
    expect(runCli([path.basename(dir), "-t", type, "--yes", "--no-git"], root).status).toBe(0);
  }
});

function sps(project: string, args: string[]): Ran {
  return run(TOOLS_PYTHON, ["-m", "sps_dev", ...args], {
    cwd: project,
    env: { ...process.env, PIP_RETRIES: "0", PIP_DISABLE_PIP_VERSION_CHECK: "1" },
  });
}

/** A copy of the generated project of `type`, changed by `breakIt`. */
function broken(type: keyof typeof PROJECTS, breakIt: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(root, "broken-"));
  fs.cpSync(PROJECTS[type], dir, { recursive: true });
  breakIt(dir);
  return dir;
}

function edit(file: string, from: RegExp | string, to: string): (dir: string) => void {
  return (dir) => {
    const target = path.join(dir, file);
    const text = fs.readFileSync(target, "utf8");
    const changed = text.replace(from, to);
    expect(changed, `${file}: ${String(from)} not found`).not.toBe(text);
    fs.writeFileSync(target, changed);
  };
}

const pluginFile = (dir: string): string => {
  const pkg = fs.readdirSync(dir).find((d) => fs.existsSync(path.join(dir, d, "plugin.py")));
  return path.join(pkg ?? "", "plugin.py");
};

const CASES: [string, keyof typeof PROJECTS, (dir: string) => void, string][] = [
  [
    "name with a hyphen",
    "credentialstore",
    edit("MANIFEST", /^name: .*$/m, "name: my-plugin"),
    "MANIFEST:2: name: 'my-plugin' must start with a letter",
  ],
  [
    "version v1",
    "credentialstore",
    edit("MANIFEST", "version: 0.1.0", "version: v1"),
    "MANIFEST:4: version: 'v1' must start with a digit; fix: e.g. 1.0.0",
  ],
  [
    "unknown type",
    "aa",
    edit("MANIFEST", "type: aa", "type: ticketing"),
    "type: 'ticketing' is not a plugin type SPS knows; fix: aa or credentialstore",
  ],
  [
    "api 2.0",
    "credentialstore",
    edit("MANIFEST", 'api: "1.7"', 'api: "2.0"'),
    "api: '2.0' has major 2; SPS's plugin API is 1.x",
  ],
  [
    "unquoted api 1.10",
    "credentialstore",
    edit("MANIFEST", 'api: "1.7"', "api: 1.10"),
    'api: 1.10 is read by YAML as the number 1.1; fix: quote it: api: "1.10"',
  ],
  [
    "api newer than scb_min_version offers",
    "aa",
    edit("MANIFEST", 'api: "1.7"', 'api: "1.8"'),
    "api: 1.8 is newer than SPS 7.0.0 offers (1.7)",
  ],
  [
    "missing MANIFEST",
    "credentialstore",
    (dir) => fs.rmSync(path.join(dir, "MANIFEST")),
    "MANIFEST: missing; fix: create it at the project root",
  ],
  [
    "MANIFEST that is not YAML",
    "aa",
    edit("MANIFEST", /^name: (.*)$/m, "name: [unclosed"),
    "MANIFEST:3: not valid YAML",
  ],
  [
    "empty description",
    "aa",
    edit("MANIFEST", /^description: .*$/m, 'description: ""'),
    "description: is required and must not be empty",
  ],
  [
    "entry point in a folder",
    "credentialstore",
    edit("MANIFEST", "entry_point: main.py", "entry_point: src/main.py"),
    "entry_point: 'src/main.py' may hold only letters, digits, . _ -",
  ],
  [
    "bad author email",
    "credentialstore",
    edit("MANIFEST", /^type:/m, "author_email: jane@\ntype:"),
    "author_email: 'jane@' is not an address SPS accepts",
  ],
  [
    "missing shebang",
    "aa",
    edit("main.py", "#!/usr/bin/env pluginwrapper3\n", ""),
    "main.py:1: must start with the Python 3 shebang; fix: #!/usr/bin/env pluginwrapper3",
  ],
  [
    "no Plugin class",
    "credentialstore",
    edit("main.py", /__all__ = \["Plugin"\]/, 'Plugin = None\n__all__ = ["Plugin"]'),
    "main.py: has no class Plugin",
  ],
  [
    "positional-only hook parameters",
    "credentialstore",
    (dir) =>
      edit(
        pluginFile(dir),
        "        session_id: str | None = None,\n        cookie: JsonObject | None = None,\n        session_cookie: JsonObject | None = None,\n        protocol",
        "        session_id: str | None = None,\n        /,\n        cookie: JsonObject | None = None,\n        session_cookie: JsonObject | None = None,\n        protocol",
      )(dir),
    "get_password_list() has positional-only parameters; fix: SPS passes names: drop the /",
  ],
  [
    "hook without **kwargs",
    "aa",
    (dir) => edit(pluginFile(dir), /(def session_ended\([\s\S]*?)\s+\*\*kwargs: Any,\n/, "$1\n")(dir),
    "session_ended() has no **kwargs; fix: a newer SPS may pass more names",
  ],
  [
    "missing hook",
    "aa",
    (dir) => edit(pluginFile(dir), "def authorize(", "def authorise(")(dir),
    "Plugin has no authorize(); fix: add def authorize(self, **kwargs)",
  ],
  [
    "underscored section with $ values",
    "credentialstore",
    edit("default.cfg", "[example-vault]", "[example_vault]"),
    '[example_vault] uses "$" but its name has "_"',
  ],
  ["default.cfg that is not INI", "aa", edit("default.cfg", "[logging]", "logging ]"), "default.cfg:"],
];

describe("python -m sps_dev check on broken projects", () => {
  it.each(CASES)("%s (%s)", (_, type, breakIt, message) => {
    const result = sps(broken(type, breakIt), ["check"]);
    expect(result.stderr).toContain(message);
    expect(result.status).toBe(1);
  });

  it.each(Object.keys(PROJECTS))("passes on a fresh %s project, and on its ZIP", (type) => {
    const project = PROJECTS[type as keyof typeof PROJECTS];
    expect(sps(project, ["check"]).stdout).toContain("passes SPS's checks");
    const zip = sps(project, ["build"]).stdout.trim();
    const result = sps(project, ["check", zip]);
    expect(result.stdout).toContain("passes SPS's checks");
    expect(result.status).toBe(0);
  });
});

describe("python -m sps_dev build", () => {
  it("refuses a ZIP over 20 MB, naming the biggest contributors", () => {
    const project = broken("credentialstore", (dir) => {
      // Random bytes do not compress: 21 MB in the package make the ZIP too big.
      fs.writeFileSync(
        path.join(dir, pluginFile(dir).replace("plugin.py", "model.bin")),
        crypto.randomBytes(21e6),
      );
    });
    const result = sps(project, ["build"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /the ZIP would be 21\.\d MB; SPS accepts at most 20 MB\. Biggest: cs_vault\/model\.bin \(21\.0 MB\)/,
    );
    expect(fs.readdirSync(path.join(project, "dist"))).toEqual([]);
  });

  it("refuses to bundle the Plugin SDK", () => {
    const project = broken("aa", (dir) =>
      fs.appendFileSync(
        path.join(dir, "requirements.txt"),
        "oneidentity_safeguard_sessions_plugin_sdk~=1.7.0\n",
      ),
    );
    const result = sps(project, ["build"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("requirements.txt lists the Plugin SDK: SPS ships it");
  });

  it("installs runtime dependencies next to main.py, and the plugin imports them from the ZIP", () => {
    const project = broken("credentialstore", (dir) =>
      fs.appendFileSync(path.join(dir, "requirements.txt"), "six\n"),
    );
    const zip = path.join(project, sps(project, ["build"]).stdout.trim());
    const listing = run(TOOLS_PYTHON, [
      "-c",
      `import zipfile; print("\\n".join(zipfile.ZipFile(${JSON.stringify(zip)}).namelist()))`,
    ]);
    const names = listing.stdout.trim().split("\n");
    expect(names).toContain("six.py");
    expect(names).toContain("main.py");
    expect(
      names.filter((n) => n.startsWith("tests/") || n.startsWith("sps_dev/") || n.startsWith("bin/")),
    ).toEqual([]);
    const unpacked = path.join(project, "unpacked");
    run(TOOLS_PYTHON, [
      "-c",
      `import zipfile; zipfile.ZipFile(${JSON.stringify(zip)}).extractall(${JSON.stringify(unpacked)})`,
    ]);
    const imported = run(
      TOOLS_PYTHON,
      ["-E", "-s", "-c", "import six, main; print(six.__file__, main.Plugin)"],
      {
        cwd: unpacked,
      },
    );
    expect(imported.stdout).toContain(path.join(unpacked, "six.py"));
  });

  it("checks a ZIP that lost its MANIFEST or carries the tests", () => {
    const project = PROJECTS.credentialstore;
    const script = (name: string, entries: string[]): string =>
      `import zipfile\nwith zipfile.ZipFile(${JSON.stringify(name)}, "w") as z:\n` +
      entries
        .map(
          (e) =>
            `    z.writestr(${JSON.stringify(e)}, ${JSON.stringify(e === "MANIFEST" ? fs.readFileSync(path.join(project, "MANIFEST"), "utf8") : "")})`,
        )
        .join("\n");
    const noManifest = path.join(root, "no-manifest.zip");
    run(TOOLS_PYTHON, ["-c", script(noManifest, ["main.py"])]);
    expect(sps(project, ["check", noManifest]).stderr).toContain(
      "no-manifest.zip: has no MANIFEST at its root",
    );
    const withTests = path.join(root, "with-tests.zip");
    run(TOOLS_PYTHON, [
      "-c",
      script(withTests, ["MANIFEST", "main.py", "tests/test_x.py", "sps_dev/__init__.py"]),
    ]);
    const result = sps(project, ["check", withTests]);
    expect(result.stderr).toContain("with-tests.zip: holds sps_dev, tests");
    expect(result.status).toBe(1);
  });
});
