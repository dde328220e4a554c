/**
 * The CLI's messages, written straight to file descriptors 1 and 2. A run prints a few lines
 * and exits, and setting up process.stdout (a stream over the terminal, pipe or file) costs
 * about 3 ms of a `--yes` run. What a non-blocking, full descriptor refuses (EAGAIN) goes
 * through the process stream, which waits for it; a reader that has gone away (EPIPE, as with
 * `| head`) is not an error.
 */
import fs from "node:fs";

/** Whether some output went through a process stream, which may still be holding it. */
let streamed = false;

function writeAll(fd: 1 | 2, text: string): void {
  const data = Buffer.from(`${text}\n`);
  let written = 0;
  try {
    while (written < data.length) written += fs.writeSync(fd, data, written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPIPE") return;
    if (code !== "EAGAIN") throw error;
    streamed = true;
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

/** Records output written through process.stdout by others (the prompt UI). */
export function noteStreamedOutput(): void {
  streamed = true;
}

/** True when everything printed is already out, so the process may exit at once. */
export function outputIsOut(): boolean {
  return !streamed;
}
