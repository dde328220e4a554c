/**
 * How every template is compiled, at build time (built-in templates) and at run time
 * (organisation templates):
 * - noEscape: Handlebars' default HTML-escaping would turn ' into &#x27; in Python and YAML;
 * - strict: a misspelt variable is an error, never an empty string in a generated file;
 * - knownHelpersOnly: templates may use only the quoting helpers and the built-in blocks,
 *   which also lets Handlebars call them directly instead of looking each one up.
 */
export const COMPILE_OPTIONS = {
  noEscape: true,
  strict: true,
  data: false,
  knownHelpersOnly: true,
  knownHelpers: { py: true, yaml: true, ini: true, iniComment: true, md: true },
} as const;
