import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The e2e tests run the built bin: build it once, fresh, before any test file.
    globalSetup: ["test/helpers/build.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
