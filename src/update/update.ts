/**
 * `create-sps-plugin update [directory]`: brings a generated project up to this version's
 * templates without losing an edit (see update-plan.ts for the per-file rules).
 */
import fs from "node:fs";
import path from "node:path";
import { adoptionFiles } from "./adoption.js";
import { changesBetween, packageChangelog } from "./changelog.js";
import type { AnswersFile } from "../render/answers-file.js";
import { ANSWERS_FILE, gitBlobId } from "../core/record.js";
import { readAnswersFile } from "./read-answers-file.js";
import type { Flags } from "../cli/args.js";
import { CliError, usageError } from "../core/errors.js";
import { loadOrgTemplate, type OrgTemplate } from "../render/org-template.js";
import { loadPreset } from "../answers/preset.js";
import { print, printError, printNotes } from "../cli/output.js";
import { composeProject } from "../render/project.js";
import { contentsOf, type Contents, type FileMap } from "../render/render.js";
import { planUpdate, VENDORED, type UpdatePlan } from "./update-plan.js";
import type { ToolChoice } from "../answers/answers.js";
import { transact, type Recording } from "../write/transaction.js";

type Git = typeof import("../write/git.js");

/**
 * The project as the old version generated it: from git's objects, or from --base. Made by
 * this very version, it is what this version renders now (each file still checked by id).
 */
function oldGeneration(
  dir: string,
  record: AnswersFile,
  baseDir: string | undefined,
  git: Git,
  sameVersion: FileMap | undefined,
): FileMap {
  const files: FileMap = new Map();
  const missing: string[] = [];
  const blobs = baseDir ? new Map<string, Contents>() : git.readBlobs(dir, Object.values(record.files));
  for (const [file, id] of Object.entries(record.files)) {
    const text = baseDir ? readContents(path.join(baseDir, file)) : (blobs.get(id) ?? sameVersion?.get(file));
    if (text === undefined || gitBlobId(text) !== id) missing.push(file);
    else files.set(file, text);
  }
  if (missing.length > 0) {
    const where = baseDir ? `--base ${baseDir} does not hold` : "git does not hold";
    const a = record.answers;
    const regenerate = `npx create-sps-plugin@${record.version} <dir> --yes --no-git -t ${a.type} -n ${a.name} --sps ${a.sps}`;
    throw usageError(
      `${where} what version ${record.version} generated for ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}; ` +
        `regenerate it (${regenerate}, with the same description, author and email) and pass --base <dir>`,
    );
  }
  return files;
}

/**
 * Whether the project keeps sps_dev's wheel in tools/: yes, unless it was made to pin the
 * published package, or its owner deleted the wheel an earlier version put there (the way
 * the project's README gives to switch to the published package).
 */
function carriesWheel(dir: string, record: AnswersFile): boolean {
  if (record.tool?.source === "index") return false;
  const wheels = Object.keys(record.files).filter((file) => /^tools\/sps_plugin_dev-[^/]*\.whl$/.test(file));
  return wheels.length === 0 || wheels.some((file) => fs.existsSync(path.join(dir, file)));
}

