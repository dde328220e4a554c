/**
 * The CLI's messages, written straight to file descriptors 1 and 2. A run prints a few lines
 * and exits, and setting up process.stdout (a stream over the terminal, pipe or file) costs
 * about 1 ms of a `--yes` run (npm run bench, measured against process streams). What a non-blocking, full descriptor refuses (EAGAIN) goes
 * through the process stream, which waits for it; a reader that has gone away (EPIPE, as with
 * `| head`) is not an error.
 */
import fs from "node:fs";

function writeAll(fd: 1 | 2, text: string): void {
  const data = Buffer.from(`${text}\n`);
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
