/**
 * Hostile input through the built bin: each case exits 2 with the right message and writes
 * nothing, or generates a project that passes its own checks. No case writes outside its
 * target or removes a file.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectProjectChecksPass, listTree, run, runCli, tempDir, TOOLS_PYTHON } from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const T = ["-t", "credentialstore", "--yes", "--no-git"];

const REFUSED: [string, string[], string][] = [
  ["name starting with a digit", ["p", ...T, "-n", "1abc"], "--name: must start with a letter"],
  ["one-letter name", ["p", ...T, "-n", "a"], "--name: must start with a letter"],
  ["hyphenated name", ["p", ...T, "-n", "acme-vault"], "--name: must start"],
  ["name with a space", ["p", ...T, "-n", "acme vault"], "--name: must start"],
  ["non-ASCII name", ["p", ...T, "-n", "Vaulté"], "--name: must start"],
  ["name with @", ["p", ...T, "-n", "vault@corp"], "--name: must start"],
  ["name with a newline", ["p", ...T, "-n", "a\nb"], "--name: must start"],
  ["empty name", ["p", ...T, "-n", ""], "--name: must start"],
  ["name too long", ["p", ...T, "-n", "a".repeat(65)], "--name: must be at most 64 characters"],
  ["package name too long", ["p", ...T, "-n", "AbCd".repeat(13)], "longer than 64 characters"],
  ["name shadowing json", ["p", ...T, "-n", "Json"], 'package "json", which would shadow'],
  ["name shadowing logging", ["p", ...T, "-n", "Logging"], 'package "logging", which would shadow'],
  ["name shadowing tests", ["p", ...T, "-n", "Tests"], 'package "tests"'],
  ["name shadowing main.py", ["p", ...T, "-n", "Main"], 'package "main"'],
  ["name shadowing the toolkit", ["p", ...T, "-n", "SpsDev"], 'package "sps_dev"'],
  ["keyword name", ["p", ...T, "-n", "Class"], "a Python keyword"],
  ["soft-keyword name", ["p", ...T, "-n", "Match"], "a Python keyword"],
  ["email without domain", ["p", ...T, "--email", "jane@"], "--email: must be an address SPS accepts"],
  ["email with a space", ["p", ...T, "--email", "ja ne@x.com"], "--email: must be"],
  ["email with display name", ["p", ...T, "--email", "Jane <j@x.com>"], "--email: must be"],
  ["email with double dot", ["p", ...T, "--email", "j@x..com"], "--email: must be"],
  ["non-ASCII email", ["p", ...T, "--email", "jané@x.com"], "--email: must be"],
  ["unknown SPS release", ["p", ...T, "--sps", "6.0"], "--sps: must be one of 7.0, 8.0, 9.0"],
  ["SPS release as major only", ["p", ...T, "--sps", "7"], "--sps: must be one of"],
  ["SPS release with patch", ["p", ...T, "--sps", "7.0.0"], "--sps: must be one of"],
  ["type typo", ["p", "-t", "credentalstore", "--yes"], "--type: must be one of credentialstore, aa"],
  ["type in capitals", ["p", "-t", "CREDENTIALSTORE", "--yes"], "--type: must be one of"],
  ["empty type", ["p", "-t", "", "--yes"], "--type: must be one of"],
  ["unknown starter", ["p", ...T, "--starter", "full"], "--starter: must be one of example, minimal"],
  ["starter in capitals", ["p", ...T, "--starter", "Minimal"], "--starter: must be one of"],
  ["starter without a value", ["p", ...T, "--starter"], "--starter"],
  ["empty description", ["p", ...T, "--description", ""], "--description: must not be empty"],
  ["blank description", ["p", ...T, "--description", " \n\t "], "--description: must not be empty"],
  [
    "description with a bell",
    ["p", ...T, "--description", "ding\u0007"],
    "must not contain control characters",
  ],
  ["description with ANSI escapes", ["p", ...T, "--description", "\u001b[31mred"], "control characters"],
  ["description with C1 control", ["p", ...T, "--description", "a\u0085b\u009b"], "control characters"],
  ["description too long", ["p", ...T, "--description", "x".repeat(301)], "at most 300 characters"],
  ["author with escape", ["p", ...T, "--author", "Jane\u001b]0;pwned\u0007"], "--author: must not contain"],
  ["unknown flag", ["p", ...T, "--evil"], "Unknown option '--evil'"],
  ["flag value missing", ["p", "-t"], "-t"],
  ["two directories", ["p", "q", ...T], "[directory]: expected one directory, got 2"],
  ["empty directory argument", ["", ...T], "[directory]: must not be empty"],
  ["directory name giving an unusable default name", ["json", ...T], "--name (the default)"],
  ["directory -", ["-", ...T], '[directory]: must not be "-", which many tools read as standard input'],
  [
    "directory with an ANSI escape",
    ["a\u001b[31mred", ...T],
    "[directory]: must not contain control characters",
  ],
  ["directory with a bidi override", ["a\u202eb", ...T], "[directory]: must not contain control characters"],
  ["name shadowing pytest", ["p", ...T, "-n", "Pytest"], 'package "pytest", which would shadow'],
  ["name shadowing PyYAML", ["p", ...T, "-n", "Yaml"], 'package "yaml", which would shadow'],
  ["name shadowing mypy", ["p", ...T, "-n", "Mypy"], 'package "mypy", which would shadow'],
  ["name shadowing pluggy", ["p", ...T, "-n", "Pluggy"], 'package "pluggy", which would shadow'],
  ["name shadowing ruff", ["p", ...T, "-n", "Ruff"], 'package "ruff", which would shadow'],
  [
    "--template /proc/self",
    ["p", ...T, "--template", "/proc/self"],
    "--template: /proc/self holds more than 1000 files (the limit)",
  ],
  ["update on a file", ["update", "afile"], "[directory]: afile is not a folder"],
  ["no terminal, no --yes, nothing given", [], "missing [directory] and --type"],
];

describe("refused input: exit 2, the flag and the rule named, nothing written", () => {
  it.each(REFUSED)("%s", (_, args, message) => {
    const cwd = fs.mkdtempSync(path.join(root, "refused-"));
    if (args[0] === "update") fs.writeFileSync(path.join(cwd, "afile"), "");
    const before = listTree(cwd);
    const result = runCli(args, cwd);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.status).toBe(2);
    expect(listTree(cwd)).toEqual(before);
  });

  it("echoes no control character from a file it lists (a refused non-empty folder)", () => {
    const cwd = fs.mkdtempSync(path.join(root, "refused-"));
    fs.mkdirSync(path.join(cwd, "p"));
    fs.writeFileSync(path.join(cwd, "p", "x\u001b]0;pwned\u0007"), "");
    const result = runCli(["p", ...T], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("x\\u001b]0;pwned\\u0007");
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it("an organisation template kept as a git checkout: its .git is never read nor copied, large files are refused", () => {
    const cwd = fs.mkdtempSync(path.join(root, "template-"));
    const template = path.join(cwd, "org");
    fs.mkdirSync(path.join(template, ".git", "hooks"), { recursive: true });
    fs.writeFileSync(path.join(template, ".git", "config"), "[core]\n\tfsmonitor = touch pwned\n");
    fs.writeFileSync(path.join(template, ".git", "hooks", "post-commit"), "#!/bin/sh\ntouch pwned\n");
    fs.writeFileSync(path.join(template, "TEAM.md"), "team\n");
    expect(runCli(["p", ...T, "--template", template], cwd).status).toBe(0);
    expect(listTree(path.join(cwd, "p")).filter((f) => f.startsWith(".git"))).toEqual([
      ".github",
      ".github/dependabot.yml",
      ".github/workflows",
      ".github/workflows/ci.yml",
      ".github/workflows/release.yml",
      ".github/workflows/update.yml",
      ".gitignore",
    ]);
    expect(fs.readFileSync(path.join(cwd, "p", "TEAM.md"), "utf8")).toBe("team\n");
    fs.writeFileSync(path.join(template, "big.bin"), Buffer.alloc(6 * 1024 * 1024));
    const big = runCli(["q", ...T, "--template", template], cwd);
    expect(big.status).toBe(2);
    expect(big.stderr).toContain(
      "--template: big.bin is 6291456 bytes; a template file may have at most 5242880",
    );
    expect(fs.existsSync(path.join(cwd, "q"))).toBe(false);
    expect(fs.existsSync(path.join(cwd, "pwned"))).toBe(false);
  });

  it("the target is an existing file", () => {
    const cwd = fs.mkdtempSync(path.join(root, "refused-"));
    fs.writeFileSync(path.join(cwd, "p"), "keep me");
    const result = runCli(["p", ...T], cwd);
    expect(result.stderr).toContain("[directory]: p exists and is not a directory");
    expect(result.status).toBe(2);
    expect(fs.readFileSync(path.join(cwd, "p"), "utf8")).toBe("keep me");
  });

  it("a non-TTY run without --yes exits 2 at once even with stdin left open", () => {
    const cwd = fs.mkdtempSync(path.join(root, "refused-"));
    // stdin is a pipe nobody writes to or closes: a prompt would wait on it until the timeout.
    const result = run(process.execPath, [path.resolve("bin/create-sps-plugin.cjs"), "p"], {
      cwd,
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 10_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("missing --type: there is no terminal to ask");
  });
});

const ACCEPTED: [string, string[], string, Record<string, string>][] = [
  [
    "template and Python syntax in the description",
    ["--description", `{{x}} """ ''' \\ \\n {%raw%}`],
    "p",
    {},
  ],
  ["YAML injection in the author", ["--author", 'x"\nname: evil\n#'], "p", {}],
  [
    "newlines and Markdown in the description",
    ["--description", "line 1\n# heading\n- item\n1. one"],
    "p",
    {},
  ],
  ["INI syntax in the description", ["--description", "[section]\nkey = %(x)s $ $$ ; #"], "p", {}],
  ["quotes and ampersands", ["--description", `Tom's <"vault"> & co`, "--author", "Zoë O'Brien"], "p", {}],
  ["emoji and right-to-left text", ["--description", "🔐 خزانة vault", "--author", "山田"], "p", {}],
  ["shortest name", ["-n", "ab"], "p", { name: "ab" }],
  ["longest name", ["-n", `V${"a".repeat(63)}`], "p", { name: `V${"a".repeat(63)}` }],
  ["directory with spaces", [], "my vault", { name: "my_vault" }],
  ["directory in the parent folder", [], "../up-here", { name: "up_here" }],
  ["email with plus and subdomains", ["--email", "ops+sps@mail.corp.example.com"], "p", {}],
  [
    "an AA plugin with hostile text",
    ["-t", "aa", "--description", `{{x}} """ \\ <&>`, "--author", "O'Brien"],
    "p",
    {},
  ],
  ["an AA plugin with the longest name", ["-t", "aa", "-n", `G${"a".repeat(63)}`], "p", {}],
  // The minimal starter's code and tests are other text: the longest name again, both types.
  [
    "a minimal credential store with the longest name",
    ["--starter", "minimal", "-n", `M${"a".repeat(63)}`],
    "p",
    {},
  ],
  [
    "a minimal AA plugin with the longest name",
    ["-t", "aa", "--starter", "minimal", "-n", `N${"a".repeat(63)}`],
    "p",
    {},
  ],
];

/** The project's Python files and pyproject.toml (which configures their tools), as one digest. */
function pythonFilesDigest(project: string): string {
  const hash = crypto.createHash("sha256");
  for (const file of listTree(project).filter((f) => f.endsWith(".py") || f === "pyproject.toml"))
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(project, file)))
      .update("\0");
  return hash.digest("hex");
}

