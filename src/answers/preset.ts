/**
 * Organisation presets (--preset FILE): a JSON object of defaults, so that a team's command
 * line is just a name. Precedence: flags > preset > built-in defaults.
 *
 * @example {"type": "aa", "author": "Platform Team", "email": "platform@example.com",
 *           "sps": "8.0", "licenseHeader": "Copyright Example Corp.", "template": "./org"}
 */
import path from "node:path";
import { readBounded } from "../core/read-bounded.js";
import { usageError } from "../core/errors.js";
import { VALUE_OPTIONS } from "./options.js";
import { ANSWER_CHECKS, checkLicenseHeader } from "./validate.js";

export interface Preset {
  /** Answers, by option key (type, name, description, author, email, sps). */
  values: Record<string, string>;
  licenseHeader?: string;
  /** Organisation template folder, resolved against the preset file's folder. */
  template?: string;
}

const PRESETTABLE = VALUE_OPTIONS.filter((o) => o.key !== "directory" && o.key !== "name");

export function loadPreset(file: string): Preset {
  let data: unknown;
  // A preset is a few hundred bytes of JSON: a device, a FIFO or a huge file is refused unread.
  const read = readBounded(file, 64 * 1024);
  if ("problem" in read)
    throw usageError(
      `--preset: cannot read ${file}: ${read.problem}${read.detail ? ` (${read.detail})` : ""}`,
    );
  try {
    data = JSON.parse(read.text);
  } catch (error) {
    throw usageError(`--preset: cannot read ${file}: ${(error as Error).message}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw usageError(`--preset: ${file} must hold a JSON object`);
  }
  const known = new Set([...PRESETTABLE.map((o) => o.key as string), "licenseHeader", "template"]);
  const preset: Preset = { values: {} };
  for (const [key, value] of Object.entries(data)) {
    if (!known.has(key))
      throw usageError(`--preset: ${file}: unknown key "${key}"; known: ${[...known].join(", ")}`);
    if (typeof value !== "string") throw usageError(`--preset: ${file}: "${key}" must be a string`);
    const option = PRESETTABLE.find((o) => o.key === key);
    const problem = option ? ANSWER_CHECKS[option.key](value) : checkHeader(key, value);
    if (problem) throw usageError(`--preset: ${file}: "${key}" ${problem}`);
    if (option) preset.values[key] = value;
  }
  const record = data as Record<string, string>;
  if (record.licenseHeader) preset.licenseHeader = record.licenseHeader;
  if (record.template) preset.template = path.resolve(path.dirname(file), record.template);
  return preset;
}

function checkHeader(key: string, value: string): string | undefined {
  return key === "licenseHeader" ? checkLicenseHeader(value) : undefined;
}
