/** Free text with every character that a template engine, YAML, Python or Markdown could misread. */
export const HOSTILE = `Tom's <"vault"> & co {{x}} """ \\ \`tick\` # [link](x) *`;
