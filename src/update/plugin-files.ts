/**
 * What a plugin's MANIFEST and Pipfile say, read line by line the way adopt needs them, and
 * where SPS's YAML (PyYAML, YAML 1.1) would read the MANIFEST otherwise than these lines look.
 */

// What PyYAML reads as a boolean or null.
const YAML_NOT_A_STRING = /^(?:yes|no|true|false|on|off|null|~|)$/i;

/** Each top-level `key: value` line of a MANIFEST: its key and its raw value, comment removed. */
function* topLevel(text: string): Generator<{ key: string; raw: string }> {
  for (const line of text.split(/\r?\n/)) {
    if (/^[\s#]/.test(line) || !line.includes(":")) continue;
    const at = line.indexOf(":");
    yield {
      key: line.slice(0, at).trim(),
      raw:
        line
          .slice(at + 1)
          .split(" #")[0]
          ?.trim() ?? "",
    };
  }
}

/**
 * Why SPS's YAML would read the MANIFEST otherwise than adopt's line reader does, or
 * undefined: more than one document, a field given twice, or a field SPS needs as text that
 * YAML reads as something else (name: Yes is a boolean, version: 1.10 a number 1.1).
 */
export function manifestAmbiguity(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const marker = lines.findIndex(
    (line, index) => /^(---|\.\.\.)(\s|$)/.test(line) && lines.slice(0, index).some((l) => /^[^\s#]/.test(l)),
  );
  if (marker >= 0) return `line ${marker + 1} starts another YAML document`;
  const seen = new Set<string>();
  for (const { key, raw } of topLevel(text)) {
    if (seen.has(key)) return `${key} is given twice`;
    seen.add(key);
    if (!["name", "type", "entry_point", "version", "api"].includes(key) || /^["']/.test(raw)) continue;
    if (YAML_NOT_A_STRING.test(raw))
      return `${key}: ${raw} is read by YAML as ${raw === "" || raw === "~" || /^null$/i.test(raw) ? "null" : "a boolean"}, not text; quote it`;
    if (/^[&*!|>{[@`%]/.test(raw)) return `${key}: ${raw} starts with a YAML indicator; quote it`;
    // A float whose text Python would print otherwise: api: 1.10 is 1.1 to SPS.
    if (/^\d+\.\d+$/.test(raw)) {
      const value = Number(raw);
      const shown = Number.isInteger(value) ? value.toFixed(1) : String(value);
      if (shown !== raw) return `${key}: ${raw} is read by YAML as the number ${shown}; quote it`;
    }
  }
  return undefined;
}

/** Top-level `key: value` lines of a MANIFEST, quotes and comments removed. */
export function manifestFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { key, raw } of topLevel(text)) fields[key] = raw.replace(/^(["'])(.*)\1$/, "$2");
  return fields;
}

/** The lines of one `[section]` of a Pipfile (TOML), comments and blank lines left out. */
export function pipfileSection(text: string, section: string): string[] {
  const lines: string[] = [];
  let current = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) current = header[1] ?? "";
    else if (current === section && line && !line.startsWith("#")) lines.push(line);
  }
  return lines;
}