/** Whether sps_dev/ holds a file this update does not remove. */
function leftOverVendored(dir: string, removals: string[]): boolean {
  const folder = path.join(dir, VENDORED);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) return false;
  const files = (fs.readdirSync(folder, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
  return files.some((file) => !removals.includes(file));
}

function readContents(file: string): Contents | undefined {
  try {
    return contentsOf(fs.readFileSync(file));
  } catch {
    return undefined;
  }
}

/**
 * The organisation template update may read: one the command line names (--template, or a
 * --preset that names one), or one inside the project. A path in the answers file alone is
 * not enough: the file may come from anyone's repository, and the template's files would be
 * read, copied into the project and stored in git.
 */
async function organisationTemplate(
  dir: string,
  record: AnswersFile,
  flags: Flags,
): Promise<OrgTemplate | undefined> {
  const named =
    flags.template ?? (flags.preset === undefined ? undefined : loadPreset(flags.preset).template);
  if (named !== undefined) return loadOrgTemplate(named);
  if (record.template === undefined) return undefined;
  const real = (p: string): string | undefined => {
    try {
      return fs.realpathSync(p);
    } catch {
      return undefined;
    }
  };
  const [template, project] = [real(path.resolve(dir, record.template)), real(dir)];
  if (template && project && (template + path.sep).startsWith(project + path.sep))
    return loadOrgTemplate(template);
  throw usageError(
    `[directory]: ${ANSWERS_FILE} names the organisation template ${JSON.stringify(record.template)}, outside the project; update reads a template only when you name it: pass --template <dir> (or a --preset that names it)`,
  );
}

export async function runUpdate(flags: Flags, version: string): Promise<void> {
  const dir = flags.given.directory ?? ".";
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw usageError(`[directory]: ${dir} is not a folder; give the generated project's folder`);
  }
  const git: Git = await import("../write/git.js");
  if (flags.commit && flags.dryRun) throw usageError("--commit: a --dry-run writes nothing to commit");
  if (flags.commit && !git.insideWorkTree(dir))
    throw usageError(`--commit: ${dir} is not inside a git work tree; run update without --commit`);
  let lines: string[] = [];
  let written: string[] = [];
  let conflicts: string[] = [];
  let from = "";
  // Lock, then put back what a killed run left, and only then read the project and plan:
  // what is read must be what the replay restored.
  const applied = await transact(
    dir,
    flags.dryRun,
    async () => {
      const record = readAnswersFile(dir);
      from = record.version;
      const inRepo = git.insideWorkTree(dir);
      const dirty = inRepo ? git.uncommittedChanges(dir) : [];
      if (dirty.length > 0 && !flags.force) {
        throw usageError(
          `[directory]: ${dir} has uncommitted changes (${dirty.slice(0, 3).join("; ")}); commit or stash them first, so the update can be reviewed and undone, or pass --force`,
        );
      }
      const { plan, next } = await planProjectUpdate(dir, record, flags, version, git);
      lines = plan.lines;
      conflicts = plan.conflicts;
      written = [...plan.files.keys(), ...plan.removals];
      return {
        files: plan.files,
        force: true,
        removals: plan.removals,
        nothing: plan.lines.length === 0,
        // Kept first, undone if the write fails or is interrupted: never files without their
        // ref, nor a ref without its files.
        recording: (): Recording =>
          inRepo ? { kind: "keep-undoable", git, version, generation: next } : { kind: "none" },
      };
    },
    printNotes,
  );
  if (flags.dryRun || lines.length === 0) {
    print(lines.join("\n") || `Nothing to update: the project is as create-sps-plugin ${version} makes it.`);
    return;
  }
  if (applied.warning) printError(`warning: ${applied.warning}`);
  print(lines.join("\n"));
  print(`Updated from create-sps-plugin ${from} to ${version}.`);
  const changes = changesBetween(packageChangelog(), from, version);
  if (changes.length > 0)
    print(`\nWhat changed in create-sps-plugin since ${from}:\n\n${changes.join("\n\n")}`);
  if (conflicts.length > 0) {
    throw new CliError(
      `${conflicts.length} conflict(s), marked with <<<<<<< in ${conflicts.join(", ")}: resolve them, run the tests, then commit${flags.commit ? " (--commit made no commit)" : ""}`,
    );
  }
  if (flags.commit) {
    const message = `Update to create-sps-plugin ${version} (from ${from})`;
    const failed = git.commitPaths(dir, written, message);
    if (failed) throw new CliError(`--commit: the update is written, but git commit failed: ${failed}`);
    print(`Committed: ${message}`);
  }
}

/** What this version makes of the project, merged with what is there: the update's plan. */
async function planProjectUpdate(
  dir: string,
  record: AnswersFile,
  flags: Flags,
  version: string,
  git: Git,
): Promise<{ plan: UpdatePlan; next: FileMap }> {
  const org = await organisationTemplate(dir, record, flags);
  const compose = (tool: ToolChoice): FileMap =>
    record.adopted
      ? adoptionFiles(
          { answers: record.answers, adopted: record.adopted },
          version,
          new Set(Object.keys(record.files)),
          tool,
        )
      : composeProject({ directory: dir, ...record.answers }, version, org, tool);
  const tool: ToolChoice = { carryWheel: carriesWheel(dir, record), legacyTool: false };
  let next = compose(tool);
  const base = oldGeneration(dir, record, flags.base, git, record.version === version ? next : undefined);
  const current: FileMap = new Map();
  for (const file of new Set([...base.keys(), ...next.keys()])) {
    const text = readContents(path.join(dir, file));
    if (text !== undefined) current.set(file, text);
  }
  const planNow = (): UpdatePlan =>
    planUpdate(base, current, next, git.mergeFile, { restore: flags.restore });
  let plan = planNow();
  if (leftOverVendored(dir, plan.removals)) {
    // Files of an old vendored copy stay (edited, or kept by an earlier update): they no
    // longer run, and lint is told to skip them for as long as they are there.
    next = compose({ ...tool, legacyTool: true });
    for (const file of next.keys()) {
      const text = current.has(file) ? undefined : readContents(path.join(dir, file));
      if (text !== undefined) current.set(file, text);
    }
    plan = planNow();
  }
  return { plan, next };
}
