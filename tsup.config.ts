import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/cli.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  // Everything the CLI needs goes into the bundle: the published package has no dependencies.
  noExternal: [/.*/],
  splitting: true,
  clean: true,
  sourcemap: false,
});
