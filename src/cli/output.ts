/**
 * The CLI's messages, through process.stdout and process.stderr. (Writing to descriptors 1 and
 * 2 directly saved about 1 ms of a run, less than the bench's spread between runs: not kept.)
 */

// Control characters (but newline and tab) and bidirectional controls, escaped wherever they
// come from (a directory name, a file listed in a refusal): user text must not drive the
// terminal.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with what could drive a terminal shown as `\u001b`-style escapes. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// A reader that has gone away (EPIPE, as with `| head`) is not an error of the run's.
function quietOnEpipe(error: NodeJS.ErrnoException): void {
  if (error.code !== "EPIPE") throw error;
}

function writeAll(stream: NodeJS.WriteStream, text: string): void {
  if (!stream.listeners("error").includes(quietOnEpipe)) stream.on("error", quietOnEpipe);
  stream.write(`${printable(text)}\n`);
}

/** Writes `text` and a newline to standard output. */
export function print(text: string): void {
  writeAll(process.stdout, text);
}

/** Writes `text` and a newline to standard error. */
export function printError(text: string): void {
  writeAll(process.stderr, text);
}

/** What the lock and the replay of a killed run's journal said, before anything else. */
export function printNotes(notes: string[]): void {
  for (const note of notes) printError(`note: ${note}`);
}
