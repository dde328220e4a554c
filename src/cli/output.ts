/**
 * The CLI's messages, written straight to file descriptors 1 and 2. A run prints a few lines
 * and exits, and setting up process.stdout (a stream over the terminal, pipe or file) costs
 * about 1 ms of a `--yes` run (npm run bench, measured against process streams). What a non-blocking, full descriptor refuses (EAGAIN) goes
 * through the process stream, which waits for it; a reader that has gone away (EPIPE, as with
 * `| head`) is not an error.
 */
import fs from "node:fs";

// Control characters (but newline and tab) and bidirectional controls, escaped wherever they
// come from (a directory name, a file listed in a refusal): user text must not drive the
// terminal.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with what could drive a terminal shown as `\u001b`-style escapes. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function writeAll(fd: 1 | 2, text: string): void {
  const data = Buffer.from(`${printable(text)}\n`);
  let written = 0;
  try {
    while (written < data.length) written += fs.writeSync(fd, data, written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPIPE") return;
    if (code !== "EAGAIN") throw error;
    (fd === 1 ? process.stdout : process.stderr).write(data.subarray(written));
  }
}

/** Writes `text` and a newline to standard output. */
export function print(text: string): void {
  writeAll(1, text);
}

/** Writes `text` and a newline to standard error. */
export function printError(text: string): void {
  writeAll(2, text);
}
