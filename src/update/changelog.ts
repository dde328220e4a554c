/**
 * The tool's changelog (CHANGELOG.md, shipped in the package) between two versions: what
 * `update` prints after an update, so that the scheduled workflow's pull request says what
 * changed in words, not only as the templates' diff (the wheel's is unreadable).
 */
import fs from "node:fs";
import path from "node:path";
import { toolWheel } from "virtual:sps-templates";

type Version = [number, number, number];

function parse(text: string): Version | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The sections of `changelog` ("## X.Y.Z" and what follows) newer than `from`, up to and
 * including `to`, newest first; an "Unreleased" section is never one of them. */
export function changesBetween(changelog: string, from: string, to: string): string[] {
  const low = parse(from);
  const high = parse(to);
  if (!low || !high) return [];
  const sections = changelog.split(/^(?=## )/m).slice(1);
  return sections
    .filter((section) => {
      const version = parse(section.slice(3).split("\n")[0]?.split(" ")[0] ?? "");
      return version !== undefined && compare(version, low) > 0 && compare(version, high) <= 0;
    })
    .map((section) => section.trimEnd());
}

/** The package's own CHANGELOG.md, next to dist/ (empty when it cannot be read). */
export function packageChangelog(): string {
  try {
    return fs.readFileSync(path.join(path.dirname(toolWheel.dir), "CHANGELOG.md"), "utf8");
  } catch {
    return "";
  }
}
