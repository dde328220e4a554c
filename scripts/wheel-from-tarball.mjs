/**
 * The wheel that `npm pack` put into the npm tarball, copied out, so that the release publishes
 * to the Python package index the very file the npm package carries.
 *
 * Usage: node scripts/wheel-from-tarball.mjs <create-sps-plugin-x.y.z.tgz> <outDir>
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [tarball, outDir] = process.argv.slice(2);
if (!tarball || !outDir) {
  console.error("usage: node scripts/wheel-from-tarball.mjs <tarball> <outDir>");
  process.exit(2);
}
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wheel-from-tarball-"));
try {
  execFileSync("tar", ["-xzf", tarball, "-C", scratch]);
  const dist = path.join(scratch, "package", "dist");
  const wheels = fs.readdirSync(dist).filter((f) => f.endsWith(".whl"));
  if (wheels.length !== 1)
    throw new Error(`${tarball}: expected one wheel in package/dist, found ${wheels.length}`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(path.join(dist, wheels[0]), path.join(outDir, wheels[0]));
  console.log(path.join(outDir, wheels[0]));
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
