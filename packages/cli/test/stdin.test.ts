/** `coro build -`: stdin to stdout. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coro, lines, node, project, REQUIRE_RUNTIME_FLAGS } from "./helpers.js";

const SOURCE = `
async function f() {
  console.log("ran");
  return 7;
}
const co = f();
console.log("created");
console.log(JSON.stringify(co.next()));
`;

describe("coro build -", () => {
  it("compiles stdin to stdout, and the output runs as a coroutine", () => {
    const root = project({}, { runtime: true });
    const result = coro(["build", "-", "--filename", "app.mjs"], root, SOURCE);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("@coro/runtime");
    expect(result.stdout).not.toContain("sourceMappingURL");
    writeFileSync(join(root, "out.mjs"), result.stdout);
    const ran = node(["out.mjs"], root);
    expect(ran.stderr).toBe("");
    expect(lines(ran.stdout)).toEqual(["created", "ran", '{"value":7,"done":true}']);
  });

  it("without --filename, a text with no import/export is CommonJS: the output requires the runtime", () => {
    const root = project({}, { runtime: true });
    const result = coro(["build", "-"], root, SOURCE);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/require\("@coro\/runtime"\)/);
    writeFileSync(join(root, "out.cjs"), result.stdout);
    const ran = node([...REQUIRE_RUNTIME_FLAGS, "out.cjs"], root);
    expect(ran.stderr).toBe("");
    expect(lines(ran.stdout)).toEqual(["created", "ran", '{"value":7,"done":true}']);
    const esm = coro(["build", "-"], root, `export const ok = 1;\n${SOURCE}`);
    expect(esm.stdout).toMatch(/^import .* from "@coro\/runtime";$/m);
  });

  it("--filename x.cts: TypeScript, CommonJS; with --strip-types the output runs with node", () => {
    const root = project({}, { runtime: true });
    const source = `async function f(n: number): Promise<number> {\n  console.log("ran");\n  return n * 2;\n}\nconst n: number = 21;\nconst co = f(n);\nconsole.log("created");\nconsole.log(JSON.stringify(co.next()));\n`;
    const kept = coro(["build", "-", "--filename", "x.cts"], root, source);
    expect(kept.stderr).toBe("");
    expect(kept.stdout).toMatch(/require\("@coro\/runtime"\)/);
    expect(kept.stdout).toContain("const n: number = 21;");
    const stripped = coro(["build", "-", "--filename", "x.cts", "--strip-types"], root, source);
    expect(stripped.status).toBe(0);
    expect(stripped.stdout).not.toContain("number");
    writeFileSync(join(root, "x.cjs"), stripped.stdout);
    const ran = node([...REQUIRE_RUNTIME_FLAGS, "x.cjs"], root);
    expect(ran.stderr).toBe("");
    expect(lines(ran.stdout)).toEqual(["created", "ran", '{"value":42,"done":true}']);
  });

  it("--source-maps appends an inline map naming <stdin>", () => {
    const root = project({});
    const result = coro(["build", "-", "--source-maps"], root, SOURCE);
    expect(result.status).toBe(0);
    const match = /\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,(\S+)\s*$/.exec(result.stdout);
    expect(match).not.toBeNull();
    const map = JSON.parse(Buffer.from(match![1]!, "base64").toString("utf8")) as { version: number; sources: string[] };
    expect(map.version).toBe(3);
    expect(map.sources).toEqual(["<stdin>"]);
  });

  it("reports a syntax error as <stdin>:line:col with a code frame, and exits 1", () => {
    const root = project({});
    const result = coro(["build", "-"], root, "const a = 1;\nconst b = ;\n");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/<stdin>:2:\d+: /);
    expect(result.stderr).toContain("> 2 | const b = ;");
  });

  it("--filename names the input in errors", () => {
    const root = project({});
    const result = coro(["build", "-", "--filename", "app/main.js"], root, "let = = 1;\n");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/app\/main\.js:1:\d+: /);
    expect(result.stderr).toContain("> 1 | let = = 1;");
  });
});
