// Golden fixtures: each input compiles to the expected output, and the compiled program prints the
// expected stdout. Where the program means the same natively (the default), native Node must print
// the same stdout too, so expectations are checked by an oracle, not only by us.
import { describe, expect, it } from "vitest";
// @ts-expect-error — plain .mjs helper shared with scripts/update-fixtures.mjs
import { MODES, compileFixture, listFixtures, readFixture, runProgramInWorker as runProgram } from "../../../scripts/fixture-lib.mjs";
import { transform } from "../src/index.js";

interface Fixture {
  area: string;
  name: string;
  dir: string;
  id: string;
}

const fixtures = listFixtures() as Fixture[];
const UPDATE = "run `pnpm build && pnpm fixtures:update` and review the diff";

// Programs run in worker threads, several at a time (describe.concurrent; fixture-lib.mjs bounds them).
describe.concurrent("golden fixtures", () => {
  it("there are fixtures", () => {
    expect(fixtures.filter((f) => f.area === "seed").length).toBeGreaterThanOrEqual(30);
  });

  for (const fx of fixtures) {
    describe(fx.id, () => {
      const f = readFixture(fx);
      const compiled = compileFixture(transform, fx, f.input);

      if (f.error !== undefined) {
        it("is rejected with the expected error", () => {
          expect(compiled.error, UPDATE).toBe(f.error);
        });
        return;
      }

      for (const mode of MODES as ("coroutine" | "promise")[]) {
        const out = mode === "coroutine" ? compiled : compileFixture(transform, fx, f.input, mode);
        it(`compiles to the expected ${mode}-mode output`, () => {
          expect(out.error).toBeUndefined();
          expect(out.code, UPDATE).toBe(f.outputs[mode]);
        });
      }

      if (f.options.expectDifferent !== undefined) {
        // A listed divergence (with its reason in options.json): it must still differ, so the
        // list can only shrink; native Node must still print stdout.txt.
        it(`still differs from native Node: ${f.options.expectDifferent}`, async ({ expect }) => {
          expect((await runProgram(fx, f.input, "native")).stdout).toBe(f.stdout);
          for (const mode of MODES as ("coroutine" | "promise")[]) {
            const res = await runProgram(fx, compileFixture(transform, fx, f.input, mode).code, mode);
            expect(res.stdout, `${fx.id} now matches in ${mode} mode: remove expectDifferent`).not.toBe(f.stdout);
          }
        });
        return;
      }

      it("prints the expected stdout when run (coroutine mode)", async ({ expect }) => {
        expect(f.stdout, `${fx.id} needs a hand-written stdout.txt`).toBeDefined();
        const res = await runProgram(fx, compiled.code, "compiled");
        expect(res.stderr).toBe("");
        expect(res.stdout).toBe(f.stdout);
        expect(res.status).toBe(0);
      });

      if (f.options.native !== false) {
        it("prints the same as native Node", async ({ expect }) => {
          const res = await runProgram(fx, f.input, "native");
          expect(res.stdout).toBe(f.stdout);
        });
        it("prints the same as native Node in promise mode", async ({ expect }) => {
          const res = await runProgram(fx, compileFixture(transform, fx, f.input, "promise").code, "promise");
          expect(res.stderr).toBe("");
          expect(res.stdout).toBe(f.stdout);
        });
        it("prints the same as native Node in promise mode for ES2015 engines (target es2015)", async ({ expect }) => {
          const compiledFor2015 = compileFixture(transform, fx, f.input, "promise", { target: "es2015" });
          const res = await runProgram(fx, compiledFor2015.code, "promise-es2015");
          expect(res.stderr).toBe("");
          expect(res.stdout).toBe(f.stdout);
        });
      }
    });
  }
});
