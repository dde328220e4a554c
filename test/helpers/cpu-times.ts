/**
 * With SUITE_TIMES=FILE, each test file appends one line to FILE: the CPU seconds it used
 * (its own process and every process it started and waited for, from /proc/self/stat: Linux
 * only), its wall seconds, and its path. The closing notes' per-file tables come from it:
 *   SUITE_TIMES=/tmp/times.tsv npx vitest run && sort -rn /tmp/times.tsv
 */
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";

/** utime + stime + cutime + cstime of this process, in seconds (clock ticks of 1/100 s). */
function cpuSeconds(): number {
  const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0) / 100;
}

let cpu = 0;
let wall = 0;
let file = "";
beforeAll(() => {
  cpu = cpuSeconds();
  wall = performance.now();
});
beforeEach(() => {
  file = expect.getState().testPath ?? file;
});
afterAll(() => {
  const used = (cpuSeconds() - cpu).toFixed(1);
  const took = ((performance.now() - wall) / 1000).toFixed(1);
  fs.appendFileSync(
    process.env.SUITE_TIMES as string,
    `${used}\t${took}\t${file.replace(/^.*?\/test\//, "test/")}\n`,
  );
});
