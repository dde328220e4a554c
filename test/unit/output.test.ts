import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { print } from "../../src/output.js";

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

describe("print (standard output through file descriptor 1)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("writes the text and a newline, looping over partial writes", () => {
    const chunks: string[] = [];
    const writeSync = vi.spyOn(fs, "writeSync").mockImplementation(((
      fd: number,
      data: Buffer,
      offset: number,
    ) => {
      expect(fd).toBe(1);
      const piece = data.subarray(offset, offset + 3); // a pipe that takes 3 bytes at a time
      chunks.push(piece.toString());
      return piece.length;
    }) as typeof fs.writeSync);
    print("héllo");
    expect(chunks.join("")).toBe("héllo\n");
    expect(writeSync.mock.calls.length).toBeGreaterThan(1);
  });

  it("hands what a full non-blocking descriptor refuses (EAGAIN) to process.stdout", () => {
    let calls = 0;
    vi.spyOn(fs, "writeSync").mockImplementation((() => {
      calls += 1;
      if (calls === 1) return 2;
      throw errno("EAGAIN");
    }) as typeof fs.writeSync);
    const rest: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation(((data: Uint8Array) => {
      rest.push(Buffer.from(data).toString());
      return true;
    }) as typeof process.stdout.write);
    print("abcdef");
    expect(rest).toEqual(["cdef\n"]);
  });

  it("is quiet when the reader has gone (EPIPE) and throws any other error", () => {
    vi.spyOn(fs, "writeSync").mockImplementation(() => {
      throw errno("EPIPE");
    });
    expect(() => print("x")).not.toThrow();
    vi.spyOn(fs, "writeSync").mockImplementation(() => {
      throw errno("EBADF");
    });
    expect(() => print("x")).toThrow("EBADF");
  });
});
