/**
 * The file map every command produces and the writer writes: project-relative path to
 * contents, text (rendered, merged by update) or bytes (an organisation template's binary or
 * executable file). Part of the leaf core: it imports nothing else from src/.
 */

/**
 * A file copied byte for byte: an organisation template's binary or executable file. Text
 * from templates stays a string (rendered, merged by `update`). Told apart from text by
 * `typeof`, never `instanceof`: dist/git.cjs bundles a class of its own.
 */
export class Bytes {
  constructor(
    readonly data: Uint8Array,
    readonly executable: boolean,
    /** Readable by its owner only in the template: written so, never widened. */
    readonly restricted = false,
  ) {}
}

export type Contents = string | Bytes;

/** Path → contents, in a stable (sorted) order. */
export type FileMap = Map<string, Contents>;
/** What the built-in templates render: text only. */
export type TextMap = Map<string, string>;

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Bytes as a template file: text when they are UTF-8 (and neither executable nor
 * restricted), else Bytes. */
export function contentsOf(data: Uint8Array, executable = false, restricted = false): Contents {
  if (restricted) return new Bytes(data, executable, true);
  if (!executable) {
    try {
      return UTF8.decode(data);
    } catch {
      // Not UTF-8: copied as it is.
    }
  }
  return new Bytes(data, executable);
}

/** What to write: the bytes of a Bytes, or the text. */
export function dataOf(contents: Contents): string | Uint8Array {
  return typeof contents === "string" ? contents : contents.data;
}

/** Files that must be executable: those that start with a shebang (main.py), and
 * organisation template files that were. */
export function isExecutable(contents: Contents): boolean {
  return typeof contents === "string" ? contents.startsWith("#!") : contents.executable;
}

/** The mode a file is written with: 0755 or 0644, and no more than its owner's bits for a
 * restricted one (0700 or 0600). */
export function modeOf(contents: Contents): number {
  const mode = isExecutable(contents) ? 0o755 : 0o644;
  return typeof contents !== "string" && contents.restricted ? mode & 0o700 : mode;
}
