// Time to a first green test, as a new user gets there: the generator's default path (git
// included), then the generated README's set-up block run literally, line by line, then its
// first test command. Wall time from the generator's start to pytest's exit, median of `runs`;
// each step's median too, to show where the time goes. Every run starts from an empty folder.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** The commands of the README's "## Set up" sh block, and its first `pytest` command. */
export function readmeSteps(readme) {
  const setUp = /## Set up[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  const develop = /## Develop[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!setUp || !develop) throw new Error("the generated README has no set-up or develop block");
  const test = develop.split("\n").find((line) => /-m pytest\b/.test(line));
  if (!test) throw new Error("the generated README's develop block runs no pytest");
  // Its trailing "# comment" goes, so that -q is an argument again.
  return [...setUp.split("\n").filter((line) => line.trim()), `${test.split("#")[0].trim()} -q`];
}

export function benchFirstRun({ root, env, work, runs = 5 }) {
  const totals = [];
  const perStep = [];
  for (let i = 0; i < runs; i += 1) {
    const project = path.join(work, `first-run-${i}`);
    const start = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - start) / 1e9;
    const made = spawnSync(
      process.execPath,
      [path.join(root, "bin/create-sps-plugin.cjs"), project, "--type", "credentialstore", "--yes"],
      {
        cwd: work,
        env,
        stdio: "ignore",
      },
    );
    if (made.status !== 0) throw new Error("bench: the generator failed");
    const times = [["generate", since()]];
    for (const command of readmeSteps(fs.readFileSync(path.join(project, "README.md"), "utf8"))) {
      const before = since();
      const done = spawnSync("sh", ["-c", command], {
        cwd: project,
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      if (done.status !== 0) throw new Error(`bench: ${command} failed: ${done.stderr}`);
      times.push([command, since() - before]);
    }
    totals.push(since());
    perStep.push(times);
    fs.rmSync(project, { recursive: true, force: true });
  }
  const seconds = median(totals);
  console.log(
    `First green test (generator start to the README's pytest exit), median of ${runs}: ${seconds.toFixed(2)} s`,
  );
  for (const [index, [command]] of perStep[0].entries())
    console.log(`  ${median(perStep.map((times) => times[index][1])).toFixed(2)} s  ${command}`);
  return [[`first green test ${seconds.toFixed(2)} s <= 6 s (README's commands, pip)`, seconds <= 6]];
}
