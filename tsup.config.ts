import path from "node:path";
import { defineConfig, type Options } from "tsup";
import { separateEntries, virtualModule } from "./scripts/esbuild-plugins.js";
import { TEMPLATES_MODULE_ID, templatesModuleSource } from "./scripts/templates-module.js";

const root = path.dirname(new URL(import.meta.url).pathname);

const common: Options = {
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
    // CommonJS: Node runs it without starting its ES-module loader, and require() of a built-in
    // does not build the namespace an ES import does (node:fs's loads fs/promises, streams and
    // readline). In a "type": "module" package the files are named .cjs.
    format: ["cjs"],
    entry: {
      cli: "src/entry.ts",
      // Loaded only when used: the prompt UI, git, and the compiler for --template.
      prompts: "src/cli/prompts.ts",
      git: "src/write/git.ts",
      handlebars: "node_modules/handlebars/dist/handlebars.js",
    },
    // Each entry is a bundle of its own; they import only types from one another.
    splitting: false,
    esbuildOptions(options) {
      // import() of the separate entries becomes require(): import() would start the ES-module
      // loader for them, on the default path (git) too.
      options.supported = { ...options.supported, "dynamic-import": false };
      // Handlebars' ES-module sources instead of its CommonJS build: esbuild then hoists the
      // runtime into the bundle's scope instead of wrapping each file in a CommonJS shim that
      // runs at start-up. Tests import the package's own entry; it is the same code.
      options.alias = { "handlebars/runtime": "handlebars/lib/handlebars.runtime.js" };
    },
    esbuildPlugins: [
      separateEntries({
        "./prompts.js": "./prompts.cjs",
        "../write/git.js": "./git.cjs",
        "handlebars/dist/handlebars.js": "./handlebars.cjs",
      }),
      // dist/ holds the wheel (npm run build makes it first); the bundle finds it beside itself.
      virtualModule(TEMPLATES_MODULE_ID, root, () =>
        templatesModuleSource(root, { wheelDir: path.join(root, "dist"), wheelDirCode: "__dirname" }),
      ),
    ],
  },
  {
    ...common,
    // The plop pack: a thin ES module over dist/cli.cjs, which it imports at run time. ESM
    // because node-plop import()s a pack and calls its default export.
    format: ["esm"],
    entry: { plop: "src/cli/plop.ts" },
    noExternal: [],
    esbuildPlugins: [separateEntries({ "../library.js": "./cli.cjs" })],
  },
]);
