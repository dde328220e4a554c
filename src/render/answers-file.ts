/**
 * `.sps-plugin.json`: what a project was generated from, so it can be regenerated exactly and
 * updated later. Per file it records the git blob id of what the generator wrote: the same id
 * git gives the file, so `update` finds the old generation in the project's own repository.
 * Its format and how it is written; reading one back, with every check a record from anyone's
 * repository must pass, is update/read-answers-file.ts.
 */
import crypto from "node:crypto";
import type { Adopted } from "../update/adoption.js";
import type { Answers } from "../answers/answers.js";
import { DEFAULT_TOOL_CHOICE, TOOL_VERSION, TOOL_WHEEL_SHA256, type ToolChoice } from "./tool-wheel.js";
import { dataOf, type Contents, type FileMap } from "../core/files.js";

/** The most files a record may list: a project is dozens; an organisation template at most
 * its own limit (1000) more. */
export const MAX_RECORDED_FILES = 5000;

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
