/**
 * Standard output for the CLI's results. A run prints a few lines and exits, and setting up
 * process.stdout (a stream over the terminal, pipe or file) costs about 3 ms of a `--yes` run,
 * so the text goes to file descriptor 1 directly. What a non-blocking, full descriptor refuses
 * (EAGAIN) goes through process.stdout, which waits for it; a reader that has gone away (EPIPE,
 * as with `| head`) is not an error.
 */
import fs from "node:fs";

/** Writes `text` and a newline to standard output. */
export function print(text: string): void {
  const data = Buffer.from(`${text}\n`);
  let written = 0;
  try {
    while (written < data.length) written += fs.writeSync(1, data, written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPIPE") return;
    if (code !== "EAGAIN") throw error;
    process.stdout.write(data.subarray(written));
  }
}
