import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { changesBetween, packageChangelog } from "../../src/update/changelog.js";
import { PKG_ROOT } from "../helpers/paths.js";

const CHANGELOG = `# Changelog

Intro.

## Unreleased

- next

## 1.10.0

- ten

## 1.2.0 (2026-12-01)

- two
- two more

## 1.1.0

- one
`;

describe("the changelog between two versions", () => {
  it("holds the sections newer than the old version up to the new one, newest first", () => {
    expect(changesBetween(CHANGELOG, "1.1.0", "1.10.0")).toEqual([
      "## 1.10.0\n\n- ten",
      "## 1.2.0 (2026-12-01)\n\n- two\n- two more",
    ]);
    // Numbers compare as numbers: 1.10 is newer than 1.2.
    expect(changesBetween(CHANGELOG, "1.2.0", "1.10.0")).toEqual(["## 1.10.0\n\n- ten"]);
  });

  it("is empty for the same version, a downgrade, or a version it cannot read", () => {
    expect(changesBetween(CHANGELOG, "1.2.0", "1.2.0")).toEqual([]);
    expect(changesBetween(CHANGELOG, "1.10.0", "1.1.0")).toEqual([]);
    expect(changesBetween(CHANGELOG, "1.x", "1.10.0")).toEqual([]);
    expect(changesBetween("no sections", "0.0.1", "9.0.0")).toEqual([]);
  });

  it("is the package's own, shipped in it, with a section for its version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PKG_ROOT, "package.json"), "utf8")) as {
      version: string;
      files: string[];
    };
    expect(pkg.files).toContain("CHANGELOG.md");
    expect(packageChangelog()).toBe(fs.readFileSync(path.join(PKG_ROOT, "CHANGELOG.md"), "utf8"));
    expect(changesBetween(packageChangelog(), "0.0.0", pkg.version)[0]).toMatch(
      new RegExp(`^## ${pkg.version.replace(/\./g, "\\.")}\\b`),
    );
  });
});
