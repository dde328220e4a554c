import path from "node:path";
import { defineConfig, type Options } from "tsup";
import { separateEntries, virtualModule } from "./scripts/esbuild-plugins.js";
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
    entry: {
      cli: "src/cli/cli.ts",
      // Loaded only when used: the prompt UI, git, and the compiler for --template.
      prompts: "src/cli/prompts.ts",
      git: "src/write/git.ts",
      handlebars: "node_modules/handlebars/dist/handlebars.js",
    },
    // Each entry is a bundle of its own; they import only types from one another.
    splitting: false,
    // tsup's own node: handling would otherwise turn every built-in into an ESM import first.
    removeNodeProtocol: false,
    esbuildOptions(options) {
      // Handlebars' ES-module sources instead of its CommonJS build: esbuild then hoists the
      // runtime into the bundle's scope instead of wrapping each file in a CommonJS shim that
      // runs at start-up. Tests import the package's own entry; it is the same code.
      options.alias = { "handlebars/runtime": "handlebars/lib/handlebars.runtime.js" };
    },
    esbuildPlugins: [
      separateEntries({
        "./prompts.js": "./prompts.js",
        "../write/git.js": "./git.js",
        "handlebars/dist/handlebars.js": "./handlebars.js",
      }),
      virtualModule(TEMPLATES_MODULE_ID, root, () => templatesModuleSource(root)),
    ],
  },
  {
    ...common,
    // The plop pack: a thin module over dist/cli.js, which it imports at run time.
    entry: { plop: "src/cli/plop.ts" },
    noExternal: [],
    external: ["./cli.js"],
  },
]);
