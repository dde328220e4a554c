import fs from "node:fs";
import path from "node:path";
import { PKG_ROOT } from "./paths.js";

/** This package's version, recorded in generated projects. */
export function generatorVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG_ROOT, "package.json"), "utf8")) as { version: string };
  return pkg.version;
}
