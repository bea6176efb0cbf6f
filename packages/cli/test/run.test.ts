/** `coro run`: compile-on-load through module hooks, argv, exit codes, compile errors. */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI_DIR, coro, lines, node, project } from "./helpers.js";

/** A project with no dependency on @coro/runtime: the hooks must resolve it from the CLI. */
const APP = {
  "package.json": JSON.stringify({ type: "module" }),
  "main.js": `
import { fileURLToPath } from "node:url";
import { count } from "./lib/count.js";
import { nativeAsync } from "plain";
console.log("argv", JSON.stringify(process.argv.slice(2)));
console.log("argv[1] is main", process.argv[1] === fileURLToPath(import.meta.url));
const co = count(3);
console.log(Object.prototype.toString.call(co), co instanceof Promise);
for (const _ of co) {}
console.log("node_modules left native", nativeAsync() instanceof Promise);
`,
  "lib/count.js": `
import { tick } from "../util/tick.mjs";
export async function count(n) {
  for (let i = 1; i <= n; i++) await tick(i);
  console.log("counted", n);
}
`,
  "util/tick.mjs": `
export async function tick(i) {
  console.log("tick", i);
}
`,
  "node_modules/plain/package.json": JSON.stringify({ name: "plain", type: "module", exports: "./index.js" }),
  "node_modules/plain/index.js": "export async function nativeAsync() {}\n",
};

const EXPECTED = [
  "[object Coroutine] false",
  "tick 1",
  "tick 2",
  "tick 3",
  "counted 3",
  "node_modules left native true",
];

describe("coro run", () => {
  it("compiles the file and its relative imports, passing later arguments to it", () => {
    const root = project(APP);
    const result = coro(["run", "main.js", "--port", "80", "-x", "--", "last"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual([
      'argv ["--port","80","-x","--","last"]',
      "argv[1] is main true",
      ...EXPECTED,
    ]);
  });

  it("keeps the program's exit code", () => {
    const root = project({ "package.json": JSON.stringify({ type: "module" }), "exit.js": "process.exitCode = 7;\n" });
    expect(coro(["run", "exit.js"], root).status).toBe(7);
  });

  it("a syntax error in an imported module exits 1 with its location and code frame, running nothing", () => {
    const root = project({
      "package.json": JSON.stringify({ type: "module" }),
      "main.js": 'import "./lib/broken.js";\nconsole.log("main ran");\n',
      "lib/broken.js": "export const a = 1;\nexport const b = ;\n",
    });
    const result = coro(["run", "main.js"], root);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/lib\/broken\.js:2:\d+: /);
    expect(result.stderr).toContain("> 2 | export const b = ;");
    expect(result.stderr).not.toContain("    at ");
  });

  it("a missing file exits 1 with a clear message", () => {
    const root = project({});
    const result = coro(["run", "nope.js"], root);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("nope.js: no such file");
  });

  it("node --import @coro/cli/register runs the same program", () => {
    const root = project(APP);
    const register = pathToFileURL(join(CLI_DIR, "dist", "register.js")).href;
    const result = node(["--import", register, "main.js", "a"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(lines(result.stdout)).toEqual(['argv ["a"]', "argv[1] is main true", ...EXPECTED]);
  });
});
