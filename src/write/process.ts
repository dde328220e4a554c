/**
 * Whether the run that wrote a lock or a journal is still running: its PID alive and, where
 * the system says when a process started (Linux's /proc), started when that run did, so that
 * a PID the system has since given to another process is not taken for the run.
 */
import fs from "node:fs";

/** Whether a process of that PID runs (EPERM: it does, as another user's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process's start time in clock ticks since boot (Linux), or "" where unknown. */
export function startTimeOf(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from its end.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? "";
  } catch {
    return "";
  }
}

/** Whether the run with that PID, started at `started` ("" if unknown), still runs. */
export function processRuns(pid: number, started: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return false;
  const now = startTimeOf(pid);
  return started === "" || now === "" || now === started;
}
