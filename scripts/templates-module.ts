/**
 * Build-time step shared by the bundler (tsup) and the test runner (vitest): turns templates/
 * into one JavaScript module, `virtual:sps-templates`. Handlebars templates are precompiled
 * here, so the published CLI carries only the small Handlebars runtime and reads no template
 * file at run time; plain files are inlined as strings.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { COMPILE_OPTIONS } from "../src/render/compile-options.js";

export const TEMPLATES_MODULE_ID = "virtual:sps-templates";

function precompile(source: string, file: string): string {
  try {
    return Handlebars.precompile(source, COMPILE_OPTIONS) as string;
  } catch (error) {
    throw new Error(`template ${file}: ${(error as Error).message}`);
  }
}

/** What Python tools leave behind when run inside templates/: never part of a template. */
export const TOOL_LITTER = /(^|\/)(__pycache__|\.ruff_cache|\.mypy_cache|\.pytest_cache)\/|\.pyc$/;

function filesOf(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((file) => !TOOL_LITTER.test(file))
    .sort();
}

/** sps_dev's contract, the one table of SPS facts both languages read. */
export const CONTRACT_FILE = "python/src/sps_dev/contract/contract.json";

/**
 * The wheel of sps_dev that `scripts/build-wheel.mjs` put into `wheelDir`: its file name and
 * SHA-256, fixed at build time, so that a run can refuse a wheel changed after the build.
 */
function wheelOf(wheelDir: string): { file: string; sha256: string } {
  const wheels = fs.existsSync(wheelDir)
    ? fs.readdirSync(wheelDir).filter((f) => /^sps_plugin_dev-.*-py3-none-any\.whl$/.test(f))
    : [];
  if (wheels.length !== 1)
    throw new Error(
      `expected one sps_plugin_dev wheel in ${wheelDir} (node scripts/build-wheel.mjs), found ${wheels.length}`,
    );
  const file = wheels[0] as string;
  const sha256 = crypto
    .createHash("sha256")
    .update(fs.readFileSync(path.join(wheelDir, file)))
    .digest("hex");
  return { file, sha256 };
}

/**
 * The source of `virtual:sps-templates` for the package at `root`. `wheelDirCode` is the
 * JavaScript expression that gives the wheel's folder at run time: `__dirname` in the bundle
 * (the wheel ships next to dist/cli.cjs), the build's dist/ folder under vitest.
 */
export function templatesModuleSource(
  root: string,
  { wheelDir, wheelDirCode }: { wheelDir: string; wheelDirCode: string },
): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  const templatesDir = path.join(root, "templates");
  const segments = new Map<string, string>();
  const layers = fs
    .readdirSync(templatesDir)
    .sort()
    .map((layer) => {
      const entries = filesOf(path.join(templatesDir, layer)).map((file) => {
        const source = `templates/${layer}/${file}`;
        const text = fs.readFileSync(path.join(templatesDir, layer, file), "utf8");
        for (const segment of file.split("/")) {
          if (segment.includes("{{") && !segments.has(segment))
            segments.set(segment, precompile(segment, source));
        }
        const body = file.endsWith(".hbs")
          ? `spec: ${precompile(text, source)}`
          : `text: ${JSON.stringify(text)}`;
        return `    { path: ${JSON.stringify(file)}, ${body} },`;
      });
      return `  ${JSON.stringify(`templates/${layer}`)}: [\n${entries.join("\n")}\n  ],`;
    });
  // Path placeholders are precompiled once per distinct segment (all files under
  // {{packageName}}/ share one), so a run renders each placeholder once.
  const pathSegments = [...segments].map(([segment, spec]) => `  ${JSON.stringify(segment)}: ${spec},`);
  const contract = JSON.parse(fs.readFileSync(path.join(root, CONTRACT_FILE), "utf8")) as unknown;
  return [
    `export const version = ${JSON.stringify(pkg.version)};`,
    `export const contract = ${JSON.stringify(contract)};`,
    `export const toolWheel = { ...${JSON.stringify(wheelOf(wheelDir))}, dir: ${wheelDirCode} };`,
    `export const layers = {\n${layers.join("\n")}\n};`,
    `export const pathSegments = {\n${pathSegments.join("\n")}\n};`,
    "",
  ].join("\n");
}
