import { fileURLToPath } from "node:url";
import path from "node:path";

// Resolved from this module, never from the user's cwd: node-plop resolves relative template
// paths against the cwd, which breaks as soon as the tool runs from anywhere else.
// Both src/ (tests, tsc) and dist/ (the bundle) sit one level below the package root.
export const PKG_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const TEMPLATES_DIR = path.join(PKG_ROOT, "templates");
