/**
 * `.sps-plugin.json`, the record of what a project was generated from, so it can be
 * regenerated exactly and updated later: its name, its fields and their order, and per file
 * the git blob id of what the generator wrote (the id git gives the file, so `update` finds
 * the old generation in the project's own repository). Part of the leaf core: it imports
 * nothing else from src/, so the record's shape is generic over the answers and the adoption
 * facts it carries (render/answers-file.ts fills it in; update/read-answers-file.ts reads one
 * back, with every check a record from anyone's repository must pass).
 */
import crypto from "node:crypto";
import type { Contents, FileMap } from "./files.js";

export const ANSWERS_FILE = ".sps-plugin.json";

/** The most files a record may list: a project is dozens; an organisation template at most
 * its own limit (1000) more. */
export const MAX_RECORDED_FILES = 5000;

/** How the project gets sps_dev: its wheel in tools/, or the published package by a pin. */
export interface ToolRecord {
  source: "wheel" | "index";
  version: string;
  /** SHA-256 of the wheel this version carries (also when the project pins the package). */
  sha256: string;
}

/** Everything needed to render a project again, and what was rendered, in the file's order. */
export interface GenerationRecord<Answers, Adopted> {
  generator: "create-sps-plugin";
  version: string;
  /** The answers, all but the project's folder. */
  answers: Answers;
  /** The organisation template folder, when one was used (absolute). */
  template?: string;
  /** Project-relative path -> git blob id of the generated content. */
  files: Record<string, string>;
  tool?: ToolRecord;
  /** Set by `adopt`: what it inferred of a plugin it did not generate. */
  adopted?: Adopted;
}

/** The id git gives a file with these contents (SHA-1 of "blob <size>\0<contents>"). */
export function gitBlobId(contents: Contents): string {
  const body = typeof contents === "string" ? Buffer.from(contents, "utf8") : Buffer.from(contents.data);
  return crypto.createHash("sha1").update(`blob ${body.length}\0`).update(body).digest("hex");
}

/** The record's text for the generated `files`: two-space JSON, fields in the order above. */
export function recordText<Answers, Adopted>(
  {
    version,
    answers,
    template,
    tool,
    adopted,
  }: Omit<GenerationRecord<Answers, Adopted>, "generator" | "files">,
  files: FileMap,
): string {
  const record: GenerationRecord<Answers, Adopted> = {
    generator: "create-sps-plugin",
    version,
    answers,
    ...(template ? { template } : {}),
    files: Object.fromEntries([...files].map(([file, contents]) => [file, gitBlobId(contents)])),
    ...(tool && { tool }),
    ...(adopted !== undefined && { adopted }),
  };
  return `${JSON.stringify(record, null, 2)}\n`;
}
