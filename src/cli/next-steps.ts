/** The message printed after a successful run. */
import path from "node:path";
import { simulateArguments } from "../answers/example-values.js";
import type { PluginType } from "../answers/plugin-types.js";
import type { Starter } from "../answers/starters.js";

/** `npm`, `pnpm`, `yarn` or `bun`, from the user agent the package manager sets for `create`. */
export function packageManager(userAgent: string | undefined): string {
  const name = userAgent?.split(" ")[0]?.split("/")[0];
  return name && ["npm", "pnpm", "yarn", "bun"].includes(name) ? name : "npm";
}

export function nextSteps(
  directory: string,
  cwd: string,
  userAgent: string | undefined,
  type: PluginType = "credentialstore",
  starter: Starter = "example",
): string {
  // As typed when absolute; relative paths are shown from where the user stands.
  const relative = path.isAbsolute(directory)
    ? directory
    : path.relative(cwd, path.resolve(cwd, directory)) || ".";
  const cd = /[^\w./-]/.test(relative) ? `cd '${relative.replace(/'/g, "'\\''")}'` : `cd ${relative}`;
  const pm = packageManager(userAgent);
  const simulate = simulateArguments(type, starter);
  const again = pm === "npm" ? "npm create sps-plugin@latest" : `${pm} create sps-plugin`;
  return [
    "Next steps:",
    ...(relative === "." ? [] : [`  ${cd}`]),
    "  python3 -m venv --without-pip .venv  # the tools need Python 3.10+",
    "  python3 -m pip --python .venv/bin/python install --no-compile -r requirements-dev.txt",
    "  .venv/bin/python -m pytest          # the plugin's tests",
    `  .venv/bin/python -m sps_dev simulate${simulate ? ` ${simulate}` : ""}  # one connection, as SPS runs it`,
    "  .venv/bin/python -m sps_dev check    # what SPS checks at upload",
    "  .venv/bin/python -m sps_dev build    # dist/<name>-<version>.zip, to upload to SPS",
    "(Windows: .venv\\Scripts\\python in place of .venv/bin/python; README.md shows uv too.)",
    "",
    `Another plugin: ${again}`,
  ].join("\n");
}
