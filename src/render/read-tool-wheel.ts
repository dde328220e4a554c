/**
 * Reads the sps_dev wheel that ships next to the bundle, once per run. Its SHA-256 was fixed
 * when the bundle was built, so a wheel changed since (in node_modules, in a cache) is refused
 * instead of copied into projects.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { toolWheel } from "virtual:sps-templates";
import { CliError } from "../core/errors.js";
import { Bytes } from "../core/files.js";

let read: Bytes | undefined;

export function toolWheelContents(): Bytes {
  if (read) return read;
  const file = path.join(toolWheel.dir, toolWheel.file);
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (error) {
    throw new CliError(
      `sps_dev's wheel is missing from this installation (${file}: ${(error as Error).message}); reinstall create-sps-plugin`,
    );
  }
  const sha256 = crypto.createHash("sha256").update(data).digest("hex");
  if (sha256 !== toolWheel.sha256) {
    throw new CliError(
      `sps_dev's wheel (${file}) is not the one this version was built with (SHA-256 ${sha256}, expected ${toolWheel.sha256}); reinstall create-sps-plugin`,
    );
  }
  read = new Bytes(new Uint8Array(data), false);
  return read;
}
