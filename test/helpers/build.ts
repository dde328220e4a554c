import { execFileSync } from "node:child_process";
import path from "node:path";
import { PKG_ROOT } from "./paths.js";

/** vitest globalSetup: the e2e tests run dist/, so it must match the sources under test. */
export default function setup(): void {
  execFileSync("npm", ["run", "build", "--silent"], {
    cwd: PKG_ROOT,
    stdio: "ignore",
  });
}