/** An INI file without its comment lines, as configparser reads it. */
const withoutComments = (text: string): string =>
  text
    .split("\n")
    .filter((line) => !/^\s*[#;]/.test(line))
    .join("\n");

/** Python-file digest -> default.cfg (comments left out) of the project that passed them. */
const toolchainPassed = new Map<string, string>();

describe("accepted hostile input: a project that passes its own checks", () => {
  it.each(ACCEPTED)("%s", (_, flags, directory, manifest) => {
    const sandbox = fs.mkdtempSync(path.join(root, "accepted-"));
    const cwd = path.join(sandbox, "cwd");
    fs.mkdirSync(cwd);
    const result = runCli([directory, ...T, ...flags], cwd);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const project = path.resolve(cwd, directory);
    // Nothing outside the target: the sandbox holds the cwd and the project, nothing else.
    const outside = listTree(sandbox).filter((p) => !path.join(sandbox, p).startsWith(project));
    expect(outside).toEqual(["cwd"]);

    // The Python toolchain once per distinct set of Python files: text that lands only in the
    // MANIFEST, default.cfg and README leaves them as another case made them.
    const digest = pythonFilesDigest(project);
    const cfg = withoutComments(fs.readFileSync(path.join(project, "default.cfg"), "utf8"));
    const checked = toolchainPassed.get(digest);
    if (checked === undefined) {
      expectProjectChecksPass(project);
      toolchainPassed.set(digest, cfg);
    } else {
      // Where that text acts: default.cfg holds it only as comments (the same settings as the
      // project whose toolchain ran), and check reads the MANIFEST and default.cfg as SPS does.
      expect(cfg).toBe(checked);
      const strict = run(TOOLS_PYTHON, ["-m", "sps_dev", "check", "--strict"], { cwd: project });
      expect(strict.status, strict.stdout + strict.stderr).toBe(0);
    }
    const py = { cwd: project };
    const read = run(
      TOOLS_PYTHON,
      ["-c", "import json,yaml;print(json.dumps(yaml.safe_load(open('MANIFEST'))))"],
      py,
    );
    const parsed = JSON.parse(read.stdout) as Record<string, string>;
    expect(parsed).toMatchObject(manifest);
    const flag = (name: string): string | undefined => flags[flags.indexOf(name) + 1];
    if (flags.includes("--description")) expect(parsed.description).toBe(flag("--description"));
    if (flags.includes("--author")) expect(parsed.author_name).toBe(flag("--author"));
  });
});

describe("a parent folder the user cannot write to", () => {
  it("fails with exit 1 and a message, leaving nothing behind", () => {
    // As root every folder is writable, so the run drops to the unprivileged user "nobody".
    const sandbox = fs.mkdtempSync(path.join(root, "readonly-"));
    fs.chmodSync(root, 0o755);
    fs.chmodSync(sandbox, 0o755);
    const parent = path.join(sandbox, "locked");
    fs.mkdirSync(parent, { mode: 0o555 });
    const asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"];
    const result = run(
      "setpriv",
      [...asNobody, process.execPath, path.resolve("bin/create-sps-plugin.cjs"), "locked/p", ...T],
      {
        cwd: sandbox,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    expect(result.stderr).toMatch(
      /could not write .*locked\/p: EACCES: permission denied.*nothing was left behind/,
    );
    expect(result.status).toBe(1);
    expect(listTree(sandbox)).toEqual(["locked"]);
  });
});

describe("collisions between files and folders: exit 2 before anything is written", () => {
  it("a template file where the built-in template has a folder, and a template folder over a file", () => {
    const cwd = fs.mkdtempSync(path.join(root, "collide-"));
    fs.mkdirSync(path.join(cwd, "t1"));
    fs.writeFileSync(path.join(cwd, "t1", "{{packageName}}"), "x");
    fs.mkdirSync(path.join(cwd, "t2", "MANIFEST"), { recursive: true });
    fs.writeFileSync(path.join(cwd, "t2", "MANIFEST", "inner"), "x");
    const first = runCli(["p", ...T, "-n", "Pq", "--template", "t1"], cwd);
    expect(first.stderr).toContain("t1: pq is a file, but pq/__init__.py needs it to be a folder");
    const second = runCli(["p", ...T, "--template", "t2"], cwd);
    expect(second.stderr).toContain("t2: MANIFEST is a file, but MANIFEST/inner needs it to be a folder");
    for (const result of [first, second]) expect(result.status).toBe(2);
    expect(fs.readdirSync(cwd).sort()).toEqual(["t1", "t2"]);
  });

  it("--force into a folder holding a file where the project needs a folder", () => {
    const cwd = fs.mkdtempSync(path.join(root, "collide-"));
    fs.mkdirSync(path.join(cwd, "p"));
    fs.writeFileSync(path.join(cwd, "p", "pq"), "mine");
    const result = runCli(["p", ...T, "-n", "Pq", "--force"], cwd);
    expect(result.stderr).toContain(
      "[directory]: pq exists as a file, but pq/__init__.py needs it to be a folder",
    );
    expect(result.status).toBe(2);
    expect(listTree(path.join(cwd, "p"))).toEqual(["pq"]);
    expect(fs.readFileSync(path.join(cwd, "p", "pq"), "utf8")).toBe("mine");
  });
});

describe("the first commit runs no hook", () => {
  it("ignores hooks and fsmonitor from the machine's git configuration", () => {
    const cwd = fs.mkdtempSync(path.join(root, "hooks-"));
    const hooks = path.join(cwd, "hooks");
    fs.mkdirSync(hooks);
    for (const hook of ["pre-commit", "post-commit", "post-index-change"]) {
      fs.writeFileSync(path.join(hooks, hook), `#!/bin/sh\ntouch "${cwd}/ran-${hook}"\n`, { mode: 0o755 });
    }
    const config = path.join(cwd, "gitconfig");
    fs.writeFileSync(
      config,
      `[core]\n\thooksPath = ${hooks}\n\tfsmonitor = ${hooks}/post-commit\n[user]\n\tname = T\n\temail = t@example.com\n`,
    );
    const result = run(
      process.execPath,
      [path.resolve("bin/create-sps-plugin.cjs"), "p", ...T.filter((a) => a !== "--no-git")],
      {
        cwd,
        env: { ...process.env, GIT_CONFIG_GLOBAL: config },
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(run("git", ["log", "--oneline"], { cwd: path.join(cwd, "p") }).stdout).toContain(
      "Initial commit from create-sps-plugin",
    );
    expect(fs.readdirSync(cwd).filter((f) => f.startsWith("ran-"))).toEqual([]);
  });
});
