import path from "node:path";
import { defineConfig, type Options } from "tsup";
import { TEMPLATES_MODULE_ID, templatesModuleSource } from "./scripts/templates-module.js";

const root = path.dirname(new URL(import.meta.url).pathname);

const common: Options = {
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  // Everything the CLI needs goes into the bundle: the published package has no dependencies.
  noExternal: [/.*/],
  minify: true,
  // `npm run build` empties dist/ first; the two builds below run side by side.
  clean: false,
};

export default defineConfig([
  {
    ...common,
    entry: { cli: "src/cli.ts" },
    // The prompt UI, git and update land in chunks of their own, loaded only when used.
    splitting: true,
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
  },
  {
    ...common,
    // The plop pack: a thin module over dist/cli.js, which it imports at run time.
    entry: { plop: "src/plop.ts" },
    noExternal: [],
    external: ["./cli.js"],
  },
]);
