import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { TEMPLATES_MODULE_ID, templatesModuleSource } from "./scripts/templates-module.js";

const root = path.dirname(new URL(import.meta.url).pathname);

// No run under test reaches a TLS server (verdaccio and the package indexes the tests serve are
// plain HTTP on 127.0.0.1), but every Node start reads the machine's extra CA bundle when this
// names one: 45 ms of CPU a start here (node -e 0: 85 ms -> 40 ms), over hundreds of starts of
// the bin. The test files' processes, and all they start, inherit this process's environment.
delete process.env.NODE_EXTRA_CA_CERTS;

export default defineConfig({
  plugins: [
    {
      // The same precompiled templates the bundle gets, built fresh from templates/.
      name: "sps-templates",
      resolveId: (id) => (id === TEMPLATES_MODULE_ID ? `\0${id}` : undefined),
      // The wheel is the one the global setup's build put into dist/.
      load: (id) =>
        id === `\0${TEMPLATES_MODULE_ID}`
          ? templatesModuleSource(root, {
              wheelDir: path.join(root, "dist"),
              wheelDirCode: JSON.stringify(path.join(root, "dist")),
            })
          : undefined,
    },
  ],
  test: {
    include: ["test/**/*.test.ts"],
    // The e2e tests run the built bin: build it once, fresh, before any test file.
    globalSetup: ["test/helpers/build.ts"],
    // SUITE_TIMES=FILE: each file's CPU and wall seconds appended to FILE (see the helper).
    setupFiles: process.env.SUITE_TIMES ? ["test/helpers/cpu-times.ts"] : [],
    testTimeout: 120_000,
    // One test file per core, not vitest's default of one less: the e2e files spend most of
    // their time waiting on the processes they start (the bin, git, Python), so two files side
    // by side on two cores finish sooner (hostile + killed-runs: 126 s alone, 98 s paired).
    maxWorkers: os.availableParallelism(),
    // Where the runs under test keep this user's journal key (see src/write/owner-secret.ts):
    // a folder of the suite's, never the developer's own ~/.local/state.
    env: {
      XDG_STATE_HOME: path.join(os.tmpdir(), `create-sps-plugin-suite-state-${process.getuid?.() ?? 0}`),
    },
    hookTimeout: 180_000,
    // `npm run coverage`: line coverage of src/ by what runs in vitest's own processes. The
    // e2e files run the bundled bin in child processes, which this does not see.
    coverage: { provider: "v8", include: ["src/**/*.ts"], reporter: ["text-summary"] },
  },
});
