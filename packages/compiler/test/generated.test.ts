// Generated programs (issue 3, item 7): fast-check builds random small async programs mixing
// loops, labels, try/catch/finally, switch, closures over loop bindings, nested async functions
// and awaits in every kind of expression (see test/reference/programs.ts). Each runs three ways —
// compiled by src/ (coroutine mode), rewritten by the reference (test/reference), and natively
// where it means the same — and the traces must be equal.
//
// Deterministic by default (fixed seed). To explore: CORO_FC_SEED=<n> CORO_FC_RUNS=<n> npx vitest run
// packages/compiler/test/generated.test.ts. A counterexample is printed shrunk, with all three
// traces; a compiler bug becomes fixtures/generated/<case>/ (stdout from native Node). How a program
// is run and compared lives in test/fuzz/coroutine-run.ts (shared with scripts/fuzz.mjs).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { programArb as programs, report, runThreeWays, tracesAgree } from "./fuzz/coroutine-run.js";

const SEED = Number(process.env.CORO_FC_SEED ?? 20240611);
const RUNS = Number(process.env.CORO_FC_RUNS ?? 300);
/** Exploring (a seed given) leaves time to shrink a counterexample. */
const TIMEOUT = process.env.CORO_FC_SEED === undefined ? 120_000 : 3_600_000;

describe("generated programs", () => {
  it(`agree compiled, by the reference, and natively (${RUNS} programs, seed ${SEED})`, async () => {
    let nativeCompared = 0;
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(programs, async (p) => {
        ran++;
        const traces = await runThreeWays(p);
        if (!tracesAgree(p, traces)) throw new Error(report(p, traces));
        if (p.native) nativeCompared++;
      }),
      {
        seed: SEED,
        numRuns: RUNS,
        endOnFailure: process.env.CORO_FC_SHRINK === "0",
        // In CI, stop shrinking in time to report the smallest counterexample found so far.
        interruptAfterTimeLimit: TIMEOUT - 30_000,
      },
    );
    // The time limit only guards against a hang: a run cut short fails instead of passing on fewer programs.
    expect(ran, "every generated program ran").toBeGreaterThanOrEqual(RUNS);
    expect(nativeCompared).toBeGreaterThan(ran / 2);
  }, TIMEOUT);

  it("the generator covers what it promises", () => {
    const sample = fc.sample(programs, { seed: SEED, numRuns: RUNS });
    const text = sample.map((p) => p.source).join("\n");
    for (const construct of [
      "await f", "for (let i", "while (", "do {", "for (let x", "iter(", "for (let p", "switch (", "try {", "finally {",
      "catch (e", "catch {", "catch ({", "break L", "continue L", "break;", "continue;", "throw ", "return f",
      "CL.push(() => i", "async function g", "async (x) =>", "arguments.length", "Promise.resolve(", "thenable(",
      "rejected(", "`${", "??=", "||=", "&&=", "+=", "O.m(", "...[", "typeof ", "++", "b = ", "let [d", "{ q: e", "...r", "] = [", "?.(", "][(await ", "]).length",
    ]) {
      expect(text, construct).toContain(construct);
    }
  });
});
