// A label may share its name with a local that lives across an await: the local becomes a frame
// field, the label stays a label (found compiling playwright-core's bundled lib/ with the CLI).
import { describe, expect, it } from "vitest";
import { loadCompiled } from "./load.js";

describe("labels named like hoisted locals", () => {
  it.each(["coroutine", "promise"] as const)("compile and run in %s mode", async (mode) => {
    const m = await loadCompiled<{ f(start: number): unknown; run(co: unknown): Promise<unknown> }>(
      `
      export { run } from "@coro/runtime";
      export async function f(e) {
        let n = 0;
        n: for (;;) {
          await 0;
          e: for (let i = 0; ; i++) {
            n += await i;
            if (i === 2) continue n;
            if (n > 6) break n;
            if (i > 5) break e;
          }
        }
        return [e, n];
      }
      `,
      `labels-${mode}.js`,
      { mode },
    );
    const result = mode === "promise" ? await m.f(1) : await m.run(m.f(1));
    expect(result).toEqual([1, 7]); // as native: 0+1+2, 3+0+1+2, 6+0+1 > 6
  });
});
