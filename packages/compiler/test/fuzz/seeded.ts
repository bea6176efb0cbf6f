// Seeded runs of both generators, for scripts/fuzz.mjs: program `seed` is the first program
// fast-check generates (unbiased) from that seed, so a run over seeds S..S+N-1 is reproducible one
// program at a time, and `minimise` shrinks a failing one with fast-check's own shrinker.
import fc from "fast-check";
import { programArb as coroutineArb, report as coroutineReport, runThreeWays, tracesAgree } from "./coroutine-run.js";
import type { Traces } from "./coroutine-run.js";
import { programArb as promiseArb } from "./promise-model.js";
import { render, standalone } from "./promise-render.js";
import { agree, report as promiseReport, results, runAll } from "./promise-run.js";

export type Mode = "coroutine" | "promise";
export interface Failure {
  seed: number;
  report: string;
}

/** A program that has not finished after this long is a failure (a hang), not a wait. */
const PROGRAM_TIMEOUT_MS = 20_000;

const params = (seed: number) => ({ seed, numRuns: 1, unbiased: true });
/**
 * Shrinking stops after this long and reports the smallest program found so far (a coroutine-mode
 * failure took minutes to shrink fully on a loaded machine; the report already has its rerun command).
 */
const SHRINK_TIME_LIMIT_MS = 60_000;
const shrinkParams = (seed: number) => ({ ...params(seed), interruptAfterTimeLimit: SHRINK_TIME_LIMIT_MS });

function sample<T>(arb: fc.Arbitrary<T>, seed: number): T {
  return fc.sample(arb, params(seed))[0]!;
}

async function withTimeout(traces: Promise<Traces>): Promise<Traces> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Traces>((resolve) => {
    timer = setTimeout(
      () => resolve({ compiled: `timed out after ${PROGRAM_TIMEOUT_MS} ms`, reference: "(not compared)" }),
      PROGRAM_TIMEOUT_MS,
    );
  });
  return Promise.race([traces, hang]).finally(() => clearTimeout(timer));
}

/** The report of a failing promise-mode program (run by runAll), or undefined if it passed. */
function promiseOutcome(body: string): string | undefined {
  const r = results.get(body)!;
  if (!r.native.ok) return `the generated program fails natively (a generator fault):\n${standalone(body)}\n${r.native.error}`;
  return agree(r) ? undefined : promiseReport(body, r);
}

/** Runs the programs of `seeds`; returns the failures. */
export async function runSeeds(mode: Mode, seeds: number[]): Promise<Failure[]> {
  const failures: Failure[] = [];
  if (mode === "coroutine") {
    for (const seed of seeds) {
      const p = sample(coroutineArb, seed);
      const traces = await withTimeout(runThreeWays(p));
      if (!tracesAgree(p, traces)) failures.push({ seed, report: coroutineReport(p, traces) });
    }
    return failures;
  }
  const bodies = seeds.map((seed) => render(sample(promiseArb, seed)));
  runAll(bodies);
  seeds.forEach((seed, k) => {
    const report = promiseOutcome(bodies[k]!);
    if (report !== undefined) failures.push({ seed, report });
  });
  return failures;
}

/** The shrunk counterexample of program `seed`, reported; undefined if it passes. */
export async function minimise(mode: Mode, seed: number): Promise<string | undefined> {
  if (mode === "coroutine") {
    const details = await fc.check(
      fc.asyncProperty(coroutineArb, async (p) => tracesAgree(p, await withTimeout(runThreeWays(p)))),
      shrinkParams(seed),
    );
    if (!details.failed || !details.counterexample) return undefined;
    const [p] = details.counterexample;
    return coroutineReport(p, await runThreeWays(p));
  }
  const details = fc.check(
    fc.property(promiseArb, (p) => {
      const body = render(p);
      runAll([body]);
      return promiseOutcome(body) === undefined;
    }),
    shrinkParams(seed),
  );
  return details.failed && details.counterexample ? promiseOutcome(render(details.counterexample[0])) : undefined;
}
