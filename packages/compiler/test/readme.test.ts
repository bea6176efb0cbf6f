// The README's tour is executable: every ```js block starting with `// example: NAME` is compiled
// and run, and must print exactly the ```text block that follows it.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { transform } from "../src/index.js";
import { root } from "./load.js";

const readme = readFileSync(join(root, "README.md"), "utf8");
const examples = [...readme.matchAll(/```js\n(\/\/ example: ([\w-]+)\n[\s\S]*?)```\s*```text\n([\s\S]*?)```/g)].map((m) => ({
  name: m[2]!,
  code: m[1]!,
  expected: m[3]!,
}));

describe("README examples", () => {
  it("has examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });
  for (const ex of examples) {
    it(ex.name, () => {
      // Examples named promise-… are compiled in promise mode and must also match native Node.
      const mode = ex.name.startsWith("promise") ? "promise" : "coroutine";
      const { code } = transform(ex.code, { filename: `README-${ex.name}.js`, mode });
      const dir = join(root, "node_modules", ".cache", "coro-tests");
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `readme-${ex.name}.mjs`);
      writeFileSync(file, code);
      expect(execFileSync(process.execPath, [file], { encoding: "utf8" })).toBe(ex.expected);
      if (mode === "promise") {
        const native = join(dir, `readme-${ex.name}-native.mjs`);
        writeFileSync(native, ex.code);
        expect(execFileSync(process.execPath, [native], { encoding: "utf8" })).toBe(ex.expected);
      }
    });
  }
});
