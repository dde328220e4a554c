/**
 * A folder only this user can write: made with mode 0700 (its parents too) when missing, and
 * refused when it is a link, another user's, or writable by others, as a folder in the shared
 * temporary folder may be when someone else made it first.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";

export function privateFolder(folder: string): string {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(folder);
  const owner = process.getuid ? process.getuid() : stat.uid;
  if (
    !stat.isDirectory() ||
    stat.uid !== owner ||
    (process.platform !== "win32" && (stat.mode & 0o022) !== 0)
  )
    throw new Error(
      `${folder} is not a private folder of this user (a link, another user's, or writable by others)`,
    );
  return folder;
}

/** Who runs this: the uid where there is one, else the user's name. */
export function userTag(): string {
  return process.getuid
    ? String(process.getuid())
    : crypto.createHash("sha1").update(os.userInfo().username).digest("hex").slice(0, 12);
}
