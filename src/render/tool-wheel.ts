/**
 * sps_dev's wheel, which every project carries in tools/ (unless it pins the published
 * package). It ships next to the bundle; its SHA-256 was fixed when the bundle was built, so a
 * wheel changed since (in node_modules, in a cache) is refused instead of copied into projects.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { toolWheel } from "virtual:sps-templates";
import { CliError } from "../core/errors.js";
import { Bytes } from "../core/files.js";

/** The folder of a project that holds the wheel (never ignored by the project's .gitignore). */
export const TOOL_DIR = "tools";
export const TOOL_WHEEL_PATH = `${TOOL_DIR}/${toolWheel.file}`;
export const TOOL_WHEEL_SHA256 = toolWheel.sha256;

let read: Bytes | undefined;

export function toolWheelContents(): Bytes {
  if (read) return read;
  const file = path.join(toolWheel.dir, toolWheel.file);
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (error) {
    throw new CliError(
      `sps_dev's wheel is missing from this installation (${file}: ${(error as Error).message}); reinstall create-sps-plugin`,
    );
  }
  const sha256 = crypto.createHash("sha256").update(data).digest("hex");
  if (sha256 !== toolWheel.sha256) {
    throw new CliError(
      `sps_dev's wheel (${file}) is not the one this version was built with (SHA-256 ${sha256}, expected ${toolWheel.sha256}); reinstall create-sps-plugin`,
    );
  }
  read = new Bytes(new Uint8Array(data), false);
  return read;
}

/** How a project gets sps_dev: the wheel in tools/ (the default) or the published package. */
export interface ToolChoice {
  carryWheel: boolean;
  legacyTool: boolean;
}
export const DEFAULT_TOOL_CHOICE: ToolChoice = { carryWheel: true, legacyTool: false };

/** sps_dev's version, from its wheel's name (sps_plugin_dev-<version>-py3-none-any.whl). */
export const TOOL_VERSION = toolWheel.file.split("-")[1] ?? "";
