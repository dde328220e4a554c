/**
 * Pure validators shared by flags and prompts. Each returns an error message (without the
 * flag name, which the caller prepends) or undefined when the value is fine.
 */
import { PROJECT_MODULES, PYTHON_KEYWORDS, PYTHON_STDLIB_MODULES } from "./python-names.js";
import { CONTRACT, fullMatch } from "./contract.js";
import { PLUGIN_TYPE_KEYS } from "./plugin-types.js";
import { SPS_RELEASE_KEYS } from "./sps-releases.js";
import { STARTER_KEYS } from "./starters.js";
import { MAX_NAME_LENGTH, toSnakeCase } from "./names.js";
import type { ValueOption } from "./options.js";

/** SPS's MANIFEST rule for `name` (its validator's regex, from the contract): 2+ characters. */
export const SPS_NAME_RE = fullMatch(CONTRACT.manifest.name);
/** SPS's MANIFEST rule for `author_email`. */
export const SPS_EMAIL_RE = fullMatch(CONTRACT.manifest.author_email);
const MAX_TEXT_LENGTH = 300;
// Control characters other than tab and newline have no meaning in a MANIFEST or a README.
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// Bidirectional controls reorder how text is shown, so source could read other than it runs.
const BIDI_RE = /[\u202a-\u202e\u2066-\u2069]/;
// A comment line Python reads as the file's encoding (PEP 263) in a header's first lines.
const ENCODING_DECLARATION_RE = /coding[:=][ \t]*[-\w.]+/;
const MAX_HEADER_LINE = 96;
// A lone UTF-16 surrogate cannot be written as UTF-8: the file would say something else.
const LONE_SURROGATE_RE = /[\ud800-\udfff]/u;

type Check = string | undefined;

export function checkName(name: string): Check {
  if (!SPS_NAME_RE.test(name)) {
    return "must start with a letter and have only letters, digits and _ (SPS's MANIFEST rule), at least 2 characters, e.g. AcmeVault";
  }
  if (name.length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters`;
  const pkg = toSnakeCase(name);
  if (pkg.length > MAX_NAME_LENGTH) {
    return `gives the Python package "${pkg}", longer than ${MAX_NAME_LENGTH} characters; use fewer capitals or a shorter name`;
  }
  if (PYTHON_KEYWORDS.has(pkg))
    return `gives the Python package "${pkg}", a Python keyword; e.g. ${name}Plugin`;
  if (PYTHON_STDLIB_MODULES.has(pkg) || PROJECT_MODULES.has(pkg)) {
    return `gives the Python package "${pkg}", which would shadow a module of the same name; e.g. ${name}Plugin`;
  }
  return undefined;
}

export function checkText(text: string, { required }: { required: boolean }): Check {
  if (required && text.trim() === "") return "must not be empty";
  if (text.length > MAX_TEXT_LENGTH) return `must be at most ${MAX_TEXT_LENGTH} characters`;
  if (CONTROL_RE.test(text)) return "must not contain control characters";
  if (BIDI_RE.test(text))
    return "must not contain bidirectional control characters (U+202A-U+202E, U+2066-U+2069)";
  if (LONE_SURROGATE_RE.test(text)) return "must be valid Unicode text (it has a lone surrogate)";
  return undefined;
}

/** SPS's own rule for a MANIFEST name, for plugins this tool did not name (adopt). */
export function checkSpsName(name: string): Check {
  return SPS_NAME_RE.test(name)
    ? undefined
    : "must start with a letter, then letters, digits or _ (SPS's MANIFEST rule)";
}

/**
 * An organisation licence header: it becomes `# ` comment lines at the top of every Python
 * file, so no line may read as an encoding declaration (Python would decode the file with it).
 */
export function checkLicenseHeader(value: string): Check {
  const lines = value.split("\n");
  if (lines.some((line) => line.length > MAX_HEADER_LINE)) {
    return `lines must be at most ${MAX_HEADER_LINE} characters (they become Python comments)`;
  }
  if (lines.some((line) => ENCODING_DECLARATION_RE.test(line))) {
    return 'must have no line like "coding: <name>" (Python would read it as the file\'s encoding declaration)';
  }
  return checkText(value, { required: true });
}

export function checkEmail(email: string): Check {
  if (email === "" || SPS_EMAIL_RE.test(email)) return undefined;
  return "must be an address SPS accepts, e.g. jane.doe@example.com";
}

export function checkType(type: string): Check {
  if ((PLUGIN_TYPE_KEYS as string[]).includes(type)) return undefined;
  return `must be one of ${PLUGIN_TYPE_KEYS.join(", ")}`;
}

export function checkStarter(starter: string): Check {
  if ((STARTER_KEYS as string[]).includes(starter)) return undefined;
  return `must be one of ${STARTER_KEYS.join(", ")}`;
}

export function checkSps(release: string): Check {
  if ((SPS_RELEASE_KEYS as string[]).includes(release)) return undefined;
  return `must be one of ${SPS_RELEASE_KEYS.join(", ")} (the oldest SPS release the plugin supports)`;
}

export function checkDirectory(directory: string): Check {
  if (directory.trim() === "") return "must not be empty";
  if (directory.includes("\0")) return "must not contain a NUL character";
  if (directory === "-") return 'must not be "-", which many tools read as standard input';
  if (/[\n\t]/.test(directory) || CONTROL_RE.test(directory) || BIDI_RE.test(directory)) {
    return "must not contain control characters";
  }
  return undefined;
}

/**
 * The rule each recorded answer of `.sps-plugin.json` is held to again (the flags' rules),
 * in the options' order; the directory is not recorded.
 */
export const RECORDED_ANSWER_CHECKS = {
  type: checkType,
  starter: checkStarter,
  name: checkName,
  description: (value: string): Check => checkText(value, { required: true }),
  author: (value: string): Check => checkText(value, { required: false }),
  email: checkEmail,
  sps: checkSps,
} as const;

/**
 * The rule for each answer, by the option table's key, whether it comes from a flag, a prompt,
 * a preset, node-plop or a record: one table, so no way in can skip a rule. Kept here and not
 * in the option table so that the table (flags, prompts, help) loads no validator.
 */
export const ANSWER_CHECKS: Readonly<Record<ValueOption["key"], (value: string) => Check>> = {
  directory: checkDirectory,
  ...RECORDED_ANSWER_CHECKS,
};
