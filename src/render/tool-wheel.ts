/**
 * sps_dev's wheel, which every project carries in tools/ (unless it pins the published
 * package): where it lands, its version and SHA-256 (fixed when the bundle was built), and how
 * a project gets it. Facts only, so that the template context and the record load no reader;
 * reading the wheel itself is read-tool-wheel.ts.
 */
import { toolWheel } from "virtual:sps-templates";

/** The folder of a project that holds the wheel (never ignored by the project's .gitignore). */
export const TOOL_DIR = "tools";
export const TOOL_WHEEL_PATH = `${TOOL_DIR}/${toolWheel.file}`;
export const TOOL_WHEEL_SHA256 = toolWheel.sha256;

/** How a project gets sps_dev: the wheel in tools/ (the default) or the published package. */
export interface ToolChoice {
  carryWheel: boolean;
  legacyTool: boolean;
}
export const DEFAULT_TOOL_CHOICE: ToolChoice = { carryWheel: true, legacyTool: false };

/** sps_dev's version, from its wheel's name (sps_plugin_dev-<version>-py3-none-any.whl). */
export const TOOL_VERSION = toolWheel.file.split("-")[1] ?? "";
