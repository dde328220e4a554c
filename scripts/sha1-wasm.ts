/**
 * Build-time step shared by the bundler (tsup) and the test runner (vitest): compiles
 * src/sha1.wat to WebAssembly with wabt and serves it as `virtual:sha1-wasm`, the bytes in
 * base64 (about 800 characters), for src/git-blob-id.ts.
 */
import fs from "node:fs";
import path from "node:path";
import initWabt from "wabt";

export const SHA1_WASM_MODULE_ID = "virtual:sha1-wasm";

/** The source of `virtual:sha1-wasm` for the package at `root`. */
export async function sha1WasmModuleSource(root: string): Promise<string> {
  const file = path.join(root, "src", "sha1.wat");
  const wabt = await initWabt();
  const module = wabt.parseWat(file, fs.readFileSync(file, "utf8"), { bulk_memory: true });
  try {
    module.validate();
    const { buffer } = module.toBinary({});
    return `export const sha1Wasm = ${JSON.stringify(Buffer.from(buffer).toString("base64"))};\n`;
  } finally {
    module.destroy();
  }
}
