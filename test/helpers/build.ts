import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { seedFolder } from "./mypy-seed.js";
import { PKG_ROOT } from "./paths.js";

/** Where the wheel built from this working tree is installed with pip --target. */
export const SPS_DEV_SITE = path.join(PKG_ROOT, ".tools", "sps-dev-site");

/**
 * vitest globalSetup: the e2e tests run dist/, so it must match the sources under test; and
 * the generated projects' tools run the sps_dev wheel that dist/ holds, never an older copy of
 * the same version: it is reinstalled into .tools/venv (for pytest and mypy there) and into
 * .tools/sps-dev-site (for the plugin Pythons, which run it with nothing else installed).
 */
export default function setup(project: TestProject): () => void {
  // scripts/test.sh has just built it (and runs sps_dev's suite from dist/ meanwhile).
  if (!process.env.SPS_SUITE_BUILT)
    execFileSync("npm", ["run", "build", "--silent"], { cwd: PKG_ROOT, stdio: "ignore" });
  const dist = path.join(PKG_ROOT, "dist");
  const wheel = fs.readdirSync(dist).find((f) => f.endsWith(".whl"));
  if (!wheel) throw new Error("npm run build made no wheel in dist/");
  const pip = [path.join(PKG_ROOT, ".tools", "venv", "bin", "python"), "-m", "pip", "install", "--quiet"];
  const quiet = { cwd: PKG_ROOT, stdio: "ignore" as const, env: { ...process.env, PIP_RETRIES: "0" } };
  execFileSync(
    pip[0] as string,
    [...pip.slice(1), "--no-deps", "--no-index", "--force-reinstall", path.join(dist, wheel)],
    quiet,
  );
  fs.rmSync(SPS_DEV_SITE, { recursive: true, force: true });
  execFileSync(
    pip[0] as string,
    [...pip.slice(1), "--no-deps", "--no-index", "--target", SPS_DEV_SITE, path.join(dist, wheel)],
    quiet,
  );
  // Compiled for the other Pythons that import it, as pip compiles a package for the one it
  // installs into: with PYTHONDONTWRITEBYTECODE set (as here and in CI) each run on 3.8 or
  // 3.12 would compile sps_dev's modules anew, the verify and simulate children included.
  const venvPackage = execFileSync(
    pip[0] as string,
    ["-c", "import sps_dev, os; print(os.path.dirname(sps_dev.__file__))"],
    {
      cwd: PKG_ROOT,
      encoding: "utf8",
    },
  ).trim();
  for (const version of ["3.8", "3.12", "3.13"]) {
    const python = path.join(PKG_ROOT, ".tools", "bin", `python${version}`);
    execFileSync(python, ["-m", "compileall", "-q", "-j0", SPS_DEV_SITE, venvPackage], quiet);
  }
  // Made by the first test that runs mypy (mypy-seed.ts), removed after the last.
  const seed = seedFolder();
  project.provide("mypySeed", seed);
  return () => fs.rmSync(seed, { recursive: true, force: true });
}
