#!/usr/bin/env node
// Differential fuzzing at scale (issue 9, item 1). Runs N generated async programs per mode from a
// seed, in long-lived child processes (scripts/fuzz/pool.mjs, one per job), and prints `N passed, M failed`:
//   coroutine mode: compiled vs the reference coroutine (packages/compiler/test/reference) vs native Node
//   promise mode:   compiled `mode: "promise"` vs native Node, microtask by microtask
// Program k of a run is the one generated from seed S+k, so a failure reruns alone with
// `--seed <its seed> --count 1`. Failures are shrunk (fast-check) and printed; exit status 1.
//
//   node scripts/fuzz.mjs [--seed S] [--count N] [--mode both|promise|coroutine] [--jobs J] [--progress] [--max-time SECONDS]
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildFuzzBundle } from "./fuzz/build.mjs";
import { FuzzWorker, RETIRE_RSS } from "./fuzz/pool.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/**
 * Programs per message to a worker. Small enough to spread the end of a run over the jobs; a
 * promise-mode chunk is one batch (one native and one compiled child process, promise-run.ts).
 */
const CHUNK = { coroutine: 50, promise: 120 };
/** A chunk not done after this long is split in two and retried; a single program is then a failure (a hang). */
const CHUNK_TIMEOUT_MS = 10 * 60_000;
/** At most this many failures are shrunk (each is reported anyway, with its seed). */
const MAX_MINIMISED = 5;

const started = Date.now();
const { values } = parseArgs({
  options: {
    seed: { type: "string", default: String(Date.now() % 1_000_000_000) },
    count: { type: "string", default: "200" },
    mode: { type: "string", default: "both" },
    jobs: { type: "string", default: String(availableParallelism()) },
    progress: { type: "boolean", default: false },
    "max-time": { type: "string", default: "0" },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
const jobs = Math.max(1, Number(values.jobs));
/** With --max-time T (seconds), no chunk starts after T: the run reports the programs it did run. */
const deadline = Number(values["max-time"]) > 0 ? started + Number(values["max-time"]) * 1000 : Infinity;
const modes = values.mode === "both" ? ["coroutine", "promise"] : [values.mode];
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(count) || count < 0 || modes.some((m) => !(m in CHUNK))) {
  console.error("usage: node scripts/fuzz.mjs [--seed S] [--count N] [--mode both|promise|coroutine] [--jobs J]");
  process.exit(2);
}

/** Sends one message to a fresh worker, then ends it (for minimising). */
async function inWorker(message, timeoutMs) {
  const worker = new FuzzWorker(root, bundle);
  const answer = await worker.ask(message, timeoutMs);
  await worker.close();
  return answer;
}

/** Every mode's chunks, interleaved so that a run stopped by --max-time has tried both modes. */
function chunks() {
  const perMode = modes.map((mode) => {
    const list = [];
    for (let k = 0; k < count; k += CHUNK[mode]) {
      const seeds = [];
      for (let i = k; i < Math.min(count, k + CHUNK[mode]); i++) seeds.push(seed + i);
      list.push({ mode, seeds });
    }
    return list;
  });
  const queue = [];
  for (let k = 0; perMode.some((list) => k < list.length); k++) for (const list of perMode) if (k < list.length) queue.push(list[k]);
  return queue;
}

const tally = Object.fromEntries(modes.map((mode) => [mode, { passed: 0, failures: [] }]));

async function lane(queue) {
  let worker;
  for (let chunk = queue.shift(); chunk && Date.now() < deadline; chunk = queue.shift()) {
    const { mode, seeds } = chunk;
    const t = tally[mode];
    if (worker?.spent) {
      void worker.close();
      worker = undefined;
    }
    worker ??= new FuzzWorker(root, bundle);
    const answer = await worker.ask(chunk, CHUNK_TIMEOUT_MS);
    worker.programs += seeds.length;
    if (answer.rss > RETIRE_RSS) void worker.close();
    if (answer.failures) {
      t.passed += answer.passed;
      t.failures.push(...answer.failures);
      if (values.progress) {
        const secs = ((Date.now() - started) / 1000).toFixed(0);
        console.error(`  ${mode}: ${t.passed + t.failures.length}/${count} run, ${t.failures.length} failed (${secs} s)`);
      }
    } else if (answer.crashed && t.failures.some((f) => f.report === answer.crashed)) {
      // The same crash as before: the worker itself is broken, not one program.
      console.error(answer.crashed);
      process.exit(2);
    } else if (seeds.length > 1) {
      const half = Math.ceil(seeds.length / 2);
      queue.push({ mode, seeds: seeds.slice(0, half) }, { mode, seeds: seeds.slice(half) });
    } else {
      t.failures.push({ seed: seeds[0], report: answer.crashed ?? `timed out after ${CHUNK_TIMEOUT_MS} ms` });
    }
  }
  // Waited for, so that the run's CPU time (`time node scripts/fuzz.mjs …`) counts the workers.
  await worker?.close();
}

const bundle = await buildFuzzBundle(root);
const queue = chunks();
await Promise.all(Array.from({ length: jobs }, () => lane(queue)));
const runSecs = ((Date.now() - started) / 1000).toFixed(1);
let failedTotal = 0;
let passedTotal = 0;
for (const mode of modes) {
  const { passed, failures } = tally[mode];
  failures.sort((a, b) => a.seed - b.seed);
  passedTotal += passed;
  failedTotal += failures.length;
  const ran = passed + failures.length;
  const stopped = ran < count ? `; stopped by --max-time after ${ran} of ${count}` : "";
  console.log(`${mode} mode: ${passed} passed, ${failures.length} failed (seeds ${seed}..${seed + count - 1}${stopped})`);
  for (const [i, f] of failures.entries()) {
    console.log(`\n=== ${mode} mode, seed ${f.seed}: rerun with node scripts/fuzz.mjs --mode ${mode} --seed ${f.seed} --count 1`);
    const shrunk = i < MAX_MINIMISED ? (await inWorker({ mode, minimise: f.seed }, CHUNK_TIMEOUT_MS)).report : undefined;
    console.log(shrunk ? `minimised:\n${shrunk}` : f.report);
  }
}
console.log(`\n${passedTotal} passed, ${failedTotal} failed (${modes.join(" + ")}, seed ${seed}, ${jobs} jobs, ${runSecs} s)`);
process.exit(failedTotal === 0 ? 0 : 1);
