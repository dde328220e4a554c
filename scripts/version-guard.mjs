/**
 * The release's version guard: a tag v<version> releases only when package.json and the
 * Python package (python/src/sps_dev/version.py) both say <version>, so the npm package and
 * the wheel it carries are published as one version. Exit 1 with the reason otherwise.
 *
 * Usage: node scripts/version-guard.mjs <tag>      (e.g. v0.2.0; in CI: "$GITHUB_REF_NAME")
 */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const tag = process.argv[2] ?? "";
const npmVersion = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
const python = fs.readFileSync(path.join(root, "python", "src", "sps_dev", "version.py"), "utf8");
const pythonVersion = /^VERSION = "([^"]+)"$/m.exec(python)?.[1];

const problems = [];
if (!/^v\d+\.\d+\.\d+(?:[-.][0-9A-Za-z.]+)?$/.test(tag))
  problems.push(`tag ${JSON.stringify(tag)} is not v<version>`);
else if (tag.slice(1) !== npmVersion) problems.push(`tag ${tag} but package.json says ${npmVersion}`);
if (pythonVersion !== npmVersion)
  problems.push(`python/src/sps_dev/version.py says ${pythonVersion}, package.json ${npmVersion}`);
if (problems.length > 0) {
  console.error(`version guard: ${problems.join("; ")}`);
  process.exit(1);
}
console.log(`version guard: ${tag} = create-sps-plugin ${npmVersion} = sps-plugin-dev ${pythonVersion}`);
