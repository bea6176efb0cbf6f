/**
 * The worker pool: one child process per core, each fed one test variant at a time.
 *
 * Child processes rather than worker_threads, because a test can hang in a microtask loop that no
 * vm timeout interrupts: the pool's watchdog then kills that child, records the test as failed,
 * and starts a fresh child for the rest of the queue.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./worker.mjs", import.meta.url));
/** How much longer than the per-test timeout the watchdog waits before killing a child. */
const WATCHDOG_GRACE_MS = 5000;

/**
 * Runs every job and resolves with the results in job order.
 * @param {Array<object>} jobs
 * @param {{ jobs: number, mode: string, timeout: number, onResult?: (job, result) => void }} options
 */
export function runPool(jobs, { jobs: size, mode, timeout, onResult }) {
  const results = new Array(jobs.length);
  let next = 0;
  let finished = 0;
  return new Promise((resolve) => {
    if (jobs.length === 0) return resolve(results);
    const record = (index, result) => {
      results[index] = result;
      onResult?.(jobs[index], result);
      if (++finished === jobs.length) resolve(results);
    };
    const start = () => {
      const child = fork(WORKER, [], { execArgv: ["--experimental-vm-modules", "--no-warnings"] });
      let current = -1;
      let watchdog;
      const feed = () => {
        if (next >= jobs.length) {
          child.disconnect();
          return;
        }
        current = next++;
        watchdog = setTimeout(() => {
          const index = current;
          current = -1;
          child.kill("SIGKILL");
          record(index, { status: "fail", message: `hung: worker killed after ${timeout + WATCHDOG_GRACE_MS} ms` });
        }, timeout + WATCHDOG_GRACE_MS);
        child.send({ id: current, job: jobs[current], options: { mode, timeout } });
      };
      child.on("message", ({ id, result }) => {
        if (id !== current) return;
        clearTimeout(watchdog);
        current = -1;
        record(id, result);
        feed();
      });
      child.on("exit", (code, signal) => {
        clearTimeout(watchdog);
        if (current >= 0) {
          const index = current;
          current = -1;
          record(index, { status: "fail", message: `worker died (${signal ?? `exit code ${code}`})` });
        }
        if (next < jobs.length) start();
      });
      feed();
    };
    for (let i = 0; i < Math.min(size, jobs.length); i++) start();
  });
}
