/**
 * The Node loader (`node --import @coro/cli/register`) and `coro run` on every extension, ES
 * modules and CommonJS together, and stack traces mapped back to the source files.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN, CLI_DIR, lines, node, project } from "./helpers.js";

const REGISTER = pathToFileURL(join(CLI_DIR, "dist", "register.js")).href;

/** Each file exports an async function that reports its own module format; none imports the runtime itself. */
const SIX = {
  "package.json": JSON.stringify({ type: "module" }),
  "main.mjs": `
import { createRequire } from "node:module";
import { js } from "./a.js";
import { ts } from "./b.ts";
import { mts } from "./c.mts";
const require = createRequire(import.meta.url);
const { cjs } = require("./d.cjs");
const { cts } = require("./e.cts");
for (const [name, f] of Object.entries({ js, ts, mts, cjs, cts })) {
  const co = f(2);
  const step = co.next();
  console.log(name, Object.prototype.toString.call(co), JSON.stringify(step));
}
`,
  "a.js": "export async function js(n) {\n  return typeof require + ' ' + n;\n}\n",
  "b.ts": "export async function ts(n: number): Promise<string> {\n  const k: number = n * 10;\n  return typeof require + ' ' + k;\n}\n",
  "c.mts": "export async function mts(n: number): Promise<string> {\n  return typeof require + ' ' + n;\n}\n",
  "d.cjs": "exports.cjs = async function cjs(n) {\n  return typeof require + ' ' + n;\n};\n",
  "e.cts": "exports.cts = async function cts(n: number): Promise<string> {\n  return typeof require + ' ' + (n as number);\n};\n",
};

const SIX_EXPECTED = [
  'js [object Coroutine] {"value":"undefined 2","done":true}',
  'ts [object Coroutine] {"value":"undefined 20","done":true}',
  'mts [object Coroutine] {"value":"undefined 2","done":true}',
  'cjs [object Coroutine] {"value":"function 2","done":true}',
  'cts [object Coroutine] {"value":"function 2","done":true}',
];

/** An error thrown after an await, inside compiled async functions, in a TypeScript file. */
const THROWS = {
  "package.json": JSON.stringify({ type: "module" }),
  "app.ts": `import { run } from "@coro/runtime";

interface Order { id: number }

async function check(order: Order): Promise<void> {
  await null;
  throw new Error("bad order " + order.id);
}

async function main(): Promise<void> {
  await check({ id: 7 });
}

run(main()).catch((error: Error) => console.log(error.stack));
`,
};

describe("node --import @coro/cli/register", () => {
  it("compiles .js .mjs .cjs .ts .mts .cts, ES modules and CommonJS, in one program", () => {
    const root = project(SIX);
    const result = node(["--import", REGISTER, "main.mjs"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual(SIX_EXPECTED);
  });

  it("maps stack traces to the TypeScript source without --enable-source-maps", () => {
    const root = project(THROWS);
    const result = node(["--import", REGISTER, "app.ts"], root);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Error: bad order 7");
    expect(result.stdout).toContain(`(${join(root, "app.ts")}:7:9)`);
  });
});

describe("coro run", () => {
  it("maps stack traces to the source: the throw inside the compiled async function is app.ts:7", () => {
    const root = project(THROWS);
    const result = node([BIN, "run", "app.ts"], root);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(`(${join(root, "app.ts")}:7:9)`);
  });
});
