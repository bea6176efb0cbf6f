/**
 * The fixture app (fixtures/apps/tasks) built through the plugin by every bundler, from a copy in
 * os.tmpdir() where only the plugin can resolve `@coro/runtime`, then run under Node.
 */
import { readFileSync } from "node:fs";
import { parse } from "acorn";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXPECTED, copyApp, resolvableFrom, runNode, type Ran } from "./helpers/app.js";
import { BUILDERS, type Built } from "./helpers/builders.js";
import { occurrences, originalPosition, positionOf } from "./helpers/source-position.js";

/**
 * Text that occurs once in the runtime's build (checked below) and survives bundling unchanged: a
 * bundle holding two copies of the runtime would hold it twice (a renamed identifier would not do).
 */
const RUNTIME_MARKERS = {
  coroutine: { file: "coroutine.js", text: '"the awaited iterator has no throw method"' },
  promise: { file: "promise.js", text: "frame.$step(frame, mode, value)" },
} as const;

const RUNTIME_DIST = fileURLToPath(new URL("../../runtime/dist/", import.meta.url));

it.each(Object.values(RUNTIME_MARKERS))("the runtime's $file holds $text once", ({ file, text }) => {
  expect(occurrences(readFileSync(join(RUNTIME_DIST, file), "utf8"), text)).toBe(1);
});

/** Where `code` uses async functions, `await` or `for await` (parsed with acorn, every node visited). */
function asyncSyntax(code: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; async?: boolean; await?: boolean; start?: number };
    if (n.async === true || n.type === "AwaitExpression" || (n.type === "ForOfStatement" && n.await === true)) found.push(`${n.type} at ${n.start}`);
    for (const value of Object.values(n)) if (value !== null && typeof value === "object") visit(value);
  };
  visit(parse(code, { ecmaVersion: "latest", sourceType: "module" }));
  return found;
}

/** Vite and esbuild strip TypeScript themselves; Rollup, webpack and Rspack get plain JavaScript from coro. */
const STRIPS_TYPES_ITSELF = new Set(["vite", "esbuild"]);

describe.each(Object.keys(BUILDERS))("%s", (bundler) => {
  const build = BUILDERS[bundler]!;
  let app: string;
  let bundle: Built;
  let ran: Ran;

  beforeAll(async () => {
    app = copyApp();
    bundle = await build(app, bundler === "vite" ? "index.html" : "src/main.js", { stripTypes: !STRIPS_TYPES_ITSELF.has(bundler) });
    ran = runNode(bundle.file, app);
  }, 120_000);

  it("builds an app that cannot resolve @coro/runtime by itself", () => {
    expect(resolvableFrom(app, "@coro/runtime")).toEqual([]);
  });

  it("the bundle prints the app's expected output", () => {
    expect(ran.stderr).toBe("");
    expect(ran.stdout).toBe(EXPECTED);
    expect(ran.status).toBe(0);
  });

  it("names compiled files relative to the project root, not by a path of the build machine", () => {
    // The `file` of each compiled function's location info (what Coroutine.location() reports).
    const files = new Set([...bundle.code.matchAll(/\bfile: "([^"]*)"/g)].map((match) => match[1]));
    expect(files).toEqual(new Set(["src/fetcher.ts", "src/main.js", "src/pipeline.js", "src/ticker.js"]));
  });

  it("bundles the runtime once", () => {
    expect(occurrences(bundle.code, RUNTIME_MARKERS.coroutine.text)).toBe(1);
  });

  it("chains coro's source map into the bundle's: a compiled line maps back to the source", () => {
    const source = readFileSync(join(app, "src", "ticker.js"), "utf8");
    const original = originalPosition(bundle.map, positionOf(bundle.code, "`tick "));
    expect(original.source).toMatch(/(^|\/)src\/ticker\.js$/);
    expect({ line: original.line, column: original.column }).toEqual(positionOf(source, "`tick "));
  });

  it("promise mode: the bundle prints what the uncompiled program prints under Node", async () => {
    const native = runNode(join(app, "src", "native.js"), app);
    expect(native.status).toBe(0);
    const promise = await build(app, "src/native.js", { mode: "promise" });
    expect(occurrences(promise.code, RUNTIME_MARKERS.promise.text)).toBe(1);
    const compiled = runNode(promise.file, app);
    expect(compiled.stderr).toBe("");
    expect(compiled.stdout).toBe(native.stdout);
  }, 120_000);

  it("promise mode, target es2015: no async function in the bundle (the runtime's either), and the same output", async () => {
    const native = runNode(join(app, "src", "native.js"), app);
    const es2015 = await build(app, "src/native.js", { mode: "promise", target: "es2015" });
    expect(asyncSyntax(es2015.code)).toEqual([]);
    const compiled = runNode(es2015.file, app);
    expect(compiled.stderr).toBe("");
    expect(compiled.stdout).toBe(native.stdout);
  }, 120_000);
});
