/**
 * esbuild plugins for the CLI bundle (see tsup.config.ts). Most exist for start-up time: a
 * `--yes` run is mostly Node starting, and what is left is measured by `npm run bench`.
 */
import { builtinModules } from "node:module";
import path from "node:path";

/** esbuild's plugin type, as tsup passes it through. */
type Plugin = NonNullable<import("tsup").Options["esbuildPlugins"]>[number];

/** A module made at build time: `id` resolves to what `source()` returns. */
export function virtualModule(id: string, root: string, source: () => string | Promise<string>): Plugin {
  return {
    name: id,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${id}$`) }, (args) => ({ path: args.path, namespace: id }));
      build.onLoad({ filter: /.*/, namespace: id }, async () => ({
        contents: await source(),
        loader: "js",
        resolveDir: root,
      }));
    },
  };
}

const BUILTIN = new RegExp(`^(node:)?(${builtinModules.join("|").replace(/\//g, "\\/")})$`);

/**
 * Our own modules get Node built-ins through require(), not ESM import. An ESM import of a
 * built-in builds a facade that reads every export once, and node:fs's lazy getters then load
 * fs/promises and the stream modules: about 3 ms of every run, spent on nothing we use. The
 * require() is one createRequire per output file, from `REQUIRE_BANNER`.
 *
 * Only default imports are supported (`import fs from "node:fs"`): a named import fails the
 * build. Dependencies (the prompt UI, loaded lazily) keep their imports as they are.
 */
export function builtinsByRequire(sourceDirs: string[]): Plugin {
  const ours = (file: string): boolean => sourceDirs.some((dir) => file.startsWith(dir + path.sep));
  return {
    name: "builtins-by-require",
    setup(build) {
      // A module per importer: one shared by the CLI and a lazy chunk would be split into a
      // chunk of its own, one more file to load at start-up.
      build.onResolve({ filter: BUILTIN }, (args) =>
        ours(args.importer)
          ? {
              path: `${args.importer} -> ${args.path}`,
              namespace: "builtin-by-require",
              pluginData: args.path,
            }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: "builtin-by-require" }, (args) => ({
        contents: `export default __nodeRequire(${JSON.stringify(args.pluginData)});`,
        loader: "js",
      }));
    },
  };
}

/**
 * What the CLI loads only when used (the prompt UI, git, the full Handlebars compiler) is built
 * as entries of their own and imported at run time as `./<name>.js`. As chunks of one split
 * build they would share esbuild's helpers through one more chunk, a file every run would have
 * to load. `entries` maps an import specifier to the entry file it becomes.
 */
export function separateEntries(entries: Record<string, string>): Plugin {
  const specifiers = Object.keys(entries).map((s) => s.replace(/[.]/g, "\\."));
  return {
    name: "separate-entries",
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${specifiers.join("|")})$`) }, (args) => ({
        path: entries[args.path],
        external: true,
      }));
    },
  };
}

export const REQUIRE_BANNER =
  'import { createRequire as __createRequire } from "node:module";\nconst __nodeRequire = __createRequire(import.meta.url);';
