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
      const { code } = transform(ex.code, { filename: `README-${ex.name}.js` });
      const dir = join(root, "node_modules", ".cache", "coro-tests");
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `readme-${ex.name}.mjs`);
      writeFileSync(file, code);
      expect(execFileSync(process.execPath, [file], { encoding: "utf8" })).toBe(ex.expected);
    });
  }
});
