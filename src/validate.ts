/**
 * Pure validators shared by flags and prompts. Each returns an error message (without the
 * flag name, which the caller prepends) or undefined when the value is fine.
 */
import { PYTHON_KEYWORDS, PYTHON_STDLIB_MODULES } from "./python-names.js";
import { PLUGIN_TYPE_KEYS } from "./plugin-types.js";
import { SPS_RELEASE_KEYS } from "./sps-releases.js";

/** SPS's MANIFEST rule for `name` (its validator's regex), so at least two characters. */
export const SPS_NAME_RE = /^[a-zA-Z][a-zA-Z0-9_]+$/;
/** SPS's MANIFEST rule for `author_email`. */
export const SPS_EMAIL_RE = /^[-+_.a-zA-Z0-9]+@[-_a-zA-Z0-9]+(\.[-_a-zA-Z0-9]+)*$/;
/** Keeps `PLUGIN_NAME = "…"` lines within the generated project's 100-column limit. */
export const MAX_NAME_LENGTH = 64;
const MAX_TEXT_LENGTH = 300;
// Names the generated project already uses at its top level, or that pytest imports.
const RESERVED_PACKAGES = new Set(["main", "tests", "test", "sps_dev", "conftest", "dist"]);
// Control characters other than tab and newline have no meaning in a MANIFEST or a README.
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// A lone UTF-16 surrogate cannot be written as UTF-8: the file would say something else.
const LONE_SURROGATE_RE = /[\ud800-\udfff]/u;

type Check = string | undefined;

/**
 * snake_case of a plugin name, used for the Python package.
 * @example toSnakeCase("HTTPVault") === "http_vault"
 */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/_+/g, "_")
    .toLowerCase();
}

/**
 * A MANIFEST name derived from a directory's last segment: runs of other characters become `_`,
 * and a name that would not start with a letter gets a `plugin_` prefix.
 * @example nameFromDirectory("../plugins/acme-vault") === "acme_vault"
 */
export function nameFromDirectory(directory: string): string {
  const base = directory.split(/[\\/]/).filter(Boolean).pop() ?? "";
  const cleaned = base.replace(/[^a-zA-Z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (cleaned === "") return "sps_plugin";
  const named = /^[a-zA-Z]/.test(cleaned) ? cleaned : `plugin_${cleaned}`;
  return named.length >= 2 ? named.slice(0, MAX_NAME_LENGTH) : `${named}_plugin`;
}

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
  if (PYTHON_STDLIB_MODULES.has(pkg) || RESERVED_PACKAGES.has(pkg)) {
    return `gives the Python package "${pkg}", which would shadow a module of the same name; e.g. ${name}Plugin`;
  }
  return undefined;
}

export function checkText(text: string, { required }: { required: boolean }): Check {
  if (required && text.trim() === "") return "must not be empty";
  if (text.length > MAX_TEXT_LENGTH) return `must be at most ${MAX_TEXT_LENGTH} characters`;
  if (CONTROL_RE.test(text)) return "must not contain control characters";
  if (LONE_SURROGATE_RE.test(text)) return "must be valid Unicode text (it has a lone surrogate)";
  return undefined;
}

export function checkEmail(email: string): Check {
  if (email === "" || SPS_EMAIL_RE.test(email)) return undefined;
  return "must be an address SPS accepts, e.g. jane.doe@example.com";
}

export function checkType(type: string): Check {
  if ((PLUGIN_TYPE_KEYS as string[]).includes(type)) return undefined;
  return `must be one of ${PLUGIN_TYPE_KEYS.join(", ")}`;
}

export function checkSps(release: string): Check {
  if ((SPS_RELEASE_KEYS as string[]).includes(release)) return undefined;
  return `must be one of ${SPS_RELEASE_KEYS.join(", ")} (the oldest SPS release the plugin supports)`;
}

export function checkDirectory(directory: string): Check {
  if (directory.trim() === "") return "must not be empty";
  if (directory.includes("\0")) return "must not contain a NUL character";
  return undefined;
}
