/**
 * Quoting for each target format. Templates never print a free-text answer raw: each value
 * goes through the helper for the file it lands in, so `Tom's <"vault"> & co` stays verbatim
 * text and can never break out of a string, a scalar or a comment.
 */

/**
 * A Python string literal. Double quotes unless that needs more escapes than single quotes,
 * which is the choice `ruff format` makes, so generated files pass `ruff format --check`.
 * @example pyString(`it's`) === `"it's"`
 */
export function pyString(value: string): string {
  const doubles = (value.match(/"/g) ?? []).length;
  const singles = (value.match(/'/g) ?? []).length;
  // JSON's escapes (\" \\ \n \t \uXXXX …) are all valid Python escapes.
  const json = JSON.stringify(value);
  if (doubles <= singles) return json;
  const body = json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}

/**
 * A YAML double-quoted scalar. JSON strings are valid YAML 1.2; what JSON leaves raw but YAML
 * readers treat as a line break (NEL, LS, PS) or refuse as unprintable (DEL, C1 controls, BOM,
 * U+FFFE/U+FFFF; PyYAML, which SPS uses, is strict about these) is escaped too.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Text for `#` comment lines of an INI file (configparser): every line of the value gets its own
 * comment marker, so a newline in the value cannot start an option or a section.
 */
export function iniComment(value: string): string {
  return value
    .split(/\r\n|\r|\n/)
    .map((line) => `# ${line}`.trimEnd())
    .join("\n");
}

/**
 * An INI option value as configparser reads it back (no interpolation): continuation lines are
 * indented, and a value configparser would strip or misread is refused rather than altered.
 */
export function iniValue(value: string): string {
  const lines = value.split(/\r\n|\r|\n/);
  if (lines.some((line) => line !== line.trim() || line === "")) {
    throw new Error("an INI value cannot keep leading or trailing spaces, or blank lines");
  }
  return lines.join("\n    ");
}

/**
 * Inline Markdown text: whitespace runs (newlines included) fold to one space, as Markdown itself
 * would show them, and every character with Markdown or HTML meaning is backslash-escaped.
 */
export function markdownText(value: string): string {
  return (
    value
      .trim()
      .replace(/\s+/g, " ")
      .replace(/[\\`*_{}[\]()<>#+!|~&-]/g, (c) => `\\${c}`)
      // "1. text" at the start of a line would become an ordered list.
      .replace(/^(\d+)\./, "$1\\.")
  );
}

/** The helpers every template (built-in or an organisation's) may use, by the names they use. */
export const HELPERS = {
  py: pyString,
  yaml: yamlString,
  ini: iniValue,
  iniComment,
  md: markdownText,
} as const;
