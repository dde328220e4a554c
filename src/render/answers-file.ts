/**
 * The record (`.sps-plugin.json`, core/record.ts) of a project this version generates or
 * adopts: its answers, the organisation template, how it gets sps_dev, and for an adopted
 * plugin what adopt inferred.
 */
import type { Adopted } from "../update/adoption.js";
import type { Answers } from "../answers/answers.js";
import { DEFAULT_TOOL_CHOICE, TOOL_VERSION, TOOL_WHEEL_SHA256, type ToolChoice } from "./tool-wheel.js";
import type { FileMap } from "../core/files.js";
import { recordText, type GenerationRecord } from "../core/record.js";

/** A record as this version reads and writes it. */
export type AnswersFile = GenerationRecord<Omit<Answers, "directory">, Adopted>;

export function answersFileContent(
  answers: Answers,
  version: string,
  files: FileMap,
  template: string | undefined,
  tool: ToolChoice = DEFAULT_TOOL_CHOICE,
  adopted?: Adopted,
): string {
  const { directory: _directory, ...kept } = answers;
  return recordText<Omit<Answers, "directory">, Adopted>(
    {
      version,
      answers: kept,
      template,
      tool: { source: tool.carryWheel ? "wheel" : "index", version: TOOL_VERSION, sha256: TOOL_WHEEL_SHA256 },
      adopted,
    },
    files,
  );
}
