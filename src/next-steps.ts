/** The message printed after a successful run. */
import path from "node:path";

/** `npm`, `pnpm`, `yarn` or `bun`, from the user agent the package manager sets for `create`. */
export function packageManager(userAgent: string | undefined): string {
  const name = userAgent?.split(" ")[0]?.split("/")[0];
  return name && ["npm", "pnpm", "yarn", "bun"].includes(name) ? name : "npm";
}

export function nextSteps(
  directory: string,
  cwd: string,
  userAgent: string | undefined,
  type: "aa" | "credentialstore" = "credentialstore",
): string {
  // As typed when absolute; relative paths are shown from where the user stands.
  const relative = path.isAbsolute(directory)
    ? directory
    : path.relative(cwd, path.resolve(cwd, directory)) || ".";
  const cd = /[^\w./-]/.test(relative) ? `cd '${relative.replace(/'/g, "'\\''")}'` : `cd ${relative}`;
  const pm = packageManager(userAgent);
  const again = pm === "npm" ? "npm create sps-plugin@latest" : `${pm} create sps-plugin`;
  return [
    "Next steps:",
    ...(relative === "." ? [] : [`  ${cd}`]),
    "  python3 -m venv .venv && .venv/bin/pip install -r requirements-dev.txt",
    "  .venv/bin/python -m pytest          # the plugin's tests",
    type === "aa"
      ? "  .venv/bin/python -m sps_dev simulate --answer ticket_id=CHG-1042  # one connection, as SPS runs it"
      : "  .venv/bin/python -m sps_dev simulate # one connection, the way SPS calls the hooks",
    "  .venv/bin/python -m sps_dev check    # what SPS checks at upload",
    "  .venv/bin/python -m sps_dev build    # dist/<name>-<version>.zip, to upload to SPS",
    "",
    `Another plugin: ${again}`,
  ].join("\n");
}
