// Source maps: every statement of every compiled fixture's state machine maps back into the input,
// each `console.log("…")` statement to the exact line it came from; an input source map is chained.
import { parse } from "@babel/parser";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import * as t from "@babel/types";
import { transformSync } from "@babel/core";
import { describe, expect, it } from "vitest";
// @ts-expect-error — plain .mjs helper shared with scripts/update-fixtures.mjs
import { listFixtures, readFixture } from "../../../scripts/fixture-lib.mjs";
import { transform } from "../src/index.js";

interface Fixture {
  id: string;
  dir: string;
}

/** Statements directly in the `case`s of every step function's switch. */
function caseStatements(ast: t.File): t.Statement[] {
  const out: t.Statement[] = [];
  t.traverseFast(ast, (node) => {
    if (t.isSwitchCase(node)) out.push(...node.consequent);
  });
  return out;
}

/** Line of the input where a `console.log(<string literal>…` call with that literal appears, if unique. */
function lineOf(input: string, literal: string): number | undefined {
  const lines = input.split("\n");
  const hits = lines.flatMap((line, i) => (line.includes(`console.log(${JSON.stringify(literal)}`) ? [i + 1] : []));
  return hits.length === 1 ? hits[0] : undefined;
}

const fixtures = (listFixtures() as Fixture[]).filter((f) => readFixture(f).error === undefined);

describe("source maps", () => {
  it("map every state-machine statement of every fixture into its input", () => {
    let statements = 0;
    let logsChecked = 0;
    for (const fx of fixtures) {
      const { input, options } = readFixture(fx);
      const script = options.sourceType === "commonjs";
      const { code, map } = transform(input, { filename: "input.js", sourceMaps: true, sourceType: script ? "commonjs" : "module" });
      const trace = new TraceMap(map as never);
      const ast = parse(code, { sourceType: script ? "script" : "module" });
      for (const stmt of caseStatements(ast)) {
        const start = stmt.loc!.start;
        const original = originalPositionFor(trace, { line: start.line, column: start.column });
        expect(original.source, `${fx.id}: output ${start.line}:${start.column} has no mapping`).toBe("input.js");
        statements++;
        const call = t.isExpressionStatement(stmt) && t.isCallExpression(stmt.expression) ? stmt.expression : null;
        const first = call?.arguments[0];
        if (call && t.isMemberExpression(call.callee) && t.isIdentifier(call.callee.object, { name: "console" }) && t.isStringLiteral(first)) {
          const line = lineOf(input, first.value);
          if (line !== undefined) {
            expect(original.line, `${fx.id}: console.log(${JSON.stringify(first.value)})`).toBe(line);
            logsChecked++;
          }
        }
      }
    }
    expect(statements).toBeGreaterThan(1000);
    expect(logsChecked).toBeGreaterThan(50);
  }, 180_000); // compiles every fixture: slow on a loaded machine

  it("chains an input source map back to the original file", () => {
    // Stage 1 (another tool): reformats the file, moving every line; it emits its own map.
    const original = ["// original", "", "", "async function main() {", "  await null;", '  console.log("marker");', "}", ""].join("\n");
    const stage1 = transformSync(original, { filename: "original.js", sourceMaps: true, retainLines: false, compact: true, comments: false, configFile: false, babelrc: false })!;
    expect(stage1.code).not.toContain("\n");
    const { code, map } = transform(stage1.code!, { filename: "stage1.js", sourceMaps: true, inputSourceMap: stage1.map as never });
    expect(map!.sources).toEqual(["original.js"]);
    const trace = new TraceMap(map as never);
    const ast = parse(code, { sourceType: "module" });
    const marker = caseStatements(ast).find((s) => t.isExpressionStatement(s) && JSON.stringify(s).includes('"marker"'))!;
    const pos = originalPositionFor(trace, { line: marker.loc!.start.line, column: marker.loc!.start.column });
    expect(pos).toMatchObject({ source: "original.js", line: 6 });
  });
});
