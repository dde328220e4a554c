/**
 * How names follow from one another: the Python package from the plugin name, a plugin name
 * from the project's folder. Pure and a leaf: the option table (a default), the template
 * context (the package) and the validators all use it, without loading one another.
 */

/** Keeps `PLUGIN_NAME = "…"` lines within the generated project's 100-column limit. */
export const MAX_NAME_LENGTH = 64;

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
