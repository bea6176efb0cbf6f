/**
 * A compile error surfaces as the bundler's own build error, pointing at file:line:column of the
 * source with one code frame.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyApp } from "./helpers/app.js";
import { BUILDERS } from "./helpers/builders.js";
import { occurrences } from "./helpers/source-position.js";

const BROKEN = "export async function f() {\n  const ready = true;\n  return await;\n}\n";

/** Everything a bundler's error says: its message, and the frame Rollup keeps apart. */
function describeError(error: unknown): string {
  const { message, frame } = error as { message: string; frame?: string };
  return frame === undefined ? message : `${message}\n${frame}`;
}

describe.each(Object.keys(BUILDERS))("%s", (bundler) => {
  it("fails the build with file:line:column, the reason and one code frame", async () => {
    const app = copyApp();
    const broken = join(app, "src", "broken.js");
    writeFileSync(broken, BROKEN);
    writeFileSync(join(app, "src", "entry.js"), 'import { f } from "./broken.js";\nf();\n');
    const error = await BUILDERS[bundler]!(app, "src/entry.js").then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(Error);
    const text = describeError(error);
    // The file as the bundler's root (the app's directory here) sees it.
    expect(text).toContain("src/broken.js:3:15: SyntaxError: Unexpected token");
    expect(text).not.toContain(`${broken}:3:15`);
    expect(occurrences(text, "> 3 |   return await;")).toBe(1);
    if (bundler === "rollup") {
      // Rollup's own convention for a plugin error's location: 1-based line, 0-based column.
      expect(error).toMatchObject({ plugin: "coro", id: broken, loc: { file: broken, line: 3, column: 14 } });
    }
  }, 120_000);
});
