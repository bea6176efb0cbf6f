// Runs a coroutine-mode generated program (test/reference/programs.ts) three ways — compiled by src/
// (coroutine mode), rewritten by the reference (test/reference) and, where it means the same,
// natively — and compares the traces. Shared by test/generated.test.ts and scripts/fuzz.mjs.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { transform } from "../../src/index.js";
import { root } from "../load.js";
import { buildProgram, harness } from "../reference/programs.js";
import type { Program } from "../reference/programs.js";
import { toReference } from "../reference/rewrite.js";

/**
 * The built runtime, by absolute URL: modules are imported from `data:` URLs (no file written), which
 * cannot resolve a bare `@coro/runtime`. It is the file `@coro/runtime` resolves to from
 * test/reference/coroutine.mjs, so the compiled program and the reference share one runtime.
 */
const RUNTIME = pathToFileURL(join(root, "packages", "runtime", "dist", "index.js")).href;

const CORO_HARNESS = `import { run } from ${JSON.stringify(RUNTIME)};\n` + harness((call) => `run(${call})`);
const NATIVE_HARNESS = harness((call) => call);

/** Programs decoded from a choice tape (shrinking the tape shrinks the program). */
export const programArb: fc.Arbitrary<Program> = fc
  .array(fc.nat({ max: 1_000 }), { maxLength: 300, size: "max" })
  .map(buildProgram);

let instances = 0;

/**
 * Imports a module text from a `data:` URL and runs its `go()`. Every call gets a fresh module
 * instance (shrinking reruns the same program): the URL ends with a comment that numbers it.
 */
async function runModule(code: string): Promise<string[]> {
  const url = `data:text/javascript,${encodeURIComponent(`${code}\n// instance ${++instances}\n`)}`;
  const mod = (await import(url)) as { go(): Promise<string[]> };
  return await mod.go();
}

export interface Traces {
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

export async function runThreeWays(p: Program): Promise<Traces> {
  let compiledCode: string;
  try {
    compiledCode = transform(p.source + CORO_HARNESS, { filename: "generated.js", runtime: RUNTIME }).code;
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

export function tracesAgree(p: Program, traces: Traces): boolean {
  return (
    Array.isArray(traces.compiled) &&
    JSON.stringify(traces.compiled) === JSON.stringify(traces.reference) &&
    (!p.native || JSON.stringify(traces.native) === JSON.stringify(traces.reference))
  );
}

export function report(p: Program, traces: Traces): string {
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
