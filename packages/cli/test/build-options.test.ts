/** `coro build` options: globs, --ignore, --extensions, --copy-files, --in-place, --check, --quiet/--verbose. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coro, lines, node, project } from "./helpers.js";

const TREE = {
  "package.json": JSON.stringify({ type: "module" }),
  "src/main.js": 'import { twice } from "./lib/twice.mjs";\nconst co = twice(21);\nconsole.log(JSON.stringify(co.next()));\n',
  "src/lib/twice.mjs": "export async function twice(n) {\n  return n * 2;\n}\n",
  "src/lib/twice.test.mjs": "export async function t() {}\n",
  "src/lib/data.json": '{ "a": 1 }\n',
  "src/lib/types.ts": "export async function f(x: number): Promise<number> {\n  return x;\n}\n",
  "src/assets/logo.svg": "<svg/>\n",
};

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

describe("coro build: what is built", () => {
  it("a glob, --ignore and --extensions choose the files; the glob's static part is the base", () => {
    const root = project(TREE, { runtime: true });
    const result = coro(["build", "src/**/*.{js,mjs}", "--out-dir", "out", "--ignore", "**/*.test.mjs", "--no-cache"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(tree(join(root, "out"))).toEqual(["lib/twice.mjs", "main.js"]);
    expect(lines(node(["out/main.js"], root).stdout)).toEqual(['{"value":42,"done":true}']);

    const only = coro(["build", "src", "--out-dir", "ts-out", "--extensions", ".ts", "--no-cache"], root);
    expect(only.status).toBe(0);
    expect(tree(join(root, "ts-out"))).toEqual(["lib/types.ts"]);
  });

  it("--copy-files copies what is not compiled, byte for byte; --ignore takes base-name and path globs", () => {
    const root = project(TREE);
    const result = coro(["build", "src", "--out-dir", "out", "--copy-files", "--ignore", "*.test.mjs", "--no-cache"], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("2 files copied");
    expect(tree(join(root, "out"))).toEqual(["assets/logo.svg", "lib/data.json", "lib/twice.mjs", "lib/types.ts", "main.js"]);
    const skipped = coro(["build", "src", "--out-dir", "out2", "--copy-files", "--ignore", "**/assets/**", "--ignore", "src/lib/*.ts"], root);
    expect(tree(join(root, "out2"))).toEqual(["lib/data.json", "lib/twice.mjs", "lib/twice.test.mjs", "main.js"]);
    expect(skipped.status).toBe(0);
    expect(readFileSync(join(root, "out/lib/data.json"), "utf8")).toBe(TREE["src/lib/data.json"]);
  });

  it("a glob that matches nothing is an input error (exit 3)", () => {
    const root = project(TREE);
    const result = coro(["build", "src/**/*.coffee", "--out-dir", "out"], root);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("src/**/*.coffee: no files match this glob");
  });

  it("--in-place replaces the inputs with their outputs", () => {
    const root = project(TREE, { runtime: true });
    const result = coro(["build", "src/main.js", "src/lib/twice.mjs", "--in-place", "--no-cache"], root);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("compiled 2 files in place");
    expect(readFileSync(join(root, "src/lib/twice.mjs"), "utf8")).toContain("@coro/runtime");
    expect(lines(node(["src/main.js"], root).stdout)).toEqual(['{"value":42,"done":true}']);
  });
});

describe("coro build --check", () => {
  it("exits 1 listing missing and stale outputs, writes nothing, and exits 0 once they are built", () => {
    const root = project(TREE);
    const args = ["build", "src/main.js", "src/lib/twice.mjs", "--out-dir", "out", "--no-cache"];
    const missing = coro([...args, "--check"], root);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("out of date: out/lib/twice.mjs\nout of date: out/main.js\n");
    expect(existsSync(join(root, "out"))).toBe(false);

    expect(coro(args, root).status).toBe(0);
    const fresh = coro([...args, "--check"], root);
    expect(fresh.stderr).toBe("");
    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toContain("every output is up to date");

    writeFileSync(join(root, "src/lib/twice.mjs"), "export async function twice(n) {\n  return n * 3;\n}\n");
    const before = readFileSync(join(root, "out/lib/twice.mjs"), "utf8");
    const stale = coro([...args, "--check", "--quiet"], root);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toBe("");
    expect(lines(stale.stderr)[0]).toBe("out of date: out/lib/twice.mjs");
    expect(stale.stderr).not.toContain("out/main.js");
    expect(readFileSync(join(root, "out/lib/twice.mjs"), "utf8")).toBe(before);
  });
});

describe("coro build --quiet / --verbose", () => {
  it("--verbose names each file; --quiet prints nothing on success", () => {
    const root = project(TREE);
    const verbose = coro(["build", "src/main.js", "src/lib/twice.mjs", "--out-dir", "out", "--verbose", "--no-cache"], root);
    expect(verbose.status).toBe(0);
    expect(verbose.stdout).toContain("src/main.js -> out/main.js\n");
    expect(verbose.stdout).toContain("src/lib/twice.mjs -> out/lib/twice.mjs\n");
    expect(verbose.stdout).toMatch(/coro: compiled 2 files into out in \d+(\.\d+)? m?s \(2 files written\)/);
    const quiet = coro(["build", "src/main.js", "--out-dir", "out2", "--quiet"], root);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout + quiet.stderr).toBe("");
    expect(existsSync(join(root, "out2/main.js"))).toBe(true);
  });
});
