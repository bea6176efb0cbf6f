// Input languages (issue 3 item 4): CommonJS, TypeScript (types kept or stripped, awaits inside
// type assertions), JSX with awaits in attributes and children.
import { parse } from "@babel/parser";
import { describe, expect, it } from "vitest";
import { transform } from "../src/index.js";
import { loadCompiled } from "./load.js";

describe("input languages", () => {
  it("CommonJS requires the runtime; modules import it; unambiguous decides by syntax", () => {
    const cjs = transform("async function f() { await g(); } module.exports = f;", { filename: "a.cjs" }).code;
    expect(cjs).toMatch(/^const \{\s*Coroutine: _Coroutine\s*\} = require\("@coro\/runtime"\);/);
    expect(transform("return 1; async function f() {}", { filename: "a.js", sourceType: "commonjs" }).code).toMatch(/require/);
    expect(transform("async function f() {} module.exports = f;", { filename: "a.js", sourceType: "unambiguous" }).code).toMatch(/require/);
    expect(transform("export async function f() {}", { filename: "a.js", sourceType: "unambiguous" }).code).toMatch(/^import/);
  });

  it("TypeScript keeps types unless asked, and awaits inside as/!/satisfies run in order", async () => {
    const source = `
      interface Box { value: number }
      const log: string[] = [];
      async function get(n: number): Promise<Box | undefined> { log.push("get " + n); await null; return { value: n }; }
      export async function main(): Promise<string> {
        const a = (await get(1)) as Box;
        const b = (await get(2))!.value;
        const c = ({ value: (await get(3))!.value + 1 }) satisfies Box;
        return [a.value, b, c.value, log.join(",")].join(" ");
      }
    `;
    const kept = transform(source, { filename: "main.ts" }).code;
    expect(kept).toContain("interface Box");
    expect(kept).toMatch(/ as Box/);
    const stripped = transform(source, { filename: "main.ts", stripTypes: true }).code;
    expect(stripped).not.toMatch(/interface|: number| as Box/);
    const m = await loadCompiled(source, "main.ts", { stripTypes: true });
    expect(m.main().next()).toEqual({ value: "1 2 4 get 1,get 2,get 3", done: true });
  });

  it("JSX with awaits in attributes, spreads and children keeps the JSX, awaits removed, order kept", () => {
    const { code } = transform(
      "async function view() { return <div id={await a()} {...(await b())}>{await c()}<b>{await d()}</b></div>; }",
      { filename: "view.jsx" },
    );
    const ast = parse(code, { sourceType: "module", plugins: ["jsx"] });
    expect(code).not.toMatch(/\bawait\b/);
    expect(code).toMatch(/<div id=\{_f\.\$t\d+\} \{\.\.\._f\.\$t\d+\}>\{_f\.\$t\d+\}<b>\{_v\}<\/b><\/div>/);
    const order = [...code.matchAll(/_v = ([abcd])\(\)/g)].map((m) => m[1]);
    expect(order).toEqual(["a", "b", "c", "d"]);
    expect(ast.program.body.length).toBeGreaterThan(0);
  });
});
