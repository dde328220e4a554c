/**
 * `update` reads `.sps-plugin.json`, which may come from anyone's repository: every recorded
 * answer meets the rules a flag meets, malformed records are refused, and an organisation
 * template is read only when the command line names it or it lies inside the project. Each
 * refusal: exit 2, the field and the rule, nothing written.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listTree, run, runCli, tempDir, BIN } from "../helpers/run.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

type Record = { answers: { [key: string]: unknown }; files: unknown; template?: string };

function project(tamper: (record: Record, dir: string) => void): string {
  const dir = path.join(root, `p-${crypto.randomUUID().slice(0, 8)}`);
  expect(runCli([dir, "-t", "aa", "--yes", "--no-git"], root).status).toBe(0);
  const file = path.join(dir, ".sps-plugin.json");
  const record = JSON.parse(fs.readFileSync(file, "utf8")) as Record;
  tamper(record, dir);
  fs.writeFileSync(file, JSON.stringify(record));
  return dir;
}

function snapshot(dir: string): string {
  return listTree(dir)
    .map((f) => {
      const full = path.join(dir, f);
      return fs.statSync(full).isFile()
        ? `${f}:${crypto.createHash("sha1").update(fs.readFileSync(full)).digest("hex")}`
        : f;
    })
    .join("\n");
}

const update = (dir: string, ...args: string[]) =>
  run(process.execPath, [BIN, "update", dir, ...args], { stdio: ["ignore", "pipe", "pipe"] });

const set =
  (key: string, value: unknown) =>
  (record: Record): void => {
    record.answers[key] = value;
  };

describe("update refuses a tampered .sps-plugin.json", () => {
  it.each([
    [
      "code after a newline in the name",
      set("name", 'Acme\nimport os; os.system("id")'),
      "answers.name: must start with a letter",
    ],
    ["a name that climbs out", set("name", "../x"), "answers.name: must start with a letter"],
    [
      "bidi controls in the description",
      set("description", "ok\u202eevil"),
      "answers.description: must not contain bidirectional control characters",
    ],
    [
      "a newline in the email",
      set("email", "a@b.c\nkey: value"),
      "answers.email: must be an address SPS accepts",
    ],
    [
      "an encoding declaration in the licence header",
      set("licenseHeader", "Copyright\n-*- coding: latin-1 -*-"),
      'answers.licenseHeader: must have no line like "coding: <name>"',
    ],
    ["a type that is no plugin type", set("type", "vault"), "does not hold what create-sps-plugin writes"],
    [
      "a starter that is none",
      set("starter", "../../etc"),
      "answers.starter: must be one of example, minimal",
    ],
    ["files: null", (r: Record) => void (r.files = null), "does not hold what create-sps-plugin writes"],
    [
      "a file path that climbs out",
      (r: Record) => void (r.files = { "../outside.py": "0".repeat(40) }),
      "does not hold what create-sps-plugin writes",
    ],
    [
      "answers: null",
      (r: Record) => void ((r as { answers: unknown }).answers = null),
      "does not hold what create-sps-plugin writes",
    ],
  ])("%s", (_, tamper, message) => {
    const dir = project(tamper);
    const before = snapshot(dir);
    const result = update(dir);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.status).toBe(2);
    expect(snapshot(dir)).toBe(before);
  });
});

describe("a project generated before the choice of starter", () => {
  it("records no starter, and updates as the worked example it is", () => {
    const dir = project((record) => {
      delete record.answers.starter;
    });
    const before = snapshot(dir);
    const result = update(dir, "--dry-run");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    // Its files are the example's as the current templates render them: only the answers
    // file changes, to record the starter.
    const changes = result.stdout.split("\n").filter((line) => /^[A-Z]+ /.test(line));
    expect(changes).toEqual(["UPDATE .sps-plugin.json"]);
    expect(snapshot(dir)).toBe(before);
  });
});

describe("update reads an organisation template only when it may", () => {
  it("refuses a recorded template outside the project, naming the flag to pass", () => {
    const secrets = path.join(root, "not-a-template");
    fs.mkdirSync(secrets);
    fs.writeFileSync(path.join(secrets, "id_rsa"), "PRIVATE KEY\n");
    const dir = project((record) => {
      record.template = secrets;
    });
    const before = snapshot(dir);
    const result = update(dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "outside the project; update reads a template only when you name it: pass --template <dir>",
    );
    expect(snapshot(dir)).toBe(before);
    expect(fs.existsSync(path.join(dir, "id_rsa"))).toBe(false);
  });

  it("uses a recorded template that lies inside the project, and one named with --template", () => {
    const inside = project((record, dir) => {
      fs.mkdirSync(path.join(dir, "org"));
      fs.writeFileSync(path.join(dir, "org", "NOTICE.md.hbs"), "Owned by {{name}}\n");
      record.template = path.join(dir, "org");
    });
    const result = update(inside);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("ADD NOTICE.md");
    const outside = path.join(root, "org-outside");
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, "TEAM.md"), "team\n");
    const named = project((record) => {
      record.template = outside;
    });
    const withFlag = update(named, "--template", outside);
    expect(withFlag.stderr).toBe("");
    expect(withFlag.stdout).toContain("ADD TEAM.md");
  });
});
