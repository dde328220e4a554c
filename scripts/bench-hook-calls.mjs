// Part of `npm run bench`: what one SPS hook call costs a generated plugin. SPS starts the
// plugin afresh for every hook call, so the figure is a new interpreter that imports the
// plugin, builds Plugin(default.cfg) and makes the first hook call of a connection, next to
// the floor any such plugin pays (`import json, configparser, logging`) and to what an
// SDK-based plugin pays at least (`import requests, yaml`). Python 3.11 itself (not a pyenv
// shim), `-S` on every side, alternating rounds, medians.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const FIRST_CALL = {
  credentialstore: [
    "get_password_list",
    {
      session_id: "svc/b:0/ssh/1",
      cookie: {},
      session_cookie: {},
      protocol: "ssh",
      client_ip: "192.0.2.10",
      gateway_username: "alice",
      server_username: "root",
      server_hostname: "db1.example.com",
      server_port: 22,
    },
  ],
  aa: [
    "authenticate",
    {
      session_id: "svc/b:0/ssh/1",
      cookie: {},
      session_cookie: {},
      protocol: "ssh",
      client_ip: "192.0.2.10",
      gateway_user: "alice",
      server_username: "root",
      key_value_pairs: {},
    },
  ],
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** requests for the SDK-like contender, installed once beside the tools (pure wheels). */
function requestsSite(root, toolsPython) {
  const site = path.join(root, ".tools", "bench-site");
  if (!fs.existsSync(path.join(site, "requests"))) {
    const env = { ...process.env, PIP_RETRIES: "0", PIP_DISABLE_PIP_VERSION_CHECK: "1" };
    const pip = spawnSync(toolsPython, ["-m", "pip", "install", "-q", "--target", site, "requests"], { env });
    if (pip.status !== 0) return undefined;
  }
  return site;
}

/**
 * Prints the table and returns verdict lines. `projects`: { "credentialstore example": dir, … }.
 */
export function benchHookCalls({ root, toolsPython, projects, runs }) {
  const python = execFileSync(toolsPython, ["-c", "import sys; print(sys._base_executable)"], {
    encoding: "utf8",
  }).trim();
  const toolsSite = execFileSync(
    toolsPython,
    ["-c", "import yaml, os; print(os.path.dirname(os.path.dirname(yaml.__file__)))"],
    {
      encoding: "utf8",
    },
  ).trim();
  // Bytecode as Python keeps it after a plugin's first call (where the folder is writable).
  const env = { ...process.env };
  delete env.PYTHONDONTWRITEBYTECODE;
  for (const dir of Object.values(projects)) execFileSync(python, ["-m", "compileall", "-q", dir], { env });

  const contenders = { floor: "import json, configparser, logging" };
  for (const [name, dir] of Object.entries(projects)) {
    const [hook, args] = FIRST_CALL[name.split(" ")[0]];
    contenders[name] = [
      `import sys; sys.path.insert(0, ${JSON.stringify(dir)})`,
      "import main",
      `config = open(${JSON.stringify(path.join(dir, "default.cfg"))}, encoding="utf-8").read()`,
      `main.Plugin(config).${hook}(**${JSON.stringify(args)})`,
    ].join("\n");
  }
  const site = requestsSite(root, toolsPython);
  if (site) {
    contenders["import requests, yaml"] =
      `import sys; sys.path[:0] = [${JSON.stringify(site)}, ${JSON.stringify(toolsSite)}]\nimport requests, yaml`;
  }
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let i = 0; i < runs + 2; i += 1) {
    for (const [name, code] of Object.entries(contenders)) {
      const start = process.hrtime.bigint();
      const result = spawnSync(python, ["-S", "-c", code], { env, stdio: ["ignore", "ignore", "pipe"] });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
      if (i >= 2) samples[name].push(seconds);
    }
  }
  const floor = median(samples.floor);
  const ratio = (name) => median(samples[name]) / floor;
  console.log(`One hook call as SPS makes it (Python ${python}, -S), median of ${runs} alternating runs:`);
  for (const name of Object.keys(contenders)) {
    console.log(
      `  ${name.padEnd(26)} ${(median(samples[name]) * 1000).toFixed(1).padStart(7)} ms  ${ratio(name).toFixed(2)}x floor`,
    );
  }
  if (!site) console.log("  import requests, yaml      not measured: pip could not install requests here");
  return Object.keys(projects).map((name) => [
    `hook call, ${name}: ${ratio(name).toFixed(2)}x floor <= 1.2x (stretch 1.1x: ${ratio(name) <= 1.1 ? "met" : "not met"})`,
    ratio(name) <= 1.2,
  ]);
}
