import { describe, expect, it } from "vitest";
import { PROJECT_MODULES } from "../../src/answers/python-names.js";
import { checkName } from "../../src/answers/validate.js";
import { run, TOOLS_PYTHON } from "../helpers/run.js";
import { PKG_ROOT } from "../helpers/paths.js";

// What the generated project's dev tools really install: every distribution of
// requirements-dev.txt and its dependencies, as the tools venv (set up from it) holds them.
const INSTALLED_TOPS = `
import importlib.metadata as md, re, sys
queue = [re.split(r"[ =<>!~;\\[]", l)[0] for l in open(sys.argv[1]) if l.strip() and not l.startswith(("#", "-", "{{"))]
seen, tops = set(), set()
while queue:
    name = queue.pop()
    key = re.sub(r"[-_.]+", "-", name).lower()
    if key in seen: continue
    seen.add(key)
    try: dist = md.distribution(name)
    except md.PackageNotFoundError: continue
    for f in dist.files or []:
        top = str(f).split("/")[0]
        if top.endswith((".dist-info", ".data")) or top in ("..", "bin") or "__" in top: continue
        tops.add(top[:-3] if top.endswith(".py") else top.split(".")[0])
    queue += [re.split(r"[ ;<>=!~\\[(]", r)[0] for r in dist.requires or [] if "extra ==" not in r]
print("\\n".join(sorted(tops)))
`;

describe("PROJECT_MODULES", () => {
  it("holds every module the generated project's dev tools install", () => {
    const listed = run(TOOLS_PYTHON, [
      "-c",
      INSTALLED_TOPS,
      `${PKG_ROOT}/templates/base/requirements-dev.txt.hbs`,
    ]);
    expect(listed.status, listed.stderr).toBe(0);
    const tops = listed.stdout.trim().split("\n");
    expect(tops).toContain("pytest");
    expect(tops).toContain("sps_dev");
    expect(tops.filter((name) => !PROJECT_MODULES.has(name))).toEqual([]);
  });

  it.each(["Pytest", "Yaml", "Mypy", "Pluggy", "Iniconfig", "Ruff", "Sps_dev", "Packaging", "Main"])(
    "refuses the plugin name %s, whose package would shadow a module the project uses",
    (name) => {
      expect(checkName(name)).toContain("would shadow a module of the same name");
    },
  );
});
