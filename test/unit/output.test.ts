import { afterEach, describe, expect, it, vi } from "vitest";
import { print, printable, printError } from "../../src/cli/output.js";

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/** What print and printError hand to each stream, in order. */
function capture(): string[] {
  const written: string[] = [];
  for (const [name, stream] of [
    ["out", process.stdout],
    ["err", process.stderr],
  ] as const) {
    vi.spyOn(stream, "write").mockImplementation(((data: string) => {
      written.push(`${name}:${data}`);
      return true;
    }) as typeof stream.write);
  }
  return written;
}

describe("print and printError", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("write the text and a newline, errors to standard error", () => {
    const written = capture();
    printError("create-sps-plugin: bad");
    print("héllo");
    expect(written).toEqual(["err:create-sps-plugin: bad\n", "out:héllo\n"]);
  });

  it("escape what could drive the terminal, keeping newlines and tabs", () => {
    const written = capture();
    print("a\u001b[2Jb\tc\nd\u202ee");
    expect(written).toEqual(["out:a\\u001b[2Jb\tc\nd\\u202ee\n"]);
    expect(printable("\u0007")).toBe("\\u0007");
  });

  it("are quiet when the reader has gone (EPIPE) and rethrow any other stream error", () => {
    capture();
    print("x");
    print("y"); // once per stream, however many lines
    printError("z");
    for (const stream of [process.stdout, process.stderr]) {
      // Ours only: the test runner has handlers of its own on these streams.
      const ours = stream.listeners("error").filter((handler) => handler.name === "quietOnEpipe") as ((
        error: Error,
      ) => void)[];
      expect(ours).toHaveLength(1);
      const handler = ours[0] as (error: Error) => void;
      expect(() => handler(errno("EPIPE"))).not.toThrow();
      expect(() => handler(errno("EBADF"))).toThrow("EBADF");
    }
  });
});
