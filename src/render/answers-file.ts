/**
 * `.sps-plugin.json`: what a project was generated from, so it can be regenerated exactly and
 * updated later. Per file it records the git blob id of what the generator wrote: the same id
 * git gives the file, so `update` finds the old generation in the project's own repository.
 */
import crypto from "node:crypto";
import path from "node:path";
import type { Adopted } from "../update/adoption.js";
import type { Answers } from "../answers/answers.js";
import { DEFAULT_TOOL_CHOICE, TOOL_VERSION, type ToolChoice } from "./tool-wheel.js";
import { TOOL_WHEEL_SHA256 } from "./tool-wheel.js";
import { usageError } from "../core/errors.js";
import { RECORDED_ANSWER_CHECKS } from "../answers/validate.js";
import { PLUGIN_TYPE_KEYS } from "../answers/plugin-types.js";
import { dataOf, type Contents, type FileMap } from "../core/files.js";
import { KNOWN_RELEASE_KEYS, SPS_RELEASE_KEYS } from "../answers/sps-releases.js";
import { pathProblem } from "../core/paths.js";
import { readBounded } from "../core/read-bounded.js";

/** The most files a record may list: a project is dozens; an organisation template at most
 * its own limit (1000) more. */
export const MAX_RECORDED_FILES = 5000;
import { DEFAULT_STARTER } from "../answers/starters.js";
import { checkLicenseHeader, checkSpsName } from "../answers/validate.js";

export const ANSWERS_FILE = ".sps-plugin.json";

/** Everything needed to render a project again, and what was rendered. */
export interface AnswersFile {
  generator: "create-sps-plugin";
  version: string;
  answers: Omit<Answers, "directory">;
  /** The organisation template folder, when one was used (absolute). */
  template?: string;
  /** Project-relative path -> git blob id of the generated content. */
  files: Record<string, string>;
  /** Set by `adopt`: what it inferred of a plugin it did not generate. */
  adopted?: Adopted;
  /** How the project gets sps_dev: its wheel in tools/, or the published package by a pin. */
  tool?: ToolRecord;
}

export interface ToolRecord {
  source: "wheel" | "index";
  version: string;
  /** SHA-256 of the wheel this version carries (also when the project pins the package). */
  sha256: string;
}

function isToolRecord(value: unknown): value is ToolRecord {
  const t = value as ToolRecord;
  return (
    typeof t === "object" &&
    t !== null &&
    (t.source === "wheel" || t.source === "index") &&
    typeof t.version === "string" &&
    /^[0-9a-z.+-]{1,40}$/i.test(t.version) &&
    typeof t.sha256 === "string" &&
    /^[0-9a-f]{64}$/.test(t.sha256)
  );
}

/** Project-relative paths that stay inside the project, each with a git blob id. */
function isFileTable(value: unknown): value is Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  // Bounded: update reads, merges and plans each listed file.
  return (
    entries.length <= MAX_RECORDED_FILES &&
    entries.every(
      ([file, id]) => typeof id === "string" && /^[0-9a-f]{40}$/.test(id) && pathProblem(file) === undefined,
    )
  );
}

function isAdopted(value: unknown): value is Adopted {
  const a = value as Adopted;
  const texts = (list: unknown): boolean => Array.isArray(list) && list.every((v) => typeof v === "string");
  return (
    typeof a === "object" &&
    a !== null &&
    typeof a.python === "string" &&
    /^\d+\.\d+$/.test(a.python) &&
    typeof a.sdk === "string" &&
    typeof a.pipfile === "boolean" &&
    texts(a.requirements) &&
    // adopt records only these two; anything else would reach a CI command line.
    a.requirements.every((file) => file === "requirements.txt" || file === "requirements-dev.txt") &&
    texts(a.tests) &&
    (a.claims === undefined || (texts(a.claims) && a.claims.every((c) => KNOWN_RELEASE_KEYS.includes(c))))
  );
}

/** The id git gives a file with these contents (SHA-1 of "blob <size>\0<contents>"). */
export function gitBlobId(contents: Contents): string {
  const body = typeof contents === "string" ? Buffer.from(contents, "utf8") : Buffer.from(dataOf(contents));
  return crypto.createHash("sha1").update(`blob ${body.length}\0`).update(body).digest("hex");
}

