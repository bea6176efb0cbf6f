/** `coro run` and `--import @coro/cli/register` on CommonJS and TypeScript programs. */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI_DIR, coro, lines, node, project } from "./helpers.js";

/** An ES module, a CommonJS module and ES modules required from it: all compiled, one runtime. */
const MIXED = {
  "package.json": "{}",
  "main.mjs": `
import { Coroutine } from "@coro/runtime";
import lib from "./lib/count.cjs";
const co = lib.count(2);
console.log("esm sees cjs coroutine", co instanceof Coroutine);
for (const _ of co) {}
`,
  "lib/count.cjs": `
const { tick } = require("./tick.mjs");
const { label } = require("./label.js");
exports.count = async function count(n) {
  for (let i = 1; i <= n; i++) await tick(label(i));
  console.log("counted", n);
};
`,
  "lib/tick.mjs": `
export async function tick(i) {
  console.log("tick", i);
}
`,
  "lib/label.js": "exports.label = (i) => `#${i}`;\n",
};

describe("coro run: CommonJS", () => {
  it("compiles a CommonJS entry and what it requires; require.main is the entry", () => {
    const root = project({
      "package.json": JSON.stringify({ type: "commonjs" }),
      "main.js": `
const { greet } = require("./greet.js");
const co = greet("coro");
console.log(Object.prototype.toString.call(co), co instanceof Promise, require.main === module);
console.log("nothing ran yet");
console.log(JSON.stringify(co.next()));
`,
      "greet.js": 'exports.greet = async function greet(who) {\n  console.log("hello " + who);\n  return who.length;\n};\n',
    });
    const result = coro(["run", "main.js", "x"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual([
      "[object Coroutine] false true",
      "nothing ran yet",
      "hello coro",
      '{"value":4,"done":true}',
    ]);
  });

  it("an ES module importing CommonJS that requires ES modules: all compiled, sharing one runtime", () => {
    const root = project(MIXED);
    const result = coro(["run", "main.mjs"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual(["esm sees cjs coroutine true", "tick #1", "tick #2", "counted 2"]);
  });

  it("node --import @coro/cli/register compiles the same program", () => {
    const root = project(MIXED);
    const register = pathToFileURL(join(CLI_DIR, "dist", "register.js")).href;
    const result = node(["--import", register, "main.mjs"], root);
    expect(result.stderr).toBe("");
    expect(lines(result.stdout)).toEqual(["esm sees cjs coroutine true", "tick #1", "tick #2", "counted 2"]);
  });

  it("a syntax error in a required file exits 1 with its location and code frame", () => {
    const root = project({ "main.cjs": 'require("./bad.cjs");\nconsole.log("main ran");\n', "bad.cjs": "exports.a = 1;\nexports.b = ;\n" });
    const result = coro(["run", "main.cjs"], root);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/bad\.cjs:2:\d+: /);
    expect(result.stderr).toContain("> 2 | exports.b = ;");
  });
});

describe("coro run: TypeScript", () => {
  it("runs a .ts entry importing another .ts file, types stripped on the fly", () => {
    const root = project({
      "package.json": JSON.stringify({ type: "module" }),
      "main.ts": `
import { total, type Item } from "./lib/total.ts";
const items: Item[] = [{ price: 2 }, { price: 40 }];
const co = total(items);
console.log(Object.prototype.toString.call(co), co instanceof Promise);
for (const _ of co) {}
`,
      "lib/total.ts": `
export interface Item { price: number }
async function price(item: Item): Promise<number> {
  console.log("price", item.price);
  return item.price;
}
export async function total(items: readonly Item[]): Promise<void> {
  let sum: number = 0;
  for (const item of items) sum += await price(item);
  console.log("total", sum);
}
`,
    });
    const result = coro(["run", "main.ts"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual(["[object Coroutine] false", "price 2", "price 40", "total 42"]);
  });

  it("runs .cts, and .ts in a package without type, as CommonJS; .mts as an ES module", () => {
    const root = project({
      "package.json": "{}",
      "main.cts": `
const { twice }: { twice(n: number): unknown } = require("./twice.ts");
const co = twice(21) as Iterator<unknown>;
console.log("cts", Object.prototype.toString.call(co), require.main === module);
console.log(JSON.stringify(co.next()));
import("./later.mts").then((m: { later(): Iterator<unknown> }) => console.log("mts", JSON.stringify(m.later().next())));
`,
      "twice.ts": "exports.twice = async function twice(n: number): Promise<number> {\n  return n * 2;\n};\n",
      "later.mts": "export async function later(): Promise<string> {\n  return typeof require;\n}\n",
    });
    const result = coro(["run", "main.cts"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual(["cts [object Coroutine] true", '{"value":42,"done":true}', 'mts {"value":"undefined","done":true}']);
  });

  it("a type error is not coro's business, a syntax error is: exit 1 with a code frame", () => {
    const root = project({ "main.ts": "const a: number = ;\n" });
    const result = coro(["run", "main.ts"], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/main\.ts:1:\d+: /);
    expect(result.stderr).toContain("> 1 | const a: number = ;");
  });
});
