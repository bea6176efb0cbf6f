// The Babel plugin (@coro/compiler/babel) under @babel/core 7 and 8 gives the same program
// behaviour as transform(): compiled with each core, the program runs and prints the same.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import coroPlugin from "../src/babel.js";
import { root } from "./load.js";

const require = createRequire(import.meta.url);
const program = `
import { run, sleep } from "@coro/runtime";
class Counter {
  constructor() { this.n = 0; }
  async add(k) { await sleep(0); this.n += k; return this.n; }
}
async function main() {
  const c = new Counter();
  let total = 0;
  for (let i = 1; i <= 3; i++) {
    try { total += await c.add(i); if (i === 2) throw new Error("two"); }
    catch (e) { console.log("caught", e.message); }
    finally { console.log("step", i, total); }
  }
  return total;
}
console.log("result", await run(main()));
`;
const expected = "step 1 1\ncaught two\nstep 2 4\nstep 3 10\nresult 10\n";

function runCompiled(code: string, name: string): string {
  const dir = join(root, "node_modules", ".cache", "coro-tests");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  return execFileSync(process.execPath, [file], { encoding: "utf8" });
}

type BabelCore = { transformSync(code: string, options: object): { code?: string | null } | null };

describe("Babel plugin", () => {
  it("compiles with @babel/core 7", () => {
    const babel = require("@babel/core") as BabelCore;
    const out = babel.transformSync(program, { filename: "counter.js", configFile: false, babelrc: false, plugins: [coroPlugin] });
    expect(out?.code).toMatch(/switch \(_f\.\$s\)/);
    expect(runCompiled(out!.code!, "babel7")).toBe(expected);
  });

  // Babel 8 declares Node ^22.18 || >=24.11; CI runs this suite on Node 24 too, where it runs.
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  const babel8Supported = (major === 22 && minor >= 18) || (major === 24 && minor >= 11) || major > 24;
  it.skipIf(!babel8Supported)("compiles with @babel/core 8 (needs Node ^22.18 or >=24.11)", async () => {
    const babel = (await import("@babel/core-8")) as unknown as BabelCore;
    const out = babel.transformSync(program, { filename: "counter.js", configFile: false, babelrc: false, plugins: [coroPlugin] });
    expect(runCompiled(out!.code!, "babel8")).toBe(expected);
  });

  it("reports compile errors with the file name and a code frame", () => {
    const babel = require("@babel/core") as BabelCore;
    expect(() =>
      babel.transformSync("async function g() { eval('x'); }", { filename: "eval.js", configFile: false, babelrc: false, plugins: [coroPlugin] }),
    ).toThrow(/eval\.js:1:22: direct eval in strict-mode code inside an async or generator function cannot be compiled/);
  });
});
