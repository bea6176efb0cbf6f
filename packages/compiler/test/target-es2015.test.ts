// `target: "es2015"` (promise mode for engines without async functions): the output and the
// runtime entry it imports (`@coro/runtime/promise-es2015`) use ES2015 syntax only — checked by
// parsing them with acorn at ecmaVersion 2015, which the default entry (native async syntax in
// its driver) fails, so the check can fail — and the program runs as it does natively. The
// driver's semantics are judged elsewhere: every fixture (fixtures.test.ts), the generated
// microtask-order programs (generated-promise.test.ts) and test262 (`pnpm test262 --mode promise
// --target es2015`) compare it with native Node.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "acorn";
import { describe, expect, it } from "vitest";
import coroBabelPlugin from "../src/babel.js";
import { transform } from "../src/index.js";
import { root } from "./load.js";

const RUNTIME_DIST = join(root, "packages", "runtime", "dist");

/** Every file of the module graph of `entry` (relative imports and re-exports). */
function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s*"(\.[^"]+)"/g)) visit(resolve(dirname(file), m[1]!));
    for (const m of text.matchAll(/(?:^|\n)\s*import\s*"(\.[^"]+)"/g)) visit(resolve(dirname(file), m[1]!));
  };
  visit(entry);
  return [...seen];
}

/** The first file of `files` that is not ES2015 syntax, with acorn's message; undefined if none. */
function firstNotEs2015(files: string[]): string | undefined {
  for (const file of files) {
    try {
      parse(readFileSync(file, "utf8"), { ecmaVersion: 2015, sourceType: "module" });
    } catch (error) {
      return `${file}: ${(error as Error).message}`;
    }
  }
  return undefined;
}

// ES2015 syntax apart from what coro compiles (async functions, arrows and methods, await,
// for await, async generators, generator methods of classes, whose own prototypes once needed a
// static block): no **, no object spread, no optional catch binding, no ?. or ??.
const PROGRAM = `
const log = [];
const sleep = (ms, v) => new Promise((resolve) => setTimeout(() => resolve(v), ms));
class Store {
  constructor() { this.items = []; }
  async add(x) { await sleep(1); this.items.push(x); return this.items.length; }
  static async make(xs) { const s = new Store(); for (const x of xs) await s.add(x); return s; }
}
async function* countdown(n) {
  try {
    while (n > 0) { yield n; n--; await null; }
  } finally {
    log.push("countdown closed");
  }
}
async function* relay(source) { yield* source; }
class Bag {
  constructor(xs) { this.xs = xs; }
  *[Symbol.iterator]() { yield* this.xs; }
  static *of(a, b) { yield a; yield b; }
}
const Pager = class { async *pages(n) { for (let i = 1; i <= n; i++) yield "page " + i; } };
const thenable = { then(resolve) { resolve("thenable"); } };
async function main() {
  const s = await Store.make(["a", "b"]);
  log.push(s.items.join(","));
  for await (const n of relay(countdown(3))) { log.push("n" + n); if (n === 2) break; }
  for await (const v of [Promise.resolve("p"), "plain", thenable]) log.push(v);
  try {
    await Promise.reject(new Error("boom"));
  } catch (e) {
    log.push("caught " + e.message);
  } finally {
    log.push("finally");
  }
  log.push([...new Bag([1, 2])].join("+"), [...Bag.of(3, 4)].join("+"), Pager.name);
  log.push(String(Object.getPrototypeOf(new Bag([])[Symbol.iterator]()) === Bag.prototype[Symbol.iterator].prototype));
  for await (const page of new Pager().pages(2)) log.push(page);
  const [x, y] = await Promise.all([(async () => 1)(), sleep(2, 2)]);
  log.push("sum " + (x + y));
  Promise.resolve().then(() => log.push("tick 1")).then(() => log.push("tick 2"));
  await null;
  log.push("after one await");
  await thenable;
  log.push("after a thenable");
  return log;
}
main().then((lines) => console.log(lines.join("\\n")));
`;

describe("target es2015", () => {
  it("the runtime entry's whole module graph is ES2015 syntax; the default entry's is not", () => {
    const graph = moduleGraph(join(RUNTIME_DIST, "es2015", "promise-es2015.js"));
    expect(graph.length).toBeGreaterThan(5);
    expect(firstNotEs2015(graph)).toBeUndefined();
    // The control: the default promise entry awaits with a native async function.
    expect(firstNotEs2015(moduleGraph(join(RUNTIME_DIST, "promise.js")))).toMatch(/Unexpected|reserved/);
  });

  it("compiled output is ES2015 syntax, imports the es2015 entry, and prints what native Node prints", () => {
    const { code } = transform(PROGRAM, { filename: "app.mjs", mode: "promise", target: "es2015" });
    expect(code).toContain('from "@coro/runtime/promise-es2015"');
    expect(() => parse(code, { ecmaVersion: 2015, sourceType: "module" })).not.toThrow();
    // The input itself is not (it has async functions): acorn would notice if coro left one.
    expect(() => parse(PROGRAM, { ecmaVersion: 2015, sourceType: "module" })).toThrow();
    const dir = join(root, "node_modules", ".cache", "coro-target-es2015");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "native.mjs"), PROGRAM);
    writeFileSync(join(dir, "compiled.mjs"), code);
    const run = (file: string) => spawnSync(process.execPath, [join(dir, file)], { encoding: "utf8", cwd: root, timeout: 20_000 });
    const native = run("native.mjs");
    const compiled = run("compiled.mjs");
    expect(native.status).toBe(0);
    expect(native.stdout).toContain("countdown closed");
    expect(compiled.stderr).toBe("");
    expect(compiled.stdout).toBe(native.stdout);
  });

  it("is refused in coroutine mode, and an unknown target is refused, naming the option", () => {
    expect(() => transform("async function f() {}", { target: "es2015" })).toThrow(/target "es2015" applies to promise mode only/);
    expect(() => transform("async function f() {}", { mode: "promise", target: "es5" as never })).toThrow(/unsupported target "es5"/);
  });

  it("the Babel plugin takes the option", async () => {
    const babel = await import("@babel/core");
    const out = babel.transformSync("async function f() { await 1; }", {
      filename: "a.js",
      configFile: false,
      babelrc: false,
      plugins: [[coroBabelPlugin, { mode: "promise", target: "es2015" }]],
    });
    expect(out?.code).toContain('from "@coro/runtime/promise-es2015"');
  });
});
