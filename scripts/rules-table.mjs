/**
 * Rewrites the rule table in python/README.md from the registry (sps-dev rules --markdown,
 * run from the sources). python/tests/test_rules.py fails while the two differ.
 *
 * Usage: node scripts/rules-table.mjs
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const table = execFileSync(process.env.PYTHON ?? "python3", ["-m", "sps_dev", "rules", "--markdown"], {
  cwd: root,
  env: { ...process.env, PYTHONPATH: path.join(root, "python", "src") },
  encoding: "utf8",
}).trim();
const readme = path.join(root, "python", "README.md");
const text = fs.readFileSync(readme, "utf8");
const marked = /(<!-- rules:begin[^>]*-->\n)[\s\S]*?(<!-- rules:end -->)/;
if (!marked.test(text)) throw new Error("python/README.md has no rules:begin/end markers");
fs.writeFileSync(
  readme,
  text.replace(marked, (_, begin, end) => `${begin}${table}\n${end}`),
);
