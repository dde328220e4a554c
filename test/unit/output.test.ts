import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

let output: typeof import("../../src/cli/output.js");

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

describe("print and printError (straight to file descriptors 1 and 2)", () => {
  beforeEach(async () => {
    vi.resetModules();
    output = await import("../../src/cli/output.js");
  });
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
    output.print("héllo");
    expect(chunks.join("")).toBe("héllo\n");
    expect(writeSync.mock.calls.length).toBeGreaterThan(1);
  });

  it("writes errors to descriptor 2", () => {
    const fds: number[] = [];
    vi.spyOn(fs, "writeSync").mockImplementation(((fd: number, data: Buffer, offset: number) => {
      fds.push(fd);
      return data.length - offset;
    }) as typeof fs.writeSync);
    output.printError("create-sps-plugin: bad");
    output.print("fine");
    expect(fds).toEqual([2, 1]);
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
    output.print("abcdef");
    expect(rest).toEqual(["cdef\n"]);
  });

  it("is quiet when the reader has gone (EPIPE) and throws any other error", () => {
    vi.spyOn(fs, "writeSync").mockImplementation(() => {
      throw errno("EPIPE");
    });
    expect(() => output.print("x")).not.toThrow();
    vi.spyOn(fs, "writeSync").mockImplementation(() => {
      throw errno("EBADF");
    });
    expect(() => output.print("x")).toThrow("EBADF");
  });
});