export function answersFileContent(
  answers: Answers,
  version: string,
  files: FileMap,
  template: string | undefined,
  tool: ToolChoice = DEFAULT_TOOL_CHOICE,
): string {
  const { directory: _directory, ...kept } = answers;
  const record: AnswersFile = {
    generator: "create-sps-plugin",
    version,
    answers: kept,
    ...(template && { template }),
    files: Object.fromEntries([...files].map(([file, contents]) => [file, gitBlobId(contents)])),
    tool: { source: tool.carryWheel ? "wheel" : "index", version: TOOL_VERSION, sha256: TOOL_WHEEL_SHA256 },
  };
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Reads and checks a project's answers file; a missing or damaged one is a usage error. */
export function readAnswersFile(projectDir: string): AnswersFile {
  const file = path.join(projectDir, ANSWERS_FILE);
  let record: AnswersFile;
  // Inside the project, so from anyone's repository: a link is never followed, and a record
  // that is not a plain file of at most 4 MiB is refused unread.
  const read = readBounded(file, 4 * 1024 * 1024, false);
  if ("problem" in read) {
    throw usageError(
      read.problem === "missing"
        ? `[directory]: ${projectDir} has no ${ANSWERS_FILE}: it was not generated by create-sps-plugin`
        : `[directory]: ${ANSWERS_FILE} cannot be read: ${read.problem}${read.detail ? ` (${read.detail})` : ""}`,
    );
  }
  try {
    record = JSON.parse(read.text) as AnswersFile;
  } catch (error) {
    throw usageError(`[directory]: ${ANSWERS_FILE} is not valid JSON: ${(error as Error).message}`);
  }
  const a = record?.answers;
  const valid =
    record?.generator === "create-sps-plugin" &&
    typeof record.version === "string" &&
    isFileTable(record.files) &&
    a !== undefined &&
    a !== null &&
    (PLUGIN_TYPE_KEYS as string[]).includes(a.type) &&
    // adopt records the plugin's own oldest line, which may be one a new project cannot pick.
    (record.adopted === undefined ? SPS_RELEASE_KEYS : KNOWN_RELEASE_KEYS).includes(a.sps) &&
    ["name", "description", "author", "email"].every((k) => typeof a[k as keyof typeof a] === "string") &&
    (a.licenseHeader === undefined || typeof a.licenseHeader === "string") &&
    (record.template === undefined || typeof record.template === "string") &&
    (record.adopted === undefined || isAdopted(record.adopted)) &&
    (record.tool === undefined || isToolRecord(record.tool));
  if (!valid) throw usageError(`[directory]: ${ANSWERS_FILE} does not hold what create-sps-plugin writes`);
  // Projects generated before the choice of starter existed were the worked example.
  a.starter ??= DEFAULT_STARTER;
  // The file may come from anyone's repository: every answer meets the rules a flag must meet
  // before any of it reaches a template (a newline in a name would write code into main.py).
  for (const [key, check] of Object.entries(RECORDED_ANSWER_CHECKS)) {
    const option = { key: key as keyof typeof RECORDED_ANSWER_CHECKS, check };
    const value = a[option.key];
    // An adopted plugin keeps its own name and its own oldest release (SPS 6 ones included),
    // which the record's shape check above already held to SPS's name rule and the contract.
    if (record.adopted && option.key === "sps") continue;
    const problem = record.adopted && option.key === "name" ? checkSpsName(value) : option.check(value);
    if (problem) {
      throw usageError(
        `[directory]: ${ANSWERS_FILE} answers.${option.key}: ${problem}; it was edited or damaged: restore it from git`,
      );
    }
  }
  const header = a.licenseHeader === undefined ? undefined : checkLicenseHeader(a.licenseHeader);
  if (header) {
    throw usageError(
      `[directory]: ${ANSWERS_FILE} answers.licenseHeader: ${header}; it was edited or damaged: restore it from git`,
    );
  }
  return record;
}
