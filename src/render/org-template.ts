/**
 * Organisation templates (--template DIR): a folder of files laid out like templates/<layer>,
 * that adds files to the built-in template or replaces some of them. Same rules as the
 * built-in layers (`.hbs` files and `{{placeholders}}` in names are rendered, `_gitignore`
 * names map to dotfiles), same answers and helpers. The full Handlebars compiler is loaded
 * only here, only when such a folder is given.
 */
import fs from "node:fs";
import path from "node:path";
import type { TemplateContext } from "../answers/answers.js";
import { usageError } from "../core/errors.js";
import { contentsOf, type FileMap } from "../core/files.js";
import { HELPERS } from "./quote.js";
import { targetPath } from "./template-paths.js";
import { COMPILE_OPTIONS } from "./compile-options.js";

export interface OrgTemplate {
  /** The folder, resolved. */
  dir: string;
  render(context: TemplateContext): FileMap;
}

// A template is a handful of small text files: larger ones are refused before anything is read.
// Bytes alone do not bound the work: a file of 600,000 {{name}} renders 40 MB. So the
// placeholders per file are counted, and what the whole template renders is capped too.
export const LIMITS = {
  files: 1000,
  fileBytes: 5 * 1024 * 1024,
  totalBytes: 50 * 1024 * 1024,
  placeholders: 10_000,
  renderedBytes: 50 * 1024 * 1024,
};
// Version-control folders are never part of a template (a team keeps it as a git checkout).
const VCS = new Set([".git", ".hg", ".svn"]);

/** The template's regular files, walked without following links, within LIMITS. */
interface TemplateFile {
  file: string;
  executable: boolean;
  /** Not readable by group or others. */
  restricted: boolean;
}

function filesOf(root: string, dir: string): TemplateFile[] {
  const found: TemplateFile[] = [];
  let total = 0;
  const walk = (folder: string, prefix: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      throw usageError(
        `--template: ${dir}/${prefix} cannot be read: ${(error as NodeJS.ErrnoException).code}`,
      );
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const relative = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        if (!VCS.has(entry.name)) walk(path.join(folder, entry.name), `${relative}/`);
        continue;
      }
      if (!entry.isFile()) continue; // links, sockets, devices: never read
      // Gone since it was listed (a /proc folder, a file being rewritten): not a template file.
      const stat = fs.lstatSync(path.join(folder, entry.name), { throwIfNoEntry: false });
      if (stat === undefined) continue;
      const size = stat.size;
      total += size;
      if (found.length >= LIMITS.files) {
        throw usageError(`--template: ${dir} holds more than ${LIMITS.files} files (the limit)`);
      }
      if (size > LIMITS.fileBytes) {
        throw usageError(
          `--template: ${relative} is ${size} bytes; a template file may have at most ${LIMITS.fileBytes}`,
        );
      }
      if (total > LIMITS.totalBytes) {
        throw usageError(`--template: ${dir} holds more than ${LIMITS.totalBytes} bytes (the limit)`);
      }
      // A hard link may be a private file's other name (a key, a token): refused. A file
      // readable by its owner only keeps that in the project (written 0600), never widened.
      if (stat.nlink > 1)
        throw usageError(
          `--template: ${relative} is a hard link (${stat.nlink} names); a template file must be a file of its own`,
        );
      found.push({
        file: relative,
        executable: (stat.mode & 0o111) !== 0,
        restricted: (stat.mode & 0o044) === 0,
      });
    }
  };
  walk(root, "");
  return found;
}

function readBytes(root: string, file: string): Buffer {
  try {
    return fs.readFileSync(path.join(root, file));
  } catch (error) {
    throw usageError(
      `--template: ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** Reads and compiles every file of `dir`; a template that does not compile names its file. */
export async function loadOrgTemplate(dir: string): Promise<OrgTemplate> {
  const root = path.resolve(dir);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw usageError(`--template: ${dir} is not a folder`);
  }
  // The one-file build of the full compiler, built as an entry of its own (dist/handlebars.cjs,
  // see tsup.config.ts) and loaded only here.
  const { default: Handlebars } = (await import("handlebars/dist/handlebars.js")) as {
    default: typeof import("handlebars");
  };
  const hbs = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) hbs.registerHelper(name, helper);
  const compile = (text: string, file: string): HandlebarsTemplateDelegate => {
    try {
      // Compiled ahead of use, so a broken template fails before anything is written.
      const template = hbs.compile(text, COMPILE_OPTIONS);
      hbs.precompile(text, COMPILE_OPTIONS);
      return template;
    } catch (error) {
      throw usageError(`--template: ${file}: ${(error as Error).message.split("\n")[0]}`);
    }
  };
  const segments = new Map<string, HandlebarsTemplateDelegate>();
  const entries = filesOf(root, dir).map(({ file, executable, restricted }) => {
    for (const segment of file.split("/")) {
      if (segment.includes("{{") && !segments.has(segment)) segments.set(segment, compile(segment, file));
    }
    const bytes = readBytes(root, file);
    if (file.endsWith(".hbs")) {
      const text = bytes.toString("utf8");
      const placeholders = text.split("{{").length - 1;
      if (placeholders > LIMITS.placeholders)
        throw usageError(
          `--template: ${file} holds ${placeholders} placeholders; a template file may have at most ${LIMITS.placeholders}`,
        );
      return { file, body: compile(text, file), restricted };
    }
    // Copied byte for byte: text stays text (update merges it), anything else as Bytes.
    return { file, copied: contentsOf(bytes, executable, restricted) };
  });
  return {
    dir: root,
    render(context) {
      const files: FileMap = new Map();
      let rendered = 0;
      for (const entry of entries) {
        try {
          const renderSegment = (segment: string): string =>
            (segments.get(segment) as HandlebarsTemplateDelegate)(context);
          const target = targetPath(entry.file, renderSegment, entry.file);
          const text = entry.body?.(context);
          // A restricted template renders to a restricted file (written 0600).
          const contents =
            text === undefined
              ? (entry.copied ?? "")
              : entry.restricted
                ? contentsOf(Buffer.from(text, "utf8"), false, true)
                : text;
          rendered += typeof contents === "string" ? contents.length : contents.data.length;
          if (rendered > LIMITS.renderedBytes)
            throw new Error(`the template renders more than ${LIMITS.renderedBytes} bytes (the limit)`);
          files.set(target, contents);
        } catch (error) {
          throw usageError(`--template: ${entry.file}: ${(error as Error).message}`);
        }
      }
      return files;
    },
  };
}
