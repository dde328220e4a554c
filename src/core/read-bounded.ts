/**
 * Reading an input file the user or a repository supplies (a preset, an answers file, a
 * MANIFEST) within a size limit that holds for what is not a plain file: a device
 * (/dev/zero), a FIFO (which would block) or a link to either is refused before any byte is
 * read. Part of the leaf core: it imports nothing else from src/.
 */
import fs from "node:fs";

export type ReadProblem = "missing" | "link" | "not a file" | "too large" | "unreadable";

/**
 * The file's text, or why it is not read. `followLinks: false` refuses a symlink (a file inside
 * a project, which a repository could point anywhere).
 */
export function readBounded(
  file: string,
  limit: number,
  followLinks = true,
): { text: string } | { problem: ReadProblem; detail?: string } {
  let handle: number;
  try {
    const flags =
      fs.constants.O_RDONLY |
      (fs.constants.O_NONBLOCK ?? 0) |
      (followLinks ? 0 : (fs.constants.O_NOFOLLOW ?? 0));
    handle = fs.openSync(file, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { problem: "missing" };
    if (code === "ELOOP") return { problem: "link" };
    return { problem: "unreadable", detail: code ?? (error as Error).message };
  }
  try {
    const stat = fs.fstatSync(handle);
    if (!stat.isFile()) return { problem: "not a file" };
    if (stat.size > limit) return { problem: "too large", detail: `${stat.size} bytes; at most ${limit}` };
    // The size may grow while it is read: never more than limit + 1 bytes.
    const buffer = Buffer.alloc(limit + 1);
    let read = 0;
    for (;;) {
      const got = fs.readSync(handle, buffer, read, buffer.length - read, read);
      if (got === 0) break;
      read += got;
      if (read > limit) return { problem: "too large", detail: `more than ${limit} bytes` };
    }
    return { text: buffer.subarray(0, read).toString("utf8") };
  } catch (error) {
    return {
      problem: "unreadable",
      detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message,
    };
  } finally {
    fs.closeSync(handle);
  }
}
