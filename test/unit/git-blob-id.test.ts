import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeGitBlobId } from "../../src/git-blob-id.js";

/** The reference: node:crypto over the same bytes git hashes. */
function reference(contents: string): string {
  const body = Buffer.from(contents, "utf8");
  return crypto.createHash("sha1").update(`blob ${body.length}\0`).update(body).digest("hex");
}

describe("computeGitBlobId (SHA-1 in WebAssembly)", () => {
  it("matches node:crypto at every length around SHA-1's 64-byte blocks and its padding", () => {
    // "blob N\0" is 7-9 bytes here, so these lengths cross every block and padding boundary.
    for (let length = 0; length <= 300; length += 1) {
      const contents = "a".repeat(length);
      expect(computeGitBlobId(contents), `length ${length}`).toBe(reference(contents));
    }
  });

  it("matches node:crypto on any text, UTF-8 included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 3000 }), (contents) => {
        expect(computeGitBlobId(contents)).toBe(reference(contents));
      }),
      { numRuns: 500, seed: 6 },
    );
  });

  it("grows its memory for contents beyond one 64 KiB page, and still agrees afterwards", () => {
    const big = "é€😀x".repeat(60_000);
    expect(computeGitBlobId(big)).toBe(reference(big));
    expect(computeGitBlobId("small again\n")).toBe(reference("small again\n"));
  });
});
