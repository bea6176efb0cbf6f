#!/usr/bin/env node
// Soak test of the runtime (issue 9): a million tasks through a Queue, a Semaphore and a Lock, in
// rounds, with the heap measured after each round (after a full GC) to show that it stays flat;
// then a million tasks sleeping at once, weighed while suspended; then cancellation storms (tasks
// cancelled at random moments, seeded, many inside finally blocks). Exits 1 if a round loses a
// task or an item, leaves anything held, or a storm leaves a task pending or an error unreported.
//
//   node scripts/soak.mjs [--tasks 1000000] [--rounds 5] [--batch 10000] [--sleepers 1000000]
//                         [--storms 10] [--storm-tasks 3000]
//
// --tasks is the total over all rounds; --batch how many run concurrently. The workload is compiled
// here, then measured in a fresh process started with --expose-gc (the compiler's own memory would
// blur the heap figures).
//
// Needs --expose-gc: it re-runs itself with the flag when started without it.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    workload: { type: "string" },
    tasks: { type: "string", default: "1000000" },
    batch: { type: "string", default: "10000" },
    rounds: { type: "string", default: "5" },
    sleepers: { type: "string", default: "1000000" },
    storms: { type: "string", default: "10" },
    "storm-tasks": { type: "string", default: "3000" },
  },
});
const rounds = Number(values.rounds);
const tasks = Math.ceil(Number(values.tasks) / rounds);
const batch = Number(values.batch);
const sleeperCount = Number(values.sleepers);
const storms = Number(values.storms);
const stormTasks = Number(values["storm-tasks"]);

if (values.workload === undefined) {
  const here = dirname(fileURLToPath(import.meta.url));
  const cache = join(here, "..", "node_modules", ".cache", "coro-soak");
  mkdirSync(cache, { recursive: true });
  const { transform } = await import("@coro/compiler");
  for (const name of ["workload", "storm"]) {
    const { code } = transform(readFileSync(join(here, "soak", `${name}.js`), "utf8"), { filename: `scripts/soak/${name}.js` });
    writeFileSync(join(cache, `${name}.mjs`), code);
  }
  const args = ["--expose-gc", fileURLToPath(import.meta.url), "--workload", cache, ...process.argv.slice(2)];
  process.exit(spawnSync(process.execPath, args, { stdio: "inherit" }).status ?? 1);
}
const { flow, sleepers } = await import(pathToFileURL(join(values.workload, "workload.mjs")).href);
const { storm } = await import(pathToFileURL(join(values.workload, "storm.mjs")).href);

const MB = 1024 * 1024;
function heapAfterGC() {
  for (let i = 0; i < 3; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}
const fmt = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

const n = (x) => Math.round(x).toLocaleString("en");
const signed = (bytes) => `${bytes >= 0 ? "+" : "−"}${fmt(Math.abs(bytes))}`;

// Warm-up (JIT, the compiler's leftovers), then the heap every round is compared with.
flow(Math.min(batch, tasks), batch);
const baseline = heapAfterGC();
console.log(`soak: ${n(tasks * rounds)} tasks in ${rounds} rounds of ${n(tasks)}, ${n(batch)} at a time, through a Queue (maxsize 256), a Semaphore (64) and a Lock`);
console.log(`heap after warm-up and GC: ${fmt(baseline)}`);
let failed = false;
let peakRss = 0;
const heaps = [];
for (let round = 1; round <= rounds; round++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { sum, expected, left } = flow(tasks, batch);
  const { user, system } = process.cpuUsage(c0);
  const cpu = (user + system) / 1000;
  const ms = performance.now() - t0;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const heap = heapAfterGC();
  heaps.push(heap);
  const ok = sum === expected && left === 0;
  if (!ok) failed = true;
  console.log(
    `round ${round}: ${n(ms)} ms wall, ${n(cpu)} ms CPU (${n((tasks / cpu) * 1000)} tasks per CPU second); ` +
      `heap after GC ${fmt(heap)} (${signed(heap - baseline)} vs warm-up)${ok ? "" : `  WRONG: sum ${sum} ≠ ${expected} or ${left} left over`}`,
  );
}
console.log(`heap after the last round vs the first: ${signed(heaps.at(-1) - heaps[0])}; peak RSS ${fmt(peakRss)}`);

// Twice: what the first run leaves is the one-time growth of the runtime's tables; a leak would grow again.
const before = heapAfterGC();
for (let run = 1; run <= 2; run++) {
  const { finished, left, measured } = sleepers(sleeperCount, heapAfterGC);
  const after = heapAfterGC();
  // Includes each task's coroutine frame, its sleep, the Future and loop timer the sleep waits on.
  const perTask = (measured - before) / sleeperCount;
  console.log(
    `${sleeperCount.toLocaleString("en")} concurrent sleeping tasks, run ${run}: ${finished.toLocaleString("en")} finished, ${left} left; ` +
      `${n(perTask)} bytes per suspended task (heap ${fmt(measured - before)} while suspended, ${signed(after - before)} once finished)`,
  );
  if (finished !== sleeperCount || left !== 0) failed = true;
}
const total = { cancelled: 0, failed: 0, succeeded: 0, cancelsInFinally: 0, uncancelled: 0, reported: 0 };
for (let seed = 1; seed <= storms; seed++) {
  const s = storm(seed, stormTasks);
  const ok =
    s.pending === 0 && s.notDone === 0 && !s.lockHeld && s.semValue === 3 && s.reportedTwice === 0 &&
    s.unreportedFailures === 0 && s.otherReports.length === 0 && s.foreign.length === 0;
  if (!ok) {
    failed = true;
    console.log(`storm seed ${seed}: WRONG ${JSON.stringify(s)}`);
  }
  total.cancelled += s.cancelled;
  total.failed += s.failed;
  total.succeeded += s.succeeded;
  total.cancelsInFinally += s.cancelsInFinally;
  total.uncancelled += s.uncancelled;
  total.reported += s.reportedTasks;
}
console.log(
  `cancellation storms, seeds 1–${storms}, ${n(stormTasks)} tasks each: ${n(total.cancelled)} ended cancelled, ${n(total.succeeded)} succeeded, ` +
    `${n(total.failed)} failed and ${n(total.reported)} failures reported (each once); ${n(total.cancelsInFinally)} cancellations landed in a finally block, ` +
    `${n(total.uncancelled)} were swallowed with uncancel(); ${failed ? "SOMETHING WAS LOST" : "no task left pending, no lock or permit held, no error unreported"}`,
);
process.exit(failed ? 1 : 0);
