// Generated programs in promise mode (issue 4, item 4; SPEC §3): fast-check builds random small
// programs whose async functions (declarations, arrows with block and concise bodies, function
// expressions, object methods, class instance and static methods) call and await each other, and
// whose every step logs to an array, so that the log is the program's microtask order. They await
// plain values, fresh/already-settled/pending native promises, a Promise subclass, thenables (calling
// `then`'s callbacks synchronously, from a later microtask, several times, throwing, rejecting,
// with a `then` getter, resolving with another awaitable), other async calls and async IIFEs,
// `Promise.all/race/allSettled/any`; they return promises/thenables (with and without `await`),
// catch and finally around awaits, loop with awaits (for, while, for-of over awaitables, with
// break/continue), and interleave `Promise.resolve().then` chains and `queueMicrotask` at the top
// level and inside the functions. Unhandled and late-handled rejections are logged too. A "clock"
// (a chain of then-callbacks logging "tick k") runs alongside, so any await that takes one microtask
// tick more or less than natively moves the log lines after it relative to the ticks.
//
// Each program is compiled with `mode: "promise"` and must print exactly what native Node prints
// (the oracle). Programs are run in batches, one subprocess per batch and mode, each program after
// the previous one's final `setTimeout(…, 0)`; a counterexample is then shrunk program by program.
//
// Deterministic by default (fixed seed). To explore:
//   CORO_FC_SEED=<n> CORO_FC_RUNS=<n> npx vitest run packages/compiler/test/generated-promise.test.ts
// A counterexample is printed shrunk, as a standalone program with both outputs; a compiler bug
// becomes fixtures/generated/<case>/ (stdout from native Node). The generator, renderer and runner live in
// test/fuzz/ (shared with scripts/fuzz.mjs, which runs them at scale).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { programArb } from "./fuzz/promise-model.js";
import { render, standalone } from "./fuzz/promise-render.js";
import { agree, report, results, runAll } from "./fuzz/promise-run.js";

const SEED = Number(process.env.CORO_FC_SEED ?? 20250411);
const RUNS = Number(process.env.CORO_FC_RUNS ?? 300);
/** Exploring (a seed given) leaves time to shrink a counterexample. */
const TIMEOUT = process.env.CORO_FC_SEED === undefined ? 120_000 : 3_600_000;

describe("generated programs in promise mode", () => {
  it(`print what native Node prints (${RUNS} programs, seed ${SEED})`, () => {
    // Run every program the property will see in batches first; the property then only looks the
    // results up, and runs programs one by one only while shrinking a counterexample.
    const bodies = fc.sample(programArb, { seed: SEED, numRuns: RUNS }).map(render);
    runAll(bodies);
    let nativeFailures = 0;
    let misses = 0;
    fc.assert(
      fc.property(programArb, (p) => {
        const body = render(p);
        if (!results.has(body)) misses++;
        runAll([body]);
        const r = results.get(body)!;
        if (!r.native.ok) {
          // Not a valid test case (the generator's fault); counted below, never hidden.
          nativeFailures++;
          throw new Error(`the generated program fails natively:\n${standalone(body)}\n${r.native.error}`);
        }
        if (!agree(r)) throw new Error(report(body, r));
      }),
      {
        seed: SEED,
        numRuns: RUNS,
        endOnFailure: process.env.CORO_FC_SHRINK === "0",
        interruptAfterTimeLimit: TIMEOUT - 30_000,
      },
    );
    expect(nativeFailures).toBe(0);
    // Every program was run in a batch (the sample and the property see the same programs).
    expect(misses).toBe(0);
  }, TIMEOUT);

  it("the generator covers what it promises", () => {
    const text = fc.sample(programArb, { seed: SEED, numRuns: RUNS }).map(render).join("\n");
    for (const construct of [
      "async function f", "const f0 = async function", "= async () => {", "= async () => (", "(async () => (", "async f", "static async f",
      "new C", "await ", "return await ", "return Promise", "return ({", "Promise.resolve(\"", "Promise.reject(", "settledOk",
      "settledFail", "pend0", "res0(", "rej0(", "MyP.resolve(", "({ then(r) {", "queueMicrotask(() => { log(",
      "Promise.resolve().then(() => { log(", "throw \"", "get then()", "{ then: ", "Promise.all([", "Promise.race([",
      "Promise.allSettled([", "Promise.any([", "(async () => {", "(async () => ", "try {", "catch (e)", "finally {",
      "for (let i", "while (w++", "for (const v of", "break;", "continue;", ".then((x) => {", "new Promise((res, rej) =>",
      ".finally(", ".catch(", "tick2", "clock.then(",
    ])
      expect(text.includes(construct), construct).toBe(true);
  });
});
