/**
 * The runtime import graph of src/ (type-only imports left out; `await import()` counted as an
 * edge of its own kind, since it loads on use): its cycles and its longest chain from the
 * bundle's entry. test/unit/import-graph.test.ts holds the limits; run it to see the chain.
 *
 * Usage: node scripts/import-graph.mjs
 */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** Module (relative to the repository, .ts) -> the modules it imports at run time. */
export function importGraph(dir = path.join(root, "src")) {
  const graph = new Map();
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) graph.set(full, edgesOf(full));
    }
  };
  walk(dir);
  walk(path.join(root, "generators"));
  return new Map([...graph].map(([file, edges]) => [rel(file), edges.map(rel)]));
}

function rel(file) {
  return path.relative(root, file);
}

function edgesOf(file) {
  const text = fs.readFileSync(file, "utf8");
  const found = [];
  // Static imports and re-exports that are not type-only.
  const statement = /^(?:import|export)\s+(?!type\s)([^;]*?)\s+from\s+"(\.[^"]+)"/gms;
  for (const match of text.matchAll(statement)) {
    // `import { type A, type B }`: every name type-only, so nothing is loaded.
    const names = /\{([^}]*)\}/.exec(match[1] ?? "")?.[1];
    if (names && names.split(",").every((n) => !n.trim() || n.trim().startsWith("type "))) continue;
    found.push(resolveTs(file, match[2]));
  }
  for (const match of text.matchAll(/^import\s+"(\.[^"]+)"/gm)) found.push(resolveTs(file, match[1]));
  return found.filter(Boolean);
}

function resolveTs(from, specifier) {
  const target = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ".ts"));
  return fs.existsSync(target) ? target : undefined;
}

/** Every cycle's members (strongly connected components of more than one module, or a self-import). */
export function cycles(graph) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const found = [];
  const visit = (node) => {
    info.set(node, { index, low: index, on: true });
    index += 1;
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!info.has(next)) {
        visit(next);
        info.get(node).low = Math.min(info.get(node).low, info.get(next).low);
      } else if (info.get(next).on) info.get(node).low = Math.min(info.get(node).low, info.get(next).index);
    }
    if (info.get(node).low === info.get(node).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        info.get(member).on = false;
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!info.has(node)) visit(node);
  return found;
}

/** The longest chain of imports from `entry` (in an acyclic graph), as a list of modules. */
export function longestChain(graph, entry) {
  const memo = new Map();
  const longest = (node) => {
    if (memo.has(node)) return memo.get(node);
    let best = [node];
    for (const next of graph.get(node) ?? []) {
      const chain = [node, ...longest(next)];
      if (chain.length > best.length) best = chain;
    }
    memo.set(node, best);
    return best;
  };
  return longest(entry);
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const graph = importGraph();
  const found = cycles(graph);
  console.log(found.length ? `cycles:\n${found.map((c) => `  ${c.join(" <-> ")}`).join("\n")}` : "no cycles");
  if (!found.length) {
    const chain = longestChain(graph, "src/entry.ts");
    console.log(`longest chain from src/entry.ts (${chain.length} modules):\n  ${chain.join("\n  -> ")}`);
  }
  const core = [...graph].filter(([file]) => file.startsWith("src/core/"));
  const leaky = core.filter(([, edges]) => edges.some((e) => !e.startsWith("src/core/")));
  console.log(
    leaky.length ? `core imports outside core: ${leaky.map(([f]) => f).join(", ")}` : "core is a leaf",
  );
}
