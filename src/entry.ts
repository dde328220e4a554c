/**
 * The package's one bundle (dist/cli.cjs): the command line's `main`, which bin/ runs, and the
 * library surface (library.ts), which the plop pack imports. One copy of the core for both.
 */
export { main } from "./cli/cli.js";
export * from "./library.js";
