/** `coro build`: source maps (file, inline, chained through the input's map), the cache, worker threads. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { coro, node, project } from "./helpers.js";

/** The original program: TypeScript that tsc turns into src/app.js with a map back to orig/app.ts. */
const ORIGINAL = `import { run } from "@coro/runtime";

interface Order { id: number }

async function check(order: Order): Promise<void> {
  await null;
  throw new Error("bad order " + order.id);
}

async function main(): Promise<void> {
  await check({ id: 7 });
}

run(main()).catch((error: Error) => console.log(error.stack));
`;

/** A project holding src/app.js compiled by tsc from orig/app.ts, its map inline or in a file. */
function tscProject(mapKind: "inline" | "file"): string {
  const out = ts.transpileModule(ORIGINAL, {
    fileName: "orig/app.ts",
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      sourceMap: mapKind === "file",
      inlineSourceMap: mapKind === "inline",
      sourceRoot: "../orig",
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ type: "module" }),
    "orig/app.ts": ORIGINAL,
    "src/app.js": mapKind === "inline" ? out.outputText : out.outputText.replace(/sourceMappingURL=\S+/, "sourceMappingURL=app.js.map"),
  };
  if (mapKind === "file") files["src/app.js.map"] = out.sourceMapText!;
  return project(files, { runtime: true });
}

describe("coro build --source-maps", () => {
  it.each(["true", "inline"] as const)("--source-maps=%s chains tsc's map: the stack trace names orig/app.ts:7", (kind) => {
    const root = tscProject(kind === "true" ? "file" : "inline");
    const result = coro(["build", "src", `--source-maps=${kind}`, "--out-dir", "out", "--no-cache"], root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const code = readFileSync(join(root, "out/app.js"), "utf8");
    expect(code.match(/sourceMappingURL/g)).toHaveLength(1);
    const files = readdirSync(join(root, "out")).sort();
    if (kind === "true") {
      expect(files).toEqual(["app.js", "app.js.map"]);
      const map = JSON.parse(readFileSync(join(root, "out/app.js.map"), "utf8")) as { sources: string[] };
      expect(map.sources).toEqual(["../orig/app.ts"]);
    } else {
      expect(files).toEqual(["app.js"]);
      expect(code).toMatch(/sourceMappingURL=data:application\/json;charset=utf-8;base64,/);
    }
    const ran = node(["--enable-source-maps", "out/app.js"], root);
    expect(ran.stdout).toContain("Error: bad order 7");
    expect(ran.stdout).toMatch(new RegExp(`\\(${root.replaceAll("/", "\\/")}\\/orig\\/app\\.ts:7:\\d+\\)`));
  });
});

const SMALL = (n: number) => `export async function f${n}(x) {\n  const y = await x;\n  return y + ${n};\n}\n`;

describe("coro build: cache", () => {
  it("compiles unchanged files once; a changed file or changed options compile again", () => {
    const root = project({ "src/a.mjs": SMALL(1), "src/b.mjs": SMALL(2) });
    const args = ["build", "src", "--out-dir", "out", "--verbose"];
    const first = coro(args, root);
    expect(first.stdout).toContain("src/a.mjs -> out/a.mjs\n");
    expect(first.stdout).not.toContain("from cache");
    const output = readFileSync(join(root, "out/a.mjs"), "utf8");

    writeFileSync(join(root, "src/b.mjs"), SMALL(3));
    const second = coro(args, root);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("src/a.mjs -> out/a.mjs (cached)\n");
    expect(second.stdout).toContain("src/b.mjs -> out/b.mjs\n");
    expect(second.stdout).toContain("(1 from cache, 1 file written)");
    expect(readFileSync(join(root, "out/a.mjs"), "utf8")).toBe(output);
    expect(readFileSync(join(root, "out/b.mjs"), "utf8")).toContain("y + 3");
    expect(readdirSync(join(root, "node_modules/.cache/coro")).length).toBeGreaterThan(0);

    const promise = coro([...args, "--mode", "promise"], root);
    expect(promise.stdout).not.toContain("(cached)");
    expect(promise.stdout).toContain("(2 files written)");
    expect(readFileSync(join(root, "out/a.mjs"), "utf8")).toContain('from "@coro/runtime/promise"');

    // The target is part of the key too: es2015 output imports the runtime entry without async syntax.
    const es2015 = coro([...args, "--mode", "promise", "--target", "es2015"], root);
    expect(es2015.stdout).not.toContain("(cached)");
    expect(es2015.stdout).toContain("(2 files written)");
    expect(readFileSync(join(root, "out/a.mjs"), "utf8")).toContain('from "@coro/runtime/promise-es2015"');
  });
});

describe("coro build: worker threads", () => {
  it("a tree of 40+ files is compiled on worker threads, to the same outputs as in one thread", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 45; i++) files[`src/m${i}.mjs`] = SMALL(i);
    const root = project(files);
    const pooled = coro(["build", "src", "--out-dir", "pooled", "--verbose", "--no-cache"], root);
    expect(pooled.stderr).toBe("");
    expect(pooled.stdout).toMatch(/compiling 45 files on [2-9]\d* worker threads/);
    const single = coro(["build", "src", "--out-dir", "single", "--workers", "0", "--verbose", "--no-cache"], root);
    expect(single.stdout).toContain("compiling 45 files in the main thread");
    for (let i = 0; i < 45; i++) {
      expect(readFileSync(join(root, `pooled/m${i}.mjs`), "utf8")).toBe(readFileSync(join(root, `single/m${i}.mjs`), "utf8"));
    }
  });
});
