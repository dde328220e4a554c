import { fileURLToPath } from "node:url";
import path from "node:path";

// Resolved from this file, never from the cwd: tests run from anywhere.
export const PKG_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TEMPLATES_DIR = path.join(PKG_ROOT, "templates");
