// Security (issue 9, item 4): neither compiled output nor the runtime runs code from text or writes
// globals. The compiled output of every fixture in both modes must have no finding (./security/
// scan.ts: `eval`, `Function`, `.constructor(…)`, string timers, writes to undeclared names or the
// global object) that its input does not have itself (some fixtures test `eval` and sloppy code on
// purpose); the built runtime (packages/runtime/dist) must have none at all.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MODES, compileFixture, listFixtures, readFixture } from "../../../scripts/fixture-lib.mjs";
import { transform } from "../src/index.js";
import { root } from "./load.js";
import { introduced, scan } from "./security/scan.js";

describe("the scanner", () => {
  it("finds code from text and global writes, and is not fooled by strings or comments", () => {
    const bad = `
      eval("1"); new Function("return 1"); Function("x", "return x"); (() => {}).constructor("return this")();
      setTimeout("alert(1)", 0); leaked = 1; counter++; globalThis.flag = true; window["x"] = 2;
      Object.defineProperty(globalThis, "y", { value: 1 }); [a1, { b1 }] = [1, { b1: 2 }]; for (k in {}) ;`;
    expect(scan(bad)).toEqual(
      [
        "code from text eval", "code from text Function", "code from text Function", "code from text .constructor()",
        "code from text setTimeout(string)", "global write leaked", "global write counter", "global write globalThis.*",
        "global write window.*", "global write Object.defineProperty", "global write a1", "global write b1", "global write k",
      ].sort(),
    );
    const harmless = `
      // eval("1"); leaked = 1; new Function("x")
      const s = "eval('1'); globalThis.x = 1; new Function()"; /* Function("x") */
      let local = 0; local++; const o = {}; o.eval = 1; function f(eval2) { eval2 = 1; }
      const eval_ = (0, o.run); setTimeout(() => {}, 0); class C { constructor() {} }; new C();
      { let globalThis = {}; globalThis.x = 1; }`;
    expect(scan(harmless)).toEqual([]);
  });

  it("counts a name written inside `with` as global unless the with's object literal defines it", () => {
    // coro's scope objects (sloppy-mode `with`/eval) define accessors for the locals they reach.
    expect(scan("with ({ get a() { return 1; }, set a(v) {} }) { a = 1; }")).toEqual([]);
    expect(scan("with ({ get a() { return 1; } }) { b = 1; }")).toEqual(["global write b"]);
    expect(scan("with (o) { a = 1; }")).toEqual(["global write a"]);
  });

  it("tells what the output adds to its input", () => {
    expect(introduced("eval('1'); x = 1;", "eval('1'); x = 1;")).toEqual([]);
    expect(introduced("eval('1');", "eval('1'); eval('2'); y = 1;")).toEqual(["code from text eval", "global write y"]);
  });
});

describe("compiled output and the runtime", () => {
  const fixtures = listFixtures().map((fx) => ({ fx, f: readFixture(fx) })).filter(({ f }) => f.error === undefined);

  it(`no fixture's compiled output runs code from text or writes globals its input does not (${fixtures.length} fixtures, both modes)`, () => {
    const problems: string[] = [];
    let scanned = 0;
    for (const { fx, f } of fixtures) {
      for (const mode of MODES) {
        // The committed golden output (fixtures.test.ts checks it is what the compiler produces), else compiled now.
        const code = f.outputs[mode] ?? compileFixture(transform, fx, f.input, mode).code;
        const added = introduced(f.input, code);
        scanned++;
        if (added.length > 0) problems.push(`${fx.id} (${mode}): ${added.join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
    expect(scanned).toBeGreaterThan(500);
  }, 600_000);

  it("the built runtime (packages/runtime/dist) runs no code from text and writes no globals", () => {
    const dist = join(root, "packages", "runtime", "dist");
    const files = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    const problems = files.flatMap((f) => scan(readFileSync(join(dist, f), "utf8")).map((x) => `${f}: ${x}`));
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThan(10);
  });
});
