/**
 * A worker process: receives test variants from the pool over IPC, runs them one at a time, and
 * sends each result back. Started by pool.mjs with `--experimental-vm-modules` (vm.SourceTextModule).
 */
import { reportUncaught, runTest } from "./run-test.mjs";

// Test code may leave promises rejected on purpose; that is not a failure (INTERPRETING.md).
process.on("unhandledRejection", () => {});
// An exception thrown from a host callback (a realm timer) belongs to the running test.
process.on("uncaughtException", (error) => reportUncaught(error));

process.on("message", async ({ id, job, options }) => {
  const started = performance.now();
  const result = await runTest(job, options);
  result.ms = Math.round(performance.now() - started);
  process.send({ id, result });
});
process.on("disconnect", () => process.exit(0));
