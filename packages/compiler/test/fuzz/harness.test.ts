// The fuzz harness (scripts/fuzz/: build.mjs bundles these generators and the compiler's src/,
// pool.mjs runs the bundle in long-lived workers) passes programs the compiler gets right, catches
// a broken compiler in both modes, and reports a worker that crashes or hangs. The broken compiler is src/ with one mutation applied while
// bundling (no file is changed): a `finally` block no longer rethrows the exception that entered it.
// The seeds are programs of `node scripts/fuzz.mjs --seed 20261202 --count 150` that this mutation fails.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildFuzzBundle } from "../../../../scripts/fuzz/build.mjs";
import { FuzzWorker } from "../../../../scripts/fuzz/pool.mjs";
import { root } from "../load.js";

const RETHROW = "t.throwStatement(value()),";
const swallowInFinally = (path: string, text: string): string =>
  path.endsWith("/src/explode/try.ts") ? text.replace(RETHROW, "t.expressionStatement(value()),") : text;

const CAUGHT = { coroutine: [20261261], promise: [20261227] };
const ANSWER_TIMEOUT_MS = 120_000;

interface Answer {
  passed: number;
  failures: { seed: number; report: string }[];
  rss: number;
}

const workers: FuzzWorker[] = [];
afterAll(() => Promise.all(workers.map((w) => w.close())));

async function run(bundle: string, message: { mode: string; seeds: number[] }): Promise<Answer> {
  const worker = new FuzzWorker(root, bundle);
  workers.push(worker);
  return (await worker.ask(message, ANSWER_TIMEOUT_MS)) as Answer;
}

describe("fuzz harness", () => {
  it("runs the programs through the bundled compiler in a worker, one chunk after another", async () => {
    const bundle = await buildFuzzBundle(root);
    const worker = new FuzzWorker(root, bundle);
    workers.push(worker);
    for (const mode of ["coroutine", "promise"]) {
      const seeds = [...CAUGHT.coroutine, ...CAUGHT.promise];
      const answer = (await worker.ask({ mode, seeds }, ANSWER_TIMEOUT_MS)) as Answer;
      expect(answer.failures).toEqual([]);
      expect(answer.passed).toBe(seeds.length);
      expect(answer.rss).toBeGreaterThan(0);
    }
  }, 240_000);

  it("catches a compiler whose finally blocks swallow exceptions, in both modes", async () => {
    const broken = await buildFuzzBundle(root, { patch: swallowInFinally });
    expect(broken).not.toBe(await buildFuzzBundle(root));
    for (const [mode, seeds] of Object.entries(CAUGHT)) {
      const answer = await run(broken, { mode, seeds });
      expect(answer.failures.map((f) => f.seed)).toEqual(seeds);
      const differ = mode === "coroutine" ? "compiled and reference (or native) traces differ" : "promise mode differs from native Node";
      for (const f of answer.failures) expect(f.report).toContain(differ);
    }
  }, 240_000);

  it("reports a worker that crashes or does not answer in time, and marks it spent", async () => {
    const crashing = new FuzzWorker(root, join(root, "no-such-bundle.mjs"));
    workers.push(crashing);
    const crash = (await crashing.ask({ mode: "promise", seeds: [1] }, ANSWER_TIMEOUT_MS)) as { crashed?: string };
    expect(crash.crashed).toMatch(/worker exited \(1\) without an answer:[^]*no-such-bundle\.mjs/);
    expect(crashing.spent).toBe(true);

    const slow = new FuzzWorker(root, await buildFuzzBundle(root));
    workers.push(slow);
    expect(await slow.ask({ mode: "coroutine", seeds: CAUGHT.coroutine }, 1)).toEqual({ timedOut: true });
    expect(slow.spent).toBe(true);
  });
});
