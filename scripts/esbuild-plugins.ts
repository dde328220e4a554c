/**
 * esbuild plugins for the CLI bundle (see tsup.config.ts): the templates as a virtual module,
 * and the modules loaded only when used as entries of their own.
 */

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
