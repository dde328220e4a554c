import path from "node:path";
import { defineConfig } from "tsup";
import { TEMPLATES_MODULE_ID, templatesModuleSource } from "./scripts/templates-module.js";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  entry: ["src/cli.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  // Everything the CLI needs goes into the bundle: the published package has no dependencies.
  noExternal: [/.*/],
  // The prompt UI lands in its own chunk, loaded only when a person is asked something.
  splitting: true,
  minify: true,
  clean: true,
  esbuildPlugins: [
    {
      name: "sps-templates",
      setup(build) {
        build.onResolve({ filter: new RegExp(`^${TEMPLATES_MODULE_ID}$`) }, (args) => ({
          path: args.path,
          namespace: "sps-templates",
        }));
        build.onLoad({ filter: /.*/, namespace: "sps-templates" }, () => ({
          contents: templatesModuleSource(root),
          loader: "js",
          resolveDir: root,
        }));
      },
    },
  ],
});
