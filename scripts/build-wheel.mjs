/**
 * Builds sps_dev's wheel (python/) into dist/, where the npm package ships it and generated
 * projects copy it from. hatchling, the build backend python/pyproject.toml names, is installed
 * once into .tools/wheel-build; the wheel is reproducible (a fixed SOURCE_DATE_EPOCH, which
 * hatchling uses for every entry's time), so two builds give one SHA-256.
 *
 * Usage: node scripts/build-wheel.mjs [outDir]   (prints the wheel's path)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const outDir = path.resolve(process.argv[2] ?? path.join(root, "dist"));
const venv = path.join(root, ".tools", "wheel-build");
const python = path.join(venv, "bin", "python");
// Pinned: the wheel's bytes depend on the backend's version.
const BACKEND = "hatchling==1.32.4";
// 1980-01-02: ZIP cannot record times before 1980; one day after avoids time-zone edge cases.
const EPOCH = "315619200";

function run(command, args, options = {}) {
  return execFileSync(command, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", ...options });
}

const stamp = path.join(venv, ".backend");
if (!fs.existsSync(python) || fs.readFileSync(stamp, "utf8") !== BACKEND) {
  fs.rmSync(venv, { recursive: true, force: true });
  run(process.env.PYTHON ?? "python3", ["-m", "venv", venv]);
  const env = { ...process.env, PIP_RETRIES: "0", PIP_DISABLE_PIP_VERSION_CHECK: "1" };
  run(python, ["-m", "pip", "install", "--quiet", "--retries", "0", BACKEND], { env });
  fs.writeFileSync(stamp, BACKEND);
}

fs.mkdirSync(outDir, { recursive: true });
for (const old of fs.readdirSync(outDir))
  if (/^sps_plugin_dev-.*\.whl$/.test(old)) fs.rmSync(path.join(outDir, old));
const name = run(
  python,
  ["-c", "import sys, hatchling.build as b; print(b.build_wheel(sys.argv[1]))", outDir],
  { cwd: path.join(root, "python"), env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } },
).trim();
const wheel = path.join(outDir, name);
// The same entries, in the same order, with the same times and modes, stored instead of
// deflated: npm gzips its tarball whole, and deflated data does not compress again (packed
// size with the wheel: 187.6 kB deflated, see npm run bench for stored). RECORD's hashes are
// of the files' contents, which do not change. zipfile is the standard library's.
run(python, [
  "-c",
  [
    "import sys, zipfile",
    "path = sys.argv[1]",
    "with zipfile.ZipFile(path) as source:",
    "    entries = [(info, source.read(info)) for info in source.infolist()]",
    "with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as target:",
    "    for info, data in entries:",
    "        info.compress_type = zipfile.ZIP_STORED",
    "        target.writestr(info, data)",
  ].join("\n"),
  wheel,
]);
console.log(wheel);
