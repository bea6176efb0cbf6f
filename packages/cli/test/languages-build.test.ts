/**
 * `coro build` on CommonJS, ES modules and TypeScript: each file's module type decided as Node
 * decides it, and every output run with node.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { coro, lines, node, project, REQUIRE_RUNTIME_FLAGS } from "./helpers.js";

/** CommonJS: no import/export, so a package without "type" detects it as CommonJS too. */
const CJS_MAIN = `
const { greet } = require("./lib/greet.js");
const co = greet("coro");
console.log(Object.prototype.toString.call(co));
console.log("nothing ran yet");
const step = co.next();
console.log(step.done, step.value);
`;

const CJS_GREET = `
async function upper(text) {
  return text.toUpperCase();
}
exports.greet = async function greet(who) {
  const loud = await upper(who);
  console.log("hello " + loud);
  return loud.length;
};
`;

const EXPECTED = ["[object Coroutine]", "nothing ran yet", "hello CORO", "true 4"];

/** Builds `src` into `out` and returns the root; the build must succeed. */
function build(files: Record<string, string>, args: readonly string[] = []): string {
  const root = project(files, { runtime: true });
  const result = coro(["build", "src", "--out-dir", "out", ...args], root);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return root;
}

function read(root: string, path: string): string {
  return readFileSync(join(root, path), "utf8");
}

describe("coro build: CommonJS and ES modules, decided per file as Node does", () => {
  it.each([
    { type: "no", manifest: {} },
    { type: '"commonjs"', manifest: { type: "commonjs" } },
  ])("a package with $type type: .js files are CommonJS that require the runtime, and run", ({ manifest }) => {
    const root = build({ "package.json": JSON.stringify(manifest), "src/main.js": CJS_MAIN, "src/lib/greet.js": CJS_GREET });
    const greet = read(root, "out/lib/greet.js");
    expect(greet).toMatch(/require\("@coro\/runtime"\)/);
    expect(greet).not.toMatch(/^import /m);
    const ran = node([...REQUIRE_RUNTIME_FLAGS, "out/main.js"], root);
    expect(ran.stderr).toBe("");
    expect(lines(ran.stdout)).toEqual(EXPECTED);
  });

  it("a package without type: a .js file with import/export is an ES module (Node's syntax detection)", () => {
    const root = build({
      "package.json": "{}",
      "src/main.js": 'import { greet } from "./greet.js";\nfor (const _ of greet("esm")) {}\n',
      "src/greet.js": 'export async function greet(who) {\n  await null;\n  console.log("hello " + who);\n}\n',
    });
    expect(read(root, "out/greet.js")).toMatch(/^import .* from "@coro\/runtime";$/m);
    const ran = node(["out/main.js"], root);
    expect(ran.stderr).not.toContain("Error");
    expect(lines(ran.stdout)).toEqual(["hello esm"]);
  });

  it('"type": "module": .js is an ES module, .cjs CommonJS by its extension, and they work together', () => {
    const root = build({
      "package.json": JSON.stringify({ type: "module" }),
      "src/main.js": 'import lib from "./lib/greet.cjs";\nconst co = lib.greet("coro");\nconsole.log(Object.prototype.toString.call(co));\nconsole.log("nothing ran yet");\nconst step = co.next();\nconsole.log(step.done, step.value);\n',
      "src/lib/greet.cjs": CJS_GREET,
    });
    expect(read(root, "out/main.js")).not.toContain("require(");
    expect(read(root, "out/lib/greet.cjs")).toMatch(/require\("@coro\/runtime"\)/);
    const ran = node([...REQUIRE_RUNTIME_FLAGS, "out/main.js"], root);
    expect(ran.stderr).toBe("");
    expect(lines(ran.stdout)).toEqual(EXPECTED);
  });

  it('"type": "commonjs": .mjs is an ES module by its extension', () => {
    const root = build({
      "package.json": JSON.stringify({ type: "commonjs" }),
      "src/main.mjs": 'import { twice } from "./twice.mjs";\nconst co = twice(21);\nconsole.log("created");\nconsole.log(JSON.stringify(co.next()));\n',
      "src/twice.mjs": 'export async function twice(n) {\n  console.log("running");\n  return n * 2;\n}\n',
    });
    expect(read(root, "out/twice.mjs")).toMatch(/^import .* from "@coro\/runtime";$/m);
    const ran = node(["out/main.mjs"], root);
    expect(ran.stderr).toBe("");
    expect(lines(ran.stdout)).toEqual(["created", "running", '{"value":42,"done":true}']);
  });
});

