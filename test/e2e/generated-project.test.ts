/**
 * Generated projects checked with their own tools, for each combination of options: pytest,
 * mypy --strict, ruff check, ruff format --check with zero edits; the MANIFEST as SPS's
 * validator reads it (PyYAML safe_load); default.cfg through configparser; and a whole
 * session of the plugin on the oldest and newest Python it must run on.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLE_VALUES } from "../../src/answers/example-values.js";
import { spsRelease } from "../../src/answers/sps-releases.js";
import {
  PLUGIN_ENV,
  pythonFor,
  run,
  runCli,
  runMypy,
  tempDir,
  TOOLS_BIN,
  TOOLS_PYTHON,
  type Ran,
} from "../helpers/run.js";
import { HOSTILE } from "../helpers/hostile.js";

const root = tempDir();
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function ok(result: Ran, what: string): string {
  expect(result.status, `${what}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

const { vaultSection, sampleAccount, ticketQuestion, sampleTicket } = EXAMPLE_VALUES;
const SIMULATIONS = {
  "credentialstore-example": {
    // The example account switched on, its secret given as the local credential store would.
    config: (cfg: string) =>
      cfg
        .replace(`; ${sampleAccount}`, sampleAccount)
        .replace(`; question = ${ticketQuestion}`, `question = ${ticketQuestion}`),
    args: ["--verbose", "--secret", `${vaultSection}/${sampleAccount}=s3cret-value`],
    expect: ['"passwords": ["***"]', "ok: 3 hook calls"],
    secret: "s3cret-value",
  },
  "aa-example": {
    config: (cfg: string) => cfg,
    args: ["--verbose", "--answer", `${ticketQuestion}=${sampleTicket}`],
    expect: [
      `"question": ["${ticketQuestion}", "Ticket id:", false]`,
      "ok: 4 hook calls",
      "AA verdict ACCEPT",
    ],
    secret: "gateway-password-never-logged",
  },
  // The stubs: SPS asks the user for the password; the connection is let through.
  "credentialstore-minimal": {
    config: (cfg: string) => cfg,
    args: ["--verbose", "--remote-app", "payroll"],
    expect: ['"passwords": []', "get_remote_app_credentials", "ok: 4 hook calls"],
    secret: "gateway-password-never-logged",
  },
  "aa-minimal": {
    config: (cfg: string) => cfg,
    args: ["--verbose"],
    expect: ["ok: 3 hook calls", "AA verdict ACCEPT"],
    secret: "gateway-password-never-logged",
  },
};
const SECTIONS = {
  "credentialstore-example": ["logging", "credential_store", vaultSection, "ticket"],
  "aa-example": ["logging", "credential_store", "ticket", "otp", "otp-secrets"],
  "credentialstore-minimal": ["logging"],
  "aa-minimal": ["logging"],
};

// Every option that changes generated text is varied at least once, for each plugin type
// and starter.
const MATRIX = [
  {
    dir: "acme-vault",
    starter: "example",
    type: "credentialstore",
    sps: "7.0",
    flags: ["--author", "Jane Doe", "--email", "jane@example.com"],
  },
  { dir: "vault8", type: "credentialstore", starter: "example", sps: "8.0", flags: ["-n", "HTTPVault"] },
  {
    dir: "hostile",
    starter: "example",
    type: "credentialstore",
    sps: "9.0",
    flags: ["--description", HOSTILE, "--author", HOSTILE],
  },
  {
    dir: "ticket-gate",
    starter: "example",
    type: "aa",
    sps: "7.0",
    flags: ["--author", "Jane Doe", "--email", "jane@example.com"],
  },
  {
    dir: "aa-hostile",
    starter: "example",
    type: "aa",
    sps: "9.0",
    flags: ["-n", "OTPGate", "--description", HOSTILE, "--author", HOSTILE],
  },
  { dir: "stub-vault", type: "credentialstore", starter: "minimal", sps: "7.0", flags: [] },
  {
    dir: "stub-gate",
    type: "aa",
    starter: "minimal",
    sps: "9.0",
    flags: ["-n", "StubGate", "--description", HOSTILE, "--author", HOSTILE],
  },
] as const;

describe.each(MATRIX)(
  "generated project $dir ($type, $starter, SPS $sps)",
  ({ dir, type, starter, sps, flags }) => {
    const project = path.join(root, dir);
    const inProject = { cwd: project, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } };
    const simulation = SIMULATIONS[`${type}-${starter}`];

    it("is generated", () => {
      ok(
        runCli([dir, "-t", type, "--starter", starter, "--sps", sps, "--yes", "--no-git", ...flags], root),
        "create-sps-plugin",
      );
    });

    it("passes its own pytest", () => {
      expect(
        ok(run(TOOLS_PYTHON, ["-m", "pytest", "-q", "-p", "no:cacheprovider"], inProject), "pytest"),
      ).toMatch(/\d+ passed/);
    });

    it("passes mypy --strict (as configured in pyproject.toml)", () => {
      const pyproject = fs.readFileSync(path.join(project, "pyproject.toml"), "utf8");
      expect(pyproject).toMatch(/^strict = true$/m);
      expect(ok(runMypy(project), "mypy")).toContain("Success: no issues found");
    });

    it("passes ruff check and ruff format --check with zero edits", () => {
      ok(run(path.join(TOOLS_BIN, "ruff"), ["check", "--no-cache"], inProject), "ruff check");
      ok(run(path.join(TOOLS_BIN, "ruff"), ["format", "--check", "--no-cache"], inProject), "ruff format");
    });

    it("has a MANIFEST SPS reads as intended and a default.cfg configparser reads", () => {
      const script = `
import configparser, json, yaml
manifest = yaml.safe_load(open("MANIFEST", encoding="utf-8"))
parser = configparser.ConfigParser(interpolation=None)
parser.read("default.cfg", encoding="utf-8")
print(json.dumps({"manifest": manifest, "sections": parser.sections()}))`;
      const out = JSON.parse(ok(run(TOOLS_PYTHON, ["-c", script], inProject), "read back")) as {
        manifest: Record<string, unknown>;
        sections: string[];
      };
      expect(out.manifest).toMatchObject({
        version: "0.1.0",
        type,
        api: spsRelease(sps).api,
        entry_point: "main.py",
        scb_min_version: spsRelease(sps).scbMinVersion,
      });
      expect(out.manifest.name).toMatch(/^[a-zA-Z][a-zA-Z0-9_]+$/);
      if ((flags as readonly string[]).includes(HOSTILE)) {
        expect(out.manifest.description).toBe(HOSTILE);
        expect(out.manifest.author_name).toBe(HOSTILE);
      }
      expect(out.sections).toEqual(SECTIONS[`${type}-${starter}`]);
    });

    it.each(["3.8", "3.12"])(
      "runs a whole connection under Python %s with the standard library only",
      (version) => {
        const python = pythonFor(version);
        const config = `simulate-${version}.cfg`;
        fs.writeFileSync(
          path.join(project, config),
          simulation.config(fs.readFileSync(path.join(project, "default.cfg"), "utf8")),
        );
        // sps_dev alone (PLUGIN_ENV, -s): nothing else installed can stand in for the stdlib.
        const out = ok(
          run(python, ["-s", "-m", "sps_dev", "simulate", "--config", config, ...simulation.args], {
            ...inProject,
            env: PLUGIN_ENV,
          }),
          `simulate on ${version}`,
        );
        fs.rmSync(path.join(project, config));
        for (const text of simulation.expect) expect(out).toContain(text);
        expect(out).not.toContain(simulation.secret);
        ok(
          run(
            python,
            ["-E", "-s", "-m", "compileall", "-q", "main.py", ...pluginPackage(project)],
            inProject,
          ),
          "compileall",
        );
      },
    );

    it("makes a hook call without importing typing, dataclasses or anything SPS's floor does not load", () => {
      // SPS starts the plugin for every hook call: each module it imports is paid on every login.
      const [hook, args] =
        type === "aa"
          ? ["authenticate", "gateway_user='alice', server_username='root', key_value_pairs={}"]
          : ["get_password_list", "server_username='root', server_hostname='db1.example.com'"];
      const script = [
        "import sys",
        "floor = set(sys.modules)",
        "import json, configparser, logging",
        "floor |= set(sys.modules)",
        "sys.path.insert(0, '.')",
        "import main",
        `main.Plugin(open('default.cfg', encoding='utf-8').read()).${hook}(${args})`,
        "print(' '.join(sorted(m for m in set(sys.modules) - floor if '.' not in m)))",
      ].join("\n");
      const loaded = ok(run(pythonFor("3.12"), ["-S", "-E", "-c", script], inProject), "hook call")
        .trim()
        .split(" ");
      // The plugin's own package, main and __future__: nothing else.
      expect(loaded.sort()).toEqual(["__future__", "main", ...pluginPackage(project)].sort());
    });

    it("builds the ZIP", () => {
      expect(ok(run(TOOLS_PYTHON, ["-m", "sps_dev", "build"], inProject), "build").trim()).toMatch(
        /^dist\/.+-0\.1\.0\.zip$/,
      );
    });
  },
);

describe("an AA plugin and a credential store in one connection", () => {
  it("hands the ticket the AA plugin asked for to the credential store through session_cookie", () => {
    const cs = path.join(root, "acme-vault");
    fs.writeFileSync(
      path.join(cs, "both.cfg"),
      SIMULATIONS["credentialstore-example"].config(fs.readFileSync(path.join(cs, "default.cfg"), "utf8")),
    );
    const out = ok(
      run(
        pythonFor("3.8"),
        [
          "-s",
          "-m",
          "sps_dev",
          "simulate",
          "--config",
          "both.cfg",
          ...SIMULATIONS["credentialstore-example"].args,
          "--remote-app",
          EXAMPLE_VALUES.remoteApp,
          "--with",
          "../ticket-gate",
          "--answer",
          "ticket_id=CHG-77",
        ],
        { cwd: cs, env: PLUGIN_ENV },
      ),
      "simulate --with",
    );
    const calls = out.split("\n").filter((line) => line.startsWith("-> "));
    expect(calls.map((line) => line.replace(/\] (\w+)\(.*$/, "] $1"))).toEqual([
      "-> [ticket_gate (aa)] authenticate",
      "-> [ticket_gate (aa)] authenticate",
      "-> [ticket_gate (aa)] authorize",
      "-> [acme_vault (credentialstore)] get_password_list",
      "-> [acme_vault (credentialstore)] authentication_completed",
      "-> [acme_vault (credentialstore)] get_remote_app_credentials",
      "-> [acme_vault (credentialstore)] session_ended",
      "-> [ticket_gate (aa)] session_ended",
    ]);
    // The credential store saw the AA plugin's answer and recorded it with its checkout.
    expect(calls[3]).toContain('"questions": {"ticket_id": "CHG-77"}');
    expect(out).toContain('"ticket": "CHG-77"');
    expect(calls[5]).toContain(`"asset": "${EXAMPLE_VALUES.remoteApp}"`);
    expect(out).toContain("ok: 8 hook calls");
  });
});

function pluginPackage(project: string): string[] {
  const tools = ["tests"];
  return fs
    .readdirSync(project)
    .filter((d) => !tools.includes(d) && fs.existsSync(path.join(project, d, "__init__.py")));
}
