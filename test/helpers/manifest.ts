/** A generated project's MANIFEST, parsed as SPS reads it (YAML). */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";

export function readManifest(project: string): Record<string, string> {
  return parseYaml(fs.readFileSync(path.join(project, "MANIFEST"), "utf8")) as Record<string, string>;
}