/** TypeScript that is also an ES module: `run` from the runtime drives it. */
const TS_MAIN = `
import { run } from "@coro/runtime";
import { total, type Item } from "./total.ts";
const items: Item[] = [{ price: 2 }, { price: 40 }];
const co = total(items);
console.log(Object.prototype.toString.call(co));
console.log("total", await run(co));
`;

const TS_TOTAL = `
export interface Item {
  price: number;
}
async function price(item: Item): Promise<number> {
  return item.price;
}
export async function total(items: readonly Item[]): Promise<number> {
  let sum: number = 0;
  for (const item of items) sum += await price(item);
  return sum;
}
`;

describe("coro build: TypeScript", () => {
  it("keeps .ts and the types by default; the output is TypeScript that runs once transpiled", () => {
    const root = build({ "package.json": JSON.stringify({ type: "module" }), "src/main.ts": TS_MAIN, "src/total.ts": TS_TOTAL });
    const total = read(root, "out/total.ts");
    expect(total).toMatch(/export interface Item \{\n\s+price: number;\n\}/);
    expect(total).toContain("@coro/runtime");
    for (const file of ["main", "total"]) {
      const { outputText, diagnostics } = ts.transpileModule(read(root, `out/${file}.ts`), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, rewriteRelativeImportExtensions: true },
        reportDiagnostics: true,
      });
      expect(diagnostics).toEqual([]);
      writeFileSync(join(root, `out/${file}.js`), outputText);
    }
    const ran = node(["out/main.js"], root);
    expect(ran.stderr).toBe("");
    expect(lines(ran.stdout)).toEqual(["[object Coroutine]", "total 42"]);
  });

  it("--strip-types writes .js/.mjs/.cjs/.jsx without types, and they run with node", () => {
    const root = build(
      {
        "package.json": JSON.stringify({ type: "module" }),
        "src/main.ts": TS_MAIN.replace("./total.ts", "./total.js") + 'import "./extra.mjs";\n',
        "src/total.ts": TS_TOTAL,
        "src/extra.mts": 'import cjs from "./legacy.cjs";\nconst co = cjs.answer(1);\nconsole.log("mts", JSON.stringify(co.next()));\n',
        "src/legacy.cts": "exports.answer = async function answer(n: number): Promise<number> {\n  return n + 41;\n};\n",
        "src/view.tsx": "export const view = (name: string) => <b>{name}</b>;\n",
      },
      ["--strip-types"],
    );
    for (const file of ["main.js", "total.js", "extra.mjs", "legacy.cjs", "view.jsx"]) {
      expect(existsSync(join(root, "out", file))).toBe(true);
    }
    for (const file of ["main.ts", "total.ts", "extra.mts", "legacy.cts", "view.tsx"]) {
      expect(existsSync(join(root, "out", file))).toBe(false);
    }
    expect(read(root, "out/total.js")).not.toContain("interface");
    expect(read(root, "out/legacy.cjs")).toMatch(/require\("@coro\/runtime"\)/);
    expect(read(root, "out/view.jsx")).toContain("<b>{name}</b>");
    expect(read(root, "out/view.jsx")).not.toContain(": string");
    const ran = node([...REQUIRE_RUNTIME_FLAGS, "out/main.js"], root);
    expect(ran.stderr).toBe("");
    expect(lines(ran.stdout)).toEqual(['mts {"value":42,"done":true}', "[object Coroutine]", "total 42"]);
  });

  it("--strip-types refuses two inputs that would write the same output", () => {
    const root = project({ "src/a.ts": "export const a = 1;\n", "src/a.js": "export const a = 2;\n" });
    const result = coro(["build", "src", "--out-dir", "out", "--strip-types"], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("src/a.js and src/a.ts would both be written to out/a.js");
    expect(existsSync(join(root, "out"))).toBe(false);
  });

  it("a file of another type is refused with the list of extensions", () => {
    const root = project({ "notes.md": "# hi\n" });
    const result = coro(["build", "notes.md", "--out-dir", "out"], root);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("notes.md: not a file to compile (extensions: .js .mjs .cjs .jsx .ts .tsx .mts .cts); use --copy-files to copy it");
  });
});
