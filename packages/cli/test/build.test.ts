/** `coro build` on files and directories: mirroring, running the output, source maps, all-or-nothing. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { coro, lines, node, project } from "./helpers.js";

const GREET = `
async function upper(text) {
  return text.toUpperCase();
}
export async function greet(who) {
  const loud = await upper(who);
  console.log("hello " + loud);
  return loud.length;
}
`;

const MAIN = `
import { greet } from "./lib/greet.js";
import { twice } from "./lib/deep/twice.mjs";
const co = greet("coro");
console.log(Object.prototype.toString.call(co));
console.log("nothing ran yet");
const step = co.next();
console.log(step.done, step.value);
for (const _ of twice(21)) {}
`;

const TWICE = `
export async function twice(n) {
  console.log("twice", n * 2);
}
`;

function sourceTree(extra: Record<string, string> = {}): Record<string, string> {
  return {
    "package.json": JSON.stringify({ type: "module" }),
    "src/main.js": MAIN,
    "src/lib/greet.js": GREET,
    "src/lib/deep/twice.mjs": TWICE,
    "src/notes.md": "# not JavaScript\n",
    "src/node_modules/dep/index.js": "export async function dep() {}\n",
    ...extra,
  };
}

describe("coro build <dir> --out-dir", () => {
  it("mirrors the directory, compiling only JavaScript outside node_modules, and the output runs", () => {
    const root = project(sourceTree(), { runtime: true });
    const result = coro(["build", "src", "--out-dir", "out"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("compiled 3 files into out");

    expect(existsSync(join(root, "out/main.js"))).toBe(true);
    expect(existsSync(join(root, "out/lib/greet.js"))).toBe(true);
    expect(existsSync(join(root, "out/lib/deep/twice.mjs"))).toBe(true);
    expect(existsSync(join(root, "out/notes.md"))).toBe(false);
    expect(existsSync(join(root, "out/node_modules"))).toBe(false);
    expect(existsSync(join(root, "out/main.js.map"))).toBe(false);
    expect(readFileSync(join(root, "out/lib/greet.js"), "utf8")).toContain("@coro/runtime");

    const ran = node(["out/main.js"], root);
    expect(ran.stderr).toBe("");
    expect(lines(ran.stdout)).toEqual([
      "[object Coroutine]",
      "nothing ran yet",
      "hello CORO",
      "true 4",
      "twice 42",
    ]);
  });

  it("mirrors relative to the common base of several inputs", () => {
    const root = project(sourceTree(), { runtime: true });
    const result = coro(["build", "src/main.js", "src/lib", "--out-dir", "dist"], root);
    expect(result.status).toBe(0);
    expect(existsSync(join(root, "dist/main.js"))).toBe(true);
    expect(existsSync(join(root, "dist/lib/greet.js"))).toBe(true);
    expect(existsSync(join(root, "dist/lib/deep/twice.mjs"))).toBe(true);
    expect(lines(node(["dist/main.js"], root).stdout)).toContain("hello CORO");
  });

  it("skips the out dir when it lies inside an input, so rebuilding does not compile old output", () => {
    const root = project({ "a.js": "export async function a() {}\n", "lib/b.mjs": "export async function b() {}\n" });
    for (let i = 0; i < 2; i++) {
      const result = coro(["build", ".", "--out-dir", "out"], root);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("compiled 2 files into out");
    }
    expect(existsSync(join(root, "out/lib/b.mjs"))).toBe(true);
    expect(existsSync(join(root, "out/out"))).toBe(false);
  });

  it("--source-maps writes a .map per file that points back at the input", () => {
    const root = project(sourceTree(), { runtime: true });
    const result = coro(["build", "src", "--out-dir", "out", "--source-maps"], root);
    expect(result.status).toBe(0);
    for (const file of ["main.js", "lib/greet.js", "lib/deep/twice.mjs"]) {
      const output = join(root, "out", file);
      const code = readFileSync(output, "utf8");
      const mapName = `${file.split("/").pop()}.map`;
      expect(code.trimEnd().endsWith(`//# sourceMappingURL=${mapName}`)).toBe(true);
      const map = JSON.parse(readFileSync(`${output}.map`, "utf8")) as { version: number; file: string; sources: string[] };
      expect(map.version).toBe(3);
      expect(map.file).toBe(mapName.slice(0, -4));
      expect(map.sources.map((s) => resolve(dirname(output), s))).toEqual([join(root, "src", file)]);
    }
    expect(lines(node(["out/main.js"], root).stdout)).toContain("twice 42");
  });

  it("writes nothing, not even the good files, when any input fails; every error is reported", () => {
    const root = project(
      sourceTree({
        "src/lib/bad.js": "export const ok = 1;\nexport async function f() {\n  const x = ;\n}\n",
        "src/worse.js": "async function g() {\n  return (1 +;\n}\n",
      }),
    );
    const result = coro(["build", "src", "--out-dir", "out", "--source-maps"], root);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/src\/lib\/bad\.js:3:\d+: /);
    expect(result.stderr).toContain("> 3 |   const x = ;");
    expect(result.stderr).toMatch(/\n\s+\|\s+\^/);
    expect(result.stderr).toMatch(/src\/worse\.js:2:\d+: /);
    expect(result.stderr).toContain("> 2 |   return (1 +;");
    expect(result.stderr).toContain("2 files did not compile; nothing was written");
    expect(existsSync(join(root, "out"))).toBe(false);
  });

  it("a missing input is an error naming it, and nothing is written", () => {
    const root = project(sourceTree());
    const result = coro(["build", "src", "nope.js", "--out-dir", "out"], root);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("nope.js: no such file or directory");
    expect(existsSync(join(root, "out"))).toBe(false);
  });

  it("refuses to write over its inputs", () => {
    const root = project(sourceTree());
    const before = readFileSync(join(root, "src/main.js"), "utf8");
    const result = coro(["build", "src", "--out-dir", "src"], root);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("would overwrite the input");
    expect(readFileSync(join(root, "src/main.js"), "utf8")).toBe(before);
  });
});
