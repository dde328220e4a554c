/**
 * A real PEP 503 package index over HTTP, for tests that install sps_dev's wheel by name:
 * the standard library's HTTP server over the simple-index layout (pypiserver and devpi are
 * not installable here), on a loopback port the OS picks. Its access log says what pip
 * fetched.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface PackageIndex {
  /** The simple index's URL, for pip's --index-url / --extra-index-url. */
  url: string;
  /**
   * The request lines the server logged, once one holds `text` (or after 5 s). Asynchronous:
   * the log arrives through the event loop, which a synchronous pip run keeps waiting.
   */
  requests(text: string): Promise<string[]>;
  stop(): Promise<void>;
}

/** PEP 503's name normalisation. */
function normalise(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

/** Lays out `wheels` as a simple index below `root` (one project page per distribution). */
export function layOutIndex(root: string, wheels: string[]): void {
  const projects = new Map<string, string[]>();
  fs.mkdirSync(path.join(root, "files"), { recursive: true });
  for (const wheel of wheels) {
    const file = path.basename(wheel);
    fs.copyFileSync(wheel, path.join(root, "files", file));
    const name = normalise(file.split("-")[0] as string);
    const sha256 = crypto.createHash("sha256").update(fs.readFileSync(wheel)).digest("hex");
    const links = projects.get(name) ?? [];
    links.push(`<a href="../../files/${file}#sha256=${sha256}">${file}</a>`);
    projects.set(name, links);
  }
  const page = (body: string): string => `<!DOCTYPE html>\n<html><body>\n${body}\n</body></html>\n`;
  fs.mkdirSync(path.join(root, "simple"), { recursive: true });
  fs.writeFileSync(
    path.join(root, "simple", "index.html"),
    page([...projects.keys()].map((n) => `<a href="${n}/">${n}</a>`).join("\n")),
  );
  for (const [name, links] of projects) {
    fs.mkdirSync(path.join(root, "simple", name), { recursive: true });
    fs.writeFileSync(path.join(root, "simple", name, "index.html"), page(links.join("\n")));
  }
}

/** Serves `root` (laid out by layOutIndex) until stop(). */
export function startIndex(python: string, root: string): Promise<PackageIndex> {
  const log: string[] = [];
  const server: ChildProcess = spawn(python, ["-u", "-m", "http.server", "--bind", "127.0.0.1", "0"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the package index did not start within 10 s")), 10_000);
    server.stderr?.on("data", (chunk: Buffer) => log.push(...chunk.toString().split("\n").filter(Boolean)));
    server.on("exit", (code) => reject(new Error(`the package index exited (${code}): ${log.join("\n")}`)));
    server.stdout?.on("data", (chunk: Buffer) => {
      const port = /port (\d+)/.exec(chunk.toString())?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${port}/simple/`,
        requests: async (text) => {
          for (let waited = 0; waited < 5000 && !log.some((line) => line.includes(text)); waited += 50)
            await new Promise((r) => setTimeout(r, 50));
          return [...log];
        },
        stop: () =>
          new Promise((done) => {
            server.removeAllListeners("exit");
            server.once("exit", () => done());
            server.kill();
          }),
      });
    });
  });
}
