/**
 * A secret only this user can read, which seals the journals this user's runs write (see
 * journal.ts): `$XDG_STATE_HOME/create-sps-plugin/journal-key` (else
 * `~/.local/state/...`, or `%LOCALAPPDATA%` on Windows), made once with mode 0600 in a folder of
 * mode 0700. Where no such folder can be made, the user's private lock folder holds it
 * (lock.ts): journals then cannot be replayed after the machine restarts, only reported.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { usageError } from "../core/errors.js";
import { privateFolder, userTag } from "./private-folder.js";

let cached: Buffer | undefined;

function stateFolder(): string {
  if (process.platform === "win32" && process.env.LOCALAPPDATA)
    return path.join(process.env.LOCALAPPDATA, "create-sps-plugin");
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), ".local", "state");
  return path.join(base, "create-sps-plugin");
}

function readOrMake(folder: string): Buffer {
  const file = path.join(folder, "journal-key");
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stat = fs.lstatSync(file);
  if (!stat.isFile() || (process.getuid && stat.uid !== process.getuid()) || (stat.mode & 0o077) !== 0)
    throw new Error(`${file} is not a private file of this user`);
  const text = fs.readFileSync(file, "utf8").trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} does not hold a key`);
  return Buffer.from(text, "hex");
}

/** This user's journal key (made on first use). */
export function ownerSecret(): Buffer {
  if (cached) return cached;
  try {
    cached = readOrMake(privateFolder(stateFolder()));
  } catch {
    try {
      cached = readOrMake(privateFolder(path.join(os.tmpdir(), `create-sps-plugin-${userTag()}`)));
    } catch (error) {
      throw usageError(
        `[directory]: cannot keep this user's journal key (${(error as Error).message}); set XDG_STATE_HOME to a folder of your own`,
      );
    }
  }
  return cached;
}
