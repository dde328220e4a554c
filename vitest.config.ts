import path from "node:path";
import { defineConfig } from "vitest/config";
import { SHA1_WASM_MODULE_ID, sha1WasmModuleSource } from "./scripts/sha1-wasm.js";
import { TEMPLATES_MODULE_ID, templatesModuleSource } from "./scripts/templates-module.js";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  plugins: [
    {
      // The same precompiled templates the bundle gets, built fresh from templates/.
      name: "sps-templates",
      resolveId: (id) => (id === TEMPLATES_MODULE_ID ? `\0${id}` : undefined),
      load: (id) => (id === `\0${TEMPLATES_MODULE_ID}` ? templatesModuleSource(root) : undefined),
    },
    {
      // The same SHA-1 WebAssembly the bundle gets, compiled fresh from src/sha1.wat.
      name: "sha1-wasm",
      resolveId: (id) => (id === SHA1_WASM_MODULE_ID ? `\0${id}` : undefined),
      load: (id) => (id === `\0${SHA1_WASM_MODULE_ID}` ? sha1WasmModuleSource(root) : undefined),
    },
  ],
  test: {
    include: ["test/**/*.test.ts"],
    // The e2e tests run the built bin: build it once, fresh, before any test file.
    globalSetup: ["test/helpers/build.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
