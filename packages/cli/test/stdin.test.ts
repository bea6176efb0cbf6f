/** `coro build -`: stdin to stdout. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coro, lines, node, project } from "./helpers.js";

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
    const result = coro(["build", "-"], root, SOURCE);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("@coro/runtime");
    expect(result.stdout).not.toContain("sourceMappingURL");
    writeFileSync(join(root, "out.mjs"), result.stdout);
    const ran = node(["out.mjs"], root);
    expect(ran.stderr).toBe("");
    expect(lines(ran.stdout)).toEqual(["created", "ran", '{"value":7,"done":true}']);
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
