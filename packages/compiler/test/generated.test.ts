// Generated programs (issue 3, item 7): fast-check builds random small async programs mixing
// loops, labels, try/catch/finally, switch, closures over loop bindings, nested async functions
// and awaits in every kind of expression (see test/reference/programs.ts). Each runs three ways —
// compiled by src/ (coroutine mode), rewritten by the reference (test/reference), and natively
// where it means the same — and the traces must be equal.
//
// Deterministic by default (fixed seed). To explore: CORO_FC_SEED=<n> CORO_FC_RUNS=<n> npx vitest run
// packages/compiler/test/generated.test.ts. A counterexample is printed shrunk, with all three
// traces; a compiler bug becomes fixtures/generated/<case>/ (stdout from native Node).
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { transform } from "../src/index.js";
import { root } from "./load.js";
import { buildProgram, harness } from "./reference/programs.js";
import type { Program } from "./reference/programs.js";
import { toReference } from "./reference/rewrite.js";

const SEED = Number(process.env.CORO_FC_SEED ?? 20240611);
const RUNS = Number(process.env.CORO_FC_RUNS ?? 300);
/** Exploring (a seed given) leaves time to shrink a counterexample. */
const TIMEOUT = process.env.CORO_FC_SEED === undefined ? 120_000 : 3_600_000;
const cache = join(root, "node_modules", ".cache", "coro-generated");

const CORO_HARNESS = `import { run } from "@coro/runtime";\n` + harness((call) => `run(${call})`);
const NATIVE_HARNESS = harness((call) => call);

let instances = 0;

/**
 * Imports a module text written under node_modules/.cache (so `@coro/runtime` resolves) and runs
 * its `go()`. Every call gets a fresh module instance (shrinking reruns the same program).
 */
async function runModule(code: string): Promise<string[]> {
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${createHash("sha1").update(code).digest("hex")}.mjs`);
  writeFileSync(file, code);
  const mod = (await import(`${pathToFileURL(file).href}?instance=${++instances}`)) as { go(): Promise<string[]> };
  return await mod.go();
}

interface Traces {
  compiled: string[] | string;
  reference: string[] | string;
  native?: string[] | string;
}

async function attempt(f: () => Promise<string[]>): Promise<string[] | string> {
  try {
    return await f();
  } catch (error) {
    return `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
}

async function runThreeWays(p: Program): Promise<Traces> {
  let compiledCode: string;
  try {
    compiledCode = transform(p.source + CORO_HARNESS, { filename: "generated.js" }).code;
  } catch (error) {
    // Every generated program is valid JavaScript the compiler must accept (fails fast when shrinking).
    return { compiled: `compile error: ${error instanceof Error ? error.message : String(error)}`, reference: "(not run)" };
  }
  const traces: Traces = {
    compiled: await attempt(() => runModule(compiledCode)),
    reference: await attempt(() => runModule(toReference(p.source + CORO_HARNESS))),
  };
  if (p.native) traces.native = await attempt(() => runModule(p.source + NATIVE_HARNESS));
  return traces;
}

function report(p: Program, traces: Traces): string {
  const show = (t: string[] | string | undefined): string => (Array.isArray(t) ? t.join("\n") : String(t));
  return [
    "compiled and reference (or native) traces differ for this program:",
    p.source,
    "--- compiled ---",
    show(traces.compiled),
    "--- reference ---",
    show(traces.reference),
    "--- native ---",
    p.native ? show(traces.native) : "(not comparable: relies on coroutine-only semantics)",
  ].join("\n");
}

const programs = fc.array(fc.nat({ max: 1_000 }), { maxLength: 300, size: "max" }).map(buildProgram);

describe("generated programs", () => {
  it(`agree compiled, by the reference, and natively (${RUNS} programs, seed ${SEED})`, async () => {
    let nativeCompared = 0;
    await fc.assert(
      fc.asyncProperty(programs, async (p) => {
        const traces = await runThreeWays(p);
        const agree =
          Array.isArray(traces.compiled) &&
          JSON.stringify(traces.compiled) === JSON.stringify(traces.reference) &&
          (!p.native || JSON.stringify(traces.native) === JSON.stringify(traces.reference));
        if (!agree) throw new Error(report(p, traces));
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
    expect(nativeCompared).toBeGreaterThan(RUNS / 2);
  }, TIMEOUT);

  it("the generator covers what it promises", () => {
    const sample = fc.sample(programs, { seed: SEED, numRuns: RUNS });
    const text = sample.map((p) => p.source).join("\n");
    for (const construct of [
      "await f", "for (let i", "while (", "do {", "for (let x", "iter(", "for (let p", "switch (", "try {", "finally {",
      "catch (e", "catch {", "catch ({", "break L", "continue L", "break;", "continue;", "throw ", "return f",
      "CL.push(() => i", "async function g", "async (x) =>", "arguments.length", "Promise.resolve(", "thenable(",
      "rejected(", "`${", "??=", "||=", "&&=", "+=", "O.m(", "...[", "typeof ", "++", "b = ",
    ]) {
      expect(text, construct).toContain(construct);
    }
  });
});
