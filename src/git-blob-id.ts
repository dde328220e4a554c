/**
 * The id git gives a file: SHA-1 of "blob <size>\0<contents>". Not through node:crypto, on
 * purpose: loading it costs about 8 ms of every run (it pulls in the stream modules), as much
 * as all of a `--yes` run's rendering and writing. SHA-1 here is a WebAssembly module of under
 * 1 kB (src/sha1.wat), compiled at build time and instantiated on first use in about 1 ms.
 * Tests check it against node:crypto and against `git hash-object`.
 */
import { sha1Wasm } from "virtual:sha1-wasm";

interface Sha1Exports {
  memory: WebAssembly.Memory;
  /** Hashes the message at MESSAGE, padding it in place; the digest lands at DIGEST. */
  sha1(length: number): void;
}

const DIGEST = 320;
const MESSAGE = 512;
/** Room the padding needs after the message: a 0x80 byte, zeros, the 8-byte length. */
const PADDING = 72;
const PAGE = 65536;

let sha1: Sha1Exports | undefined;

function instance(): Sha1Exports {
  sha1 ??= new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(sha1Wasm, "base64")))
    .exports as unknown as Sha1Exports;
  return sha1;
}

/** The git blob id of `contents`, written as UTF-8. */
export function computeGitBlobId(contents: string): string {
  const { memory, sha1: hash } = instance();
  const body = Buffer.from(contents, "utf8");
  const header = `blob ${body.length}\0`;
  const length = header.length + body.length;
  const needed = MESSAGE + length + PADDING;
  if (memory.buffer.byteLength < needed) {
    memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
  }
  const bytes = Buffer.from(memory.buffer);
  bytes.write(header, MESSAGE, "latin1");
  bytes.set(body, MESSAGE + header.length);
  hash(length);
  return bytes.toString("hex", DIGEST, DIGEST + 20);
}
