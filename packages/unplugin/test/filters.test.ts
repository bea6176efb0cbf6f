/**
 * Which files the plugin compiles: `include`/`exclude` (default: project JavaScript and TypeScript,
 * not node_modules), never the runtime, and only files that contain an async function or a
 * `function*` — others reach the bundler byte for byte.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import coroRollup from "@coro/unplugin/rollup";
import type { Options } from "@coro/unplugin";
import { rollup, type Plugin } from "rollup";
import { describe, expect, it } from "vitest";
import { EXPECTED, copyApp, runNode } from "./helpers/app.js";
import { buildEsbuild } from "./helpers/builders.js";

/** An app whose entry prints what calling a project function and a node_modules function returns. */
function kindsApp(): string {
  const app = copyApp();
  const helper = join(app, "node_modules", "helper");
  mkdirSync(helper, { recursive: true });
  writeFileSync(join(helper, "package.json"), JSON.stringify({ name: "helper", type: "module", exports: "./index.js" }));
  writeFileSync(join(helper, "index.js"), "export async function helper() {}\n");
  writeFileSync(join(app, "src", "local.js"), "export async function local() {}\n");
  writeFileSync(
    join(app, "src", "kinds.js"),
    [
      'import { helper } from "helper";',
      'import { local } from "./local.js";',
      "const kind = (value) => Object.prototype.toString.call(value).slice(8, -1);",
      "const [a, b] = [local(), helper()];",
      "console.log(`local: ${kind(a)}, helper: ${kind(b)}`);",
      "a.close?.();",
      "b.close?.();",
      "",
    ].join("\n"),
  );
  return app;
}

async function kinds(options?: Options): Promise<string> {
  const app = kindsApp();
  const ran = runNode((await buildEsbuild(app, "src/kinds.js", options)).file, app);
  expect(ran.stderr).toBe("");
  return ran.stdout.trim();
}

describe("include and exclude", () => {
  it("compile project files and leave node_modules alone by default", async () => {
    expect(await kinds()).toBe("local: Coroutine, helper: Promise");
  }, 120_000);

  it("exclude replaces the default: a glob leaves that file native, node_modules is compiled", async () => {
    expect(await kinds({ exclude: "**/src/local.js" })).toBe("local: Promise, helper: Coroutine");
  }, 120_000);

  it("include narrows the files compiled (a RegExp here)", async () => {
    expect(await kinds({ include: /[\\/]helper[\\/]index\.js$/, exclude: [] })).toBe("local: Promise, helper: Coroutine");
  }, 120_000);

  it("never compile the runtime itself, even with exclude: []", async () => {
    const app = copyApp();
    const ran = runNode((await buildEsbuild(app, "src/main.js", { exclude: [] })).file, app);
    expect(ran.stderr).toBe("");
    expect(ran.stdout).toBe(EXPECTED);
  }, 120_000);
});

describe("the async/function* pre-check", () => {
  /** The code each module has after the coro plugin, as the next plugin in Rollup's chain sees it. */
  async function codeAfterCoro(files: Record<string, string>): Promise<Map<string, string>> {
    const app = copyApp();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(app, "src", name), text);
    const seen = new Map<string, string>();
    const recorder: Plugin = {
      name: "recorder",
      transform(code, id) {
        seen.set(id.slice(join(app, "src").length + 1), code);
        return null;
      },
    };
    const bundle = await rollup({ input: join(app, "src", "entry.js"), plugins: [coroRollup(), recorder] });
    await bundle.close();
    return seen;
  }

  it("passes a file with no async function and no function* through untouched", async () => {
    const plain = "export const  answer =  42 ;\nexport class Bag { *[Symbol.iterator]() { yield answer; } }\n";
    const entry = 'import { answer } from "./plain.js";\nexport async function main() { return answer; }\n';
    const seen = await codeAfterCoro({ "plain.js": plain, "entry.js": entry });
    expect(seen.get("plain.js")).toBe(plain);
    expect(seen.get("entry.js")).not.toBe(entry);
    expect(seen.get("entry.js")).toContain("@coro/runtime");
  }, 120_000);

  it("compiles a file whose only generator is a function*", async () => {
    const gen = "export function* count() { yield 1; }\n";
    const seen = await codeAfterCoro({ "gen.js": gen, "entry.js": 'export { count } from "./gen.js";\n' });
    expect(seen.get("gen.js")).toContain("@coro/runtime");
    expect(seen.get("entry.js")).toBe('export { count } from "./gen.js";\n');
  }, 120_000);
});
