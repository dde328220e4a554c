/**
 * `create-sps-plugin adopt [directory]`: the standard layout around an existing plugin. It
 * adds files and never changes or deletes one: a file that is already there is kept as it is
 * and listed. It commits nothing; inside a git work tree it records what it added where
 * `update` finds it, as generation does.
 */
import fs from "node:fs";
import path from "node:path";
import {
  adoptionRecord,
  composeAdoption,
  inspectPlugin,
  type AdoptedPlugin,
  type PluginFiles,
} from "./adoption.js";
import { TOOL_DIR, TOOL_VERSION, TOOL_WHEEL_PATH } from "../render/tool-wheel.js";
import { ANSWERS_FILE } from "../core/record.js";
import type { Flags } from "../cli/args.js";
import { usageError } from "../core/errors.js";
import { print, printError, printNotes } from "../cli/output.js";
import type { FileMap } from "../render/render.js";
import { transact, type Recording } from "../write/transaction.js";

// Folders that are not the plugin's: never walked.
const SKIPPED = new Set([
  ".git",
  ".hg",
  ".svn",
  ".venv",
  "venv",
  "node_modules",
  "dist",
  "build",
  "__pycache__",
  ".tox",
]);
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 4;

function readCapped(file: string, limit: number): string | undefined {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return undefined;
  const handle = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(Math.min(stat.size, limit));
    const read = fs.readSync(handle, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    fs.closeSync(handle);
  }
}

/** The plugin's paths (a bounded walk that follows no link) and the few texts adopt reads. */
function readPluginFiles(dir: string, manifest: string): PluginFiles {
  const paths: string[] = [];
  const python: string[] = [];
  const walk = (folder: string, prefix: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // an unreadable folder holds nothing adopt could use
    }
    for (const entry of entries) {
      if (paths.length >= MAX_ENTRIES || SKIPPED.has(entry.name)) continue;
      const relative = `${prefix}${entry.name}`;
      paths.push(relative);
      if (entry.isDirectory() && depth < MAX_DEPTH)
        walk(path.join(folder, entry.name), `${relative}/`, depth + 1);
      else if (entry.isFile() && entry.name.endsWith(".py")) python.push(relative);
    }
  };
  walk(dir, "", 1);
  const importsSdk = python
    .filter((file) => !file.startsWith("sps_dev/") && !file.startsWith("tools/"))
    .slice(0, 500)
    .some((file) => /\bsafeguard\.sessions\.plugin/.test(readCapped(path.join(dir, file), 1 << 20) ?? ""));
  const pipfile = readCapped(path.join(dir, "Pipfile"), 1 << 20);
  return { manifest, paths, importsSdk, ...(pipfile !== undefined && { pipfile }) };
}

function checkFolder(dir: string): string {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat)
    throw usageError(`[directory]: ${dir} does not exist; give the folder that holds the plugin's MANIFEST`);
  if (!stat.isDirectory())
    throw usageError(`[directory]: ${dir} is a file; give the folder that holds the plugin's MANIFEST`);
  // SPS reads the plugin's own MANIFEST: one that is a link (out of the folder, say) is not it.
  if (fs.lstatSync(path.join(dir, "MANIFEST"), { throwIfNoEntry: false })?.isSymbolicLink())
    throw usageError(
      `[directory]: ${dir}/MANIFEST is a symlink; adopt reads the plugin's own MANIFEST, a plain file`,
    );
  const manifest = readCapped(path.join(dir, "MANIFEST"), 64 * 1024);
  if (manifest === undefined) {
    throw usageError(
      `[directory]: ${dir} has no MANIFEST, so it is not an SPS plugin folder; adopt needs the plugin's MANIFEST (name, type, api, entry_point)`,
    );
  }
  if (fs.existsSync(path.join(dir, ANSWERS_FILE))) {
    throw usageError(
      `[directory]: ${dir} already has ${ANSWERS_FILE}: it was generated or adopted before; run create-sps-plugin update there`,
    );
  }
  return manifest;
}

export async function runAdopt(flags: Flags, version: string): Promise<void> {
  const dir = flags.given.directory ?? ".";
  const git = flags.git && !flags.dryRun ? await import("../write/git.js") : undefined;
  let plugin: AdoptedPlugin | undefined;
  let lines: string[] = [];
  let kept: string[] = [];
  // Lock and replay first: what adopt keeps or adds is judged on the folder as the replay
  // left it, so a file a killed run had added is not listed as the plugin's own.
  const applied = await transact(
    dir,
    flags.dryRun,
    async () => {
      plugin = inspectPlugin(dir, readPluginFiles(dir, checkFolder(dir)));
      const candidates = composeAdoption(plugin, version);
      kept = [...candidates.keys()].filter((file) =>
        fs.lstatSync(path.join(dir, file), { throwIfNoEntry: false }),
      );
      const added: FileMap = new Map([...candidates].filter(([file]) => !kept.includes(file)));
      const files: FileMap = new Map([...added, [ANSWERS_FILE, adoptionRecord(plugin, version, added)]]);
      lines = [
        ...[...files.keys()].map((file) => `ADD ${file}`),
        ...kept.map((file) => `KEEP ${file} (yours, left as it is)`),
      ];
      return {
        files,
        force: true,
        // keepGeneration keeps nothing outside a work tree: it asks git where the folder
        // lies itself, so no separate question is asked here.
        recording: (): Recording => (git ? { kind: "keep", git, version } : { kind: "none" }),
      };
    },
    printNotes,
  );
  if (flags.dryRun || plugin === undefined) return void print(lines.join("\n"));
  const files = applied.composed.files;
  // The wheel must be committed for the CI to install it: say so when the plugin's own
  // ignore rules would leave it out (outside a work tree git check-ignore says no: exit 128).
  if (git && files.has(TOOL_WHEEL_PATH) && git.isIgnored(dir, TOOL_WHEEL_PATH))
    printError(
      `note: ${TOOL_WHEEL_PATH} is ignored by this repository's ignore rules (git check-ignore -v ${TOOL_DIR}/ says which); add "!${TOOL_DIR}/" to .gitignore so that it is committed and CI can install sps_dev`,
    );
  const { name, type } = plugin.answers;
  print(
    [
      lines.join("\n"),
      "",
      `Adopted ${name} (${type}) in ${dir}: ${files.size} files added, ${kept.length} kept as they were; no file of the plugin was changed.`,
      "",
      "Next:",
      `  python -m pip install --find-links ${TOOL_DIR} "sps-plugin-dev[yaml]==${TOOL_VERSION}"   # sps_dev, from its wheel`,
      "  python -m sps_dev check        # what SPS refuses, and what fails at run time",
      ...(plugin.adopted.sdk
        ? [`  python -m pip install "${plugin.adopted.sdk}"   # simulate runs the SDK's code`]
        : []),
      "  python -m sps_dev simulate     # one connection, the way SPS calls the hooks",
      "  python -m sps_dev build        # the ZIP to upload",
      "Commit the added files; create-sps-plugin update keeps them current and never touches the plugin's own.",
    ].join("\n"),
  );
}
