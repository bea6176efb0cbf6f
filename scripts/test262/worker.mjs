/**
 * A worker process: receives tests (each with its variants) from the pool over IPC, runs the
 * variants one at a time, and sends each result back as soon as it is known. Started by pool.mjs
 * with `--experimental-vm-modules` (vm.SourceTextModule).
 */
import { reportUncaught, runTest } from "./run-test.mjs";

// Test code may leave promises rejected on purpose; that is not a failure (INTERPRETING.md).
process.on("unhandledRejection", () => {});
// An exception thrown from a host callback (a realm timer) belongs to the running test.
process.on("uncaughtException", (error) => reportUncaught(error));

process.on("message", async ({ jobs, options }) => {
  /** The test's compiled variants, shared between them (run-test.mjs `compileVariant`). */
  const compiled = new Map();
  for (const { index, job } of jobs) {
    const started = performance.now();
    const result = await runTest(job, options, compiled);
    result.ms = Math.round(performance.now() - started);
    result.pid = process.pid;
    process.send({ index, result });
  }
});
process.on("disconnect", () => process.exit(0));
// Loading the compiler takes a while on a busy machine: the pool's watchdog starts after this.
process.send({ ready: true });
