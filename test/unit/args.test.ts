import { describe, expect, it } from "vitest";
import { gatherAnswers } from "../../src/answers/answers.js";
import { parseFlags, renderUsage } from "../../src/cli/args.js";
import { CliError } from "../../src/core/errors.js";
import { EXAMPLE_VALUES } from "../../src/answers/example-values.js";
import { nextSteps, packageManager } from "../../src/cli/next-steps.js";

function usageErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error("expected a usage error");
}

describe("parseFlags", () => {
  it("reads the documented flags", () => {
    const flags = parseFlags([
      "dir",
      "-t",
      "credentialstore",
      "-n",
      "Acme",
      "--sps",
      "8.0",
      "-y",
      "--no-git",
    ]);
    expect(flags).toMatchObject({
      given: { directory: "dir", type: "credentialstore", name: "Acme", sps: "8.0" },
      yes: true,
      git: false,
    });
  });

  it.each([
    [["--nmae", "x"], /Unknown option '--nmae'/],
    [["a", "b"], /\[directory\]: expected one directory, got 2/],
    [["--name"], /--name/],
  ])("refuses %j", (argv, message) => expect(usageErrorOf(() => parseFlags(argv))).toMatch(message));

  it("help lists every flag", () => {
    const usage = renderUsage("9.9.9");
    for (const flag of [
      "--type",
      "--name",
      "--description",
      "--author",
      "--email",
      "--sps",
      "--yes",
      "--no-git",
    ]) {
      expect(usage).toContain(flag);
    }
    expect(usage).toMatchSnapshot();
  });
});

describe("gatherAnswers", () => {
  it("without a terminal or --yes, names the missing flags", async () => {
    await expect(gatherAnswers({}, { yes: false })).rejects.toThrow(
      "missing [directory] and --type: there is no terminal to ask, so pass them, or --yes to accept the defaults",
    );
  });

  it("checks given values before asking anything", async () => {
    const ask = async (): Promise<string> => {
      throw new Error("must not be asked");
    };
    await expect(gatherAnswers({ email: "nope" }, { yes: false, ask })).rejects.toThrow(/^--email: must be/);
  });

  it("--yes derives the name from the directory", async () => {
    const answers = await gatherAnswers({ directory: "plugins/acme-vault" }, { yes: true });
    expect(answers).toMatchObject({ name: "acme_vault", type: "credentialstore", sps: "7.0", author: "" });
  });

  it("a derived name that is not usable says which flag fixes it", async () => {
    await expect(gatherAnswers({ directory: "json" }, { yes: true })).rejects.toThrow(
      /^--name \(the default\): .*shadow.*; pass --name to choose another$/,
    );
  });

  it("asks for what is missing, offering defaults", async () => {
    const asked: string[] = [];
    const answers = await gatherAnswers(
      { directory: "x-vault", type: "credentialstore" },
      {
        yes: false,
        ask: async (option, fallback) => {
          asked.push(`${option.key}=${fallback}`);
          return option.key === "author" ? "Jane" : fallback;
        },
      },
    );
    expect(asked).toEqual([
      "starter=example",
      "name=x_vault",
      "description=Fetches server-side credentials for SPS sessions from an external vault",
      "author=",
      "email=",
      "sps=7.0",
    ]);
    expect(answers.author).toBe("Jane");
  });

  it("offers a description of what the chosen starter's code does", async () => {
    const answers = await gatherAnswers({ directory: "gate", type: "aa", starter: "minimal" }, { yes: true });
    expect(answers.description).toBe("Decides whether a privileged session may start");
  });
});

describe("next steps", () => {
  it.each([
    ["pnpm/9.1.0 npm/? node/v20.20.2 linux x64", "pnpm"],
    ["yarn/1.22.19 npm/? node/v20", "yarn"],
    ["npm/11.19.1 node/v20.20.2 linux x64 workspaces/false", "npm"],
    [undefined, "npm"],
  ])("package manager of %s", (agent, pm) => expect(packageManager(agent)).toBe(pm));

  it("speaks the package manager's words and quotes odd paths", () => {
    const text = nextSteps("my vault", "/home/u", "pnpm/9.1.0 node/v20");
    expect(text).toContain("cd 'my vault'");
    expect(text).toContain("pnpm create sps-plugin");
    expect(nextSteps("/srv/x", "/home/u", undefined)).toContain("cd /srv/x");
    const { ticketQuestion } = EXAMPLE_VALUES;
    // The sample ticket is read from default.cfg, and the verdict asserted.
    expect(nextSteps("x", "/", undefined, "aa")).toContain(
      `simulate --answer-from ${ticketQuestion}=ticket.example --expect ACCEPT`,
    );
    expect(nextSteps("x", "/", undefined, "aa", "minimal")).not.toContain("--answer");
    expect(nextSteps("x", "/", undefined)).not.toContain("--answer");
  });
});

describe("README", () => {
  it("shows the --help text as the CLI prints it", async () => {
    const fs = await import("node:fs");
    const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const { version } = JSON.parse(
      fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as {
      version: string;
    };
    expect(readme).toContain(renderUsage(version).split("\n").slice(2).join("\n"));
  });
});
