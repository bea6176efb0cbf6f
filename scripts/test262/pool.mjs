/**
 * The worker pool: one child process per core, each fed one test (all its variants) at a time.
 *
 * A test's variants go to the same worker so it can compile the test once for both strictness
 * variants (run-test.mjs says when that is exact). Child processes rather than worker_threads,
 * because a test can hang in a microtask loop that no vm timeout interrupts: the pool's watchdog
 * then kills that child, records the variant it was running as failed, puts the test's remaining
 * variants back at the head of the queue, and starts a fresh child.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./worker.mjs", import.meta.url));
/** How much longer than the per-test timeout the watchdog waits before killing a child. */
const WATCHDOG_GRACE_MS = 5000;
/**
 * A child that has run this many variants is retired and replaced by a fresh one. Realms are not
 * all collected (V8 keeps some vm contexts alive through scripts and modules compiled for them), so
 * a child that ran the whole suite grew past 2 GB and spent most of its time in the garbage
 * collector; a fresh child costs ~0.3 s.
 */
const VARIANTS_PER_CHILD = 1500;
/** What a failure says when the vm timeout or the watchdog stopped it. */
const TIMEOUT_MESSAGE = /timed out after|hung: worker killed/;

/** Consecutive jobs of the same file, as lists of job indices (select.mjs lists variants together). */
export function groupByFile(jobs) {
  const groups = [];
  jobs.forEach((job, index) => {
    const last = groups.at(-1);
    if (last !== undefined && jobs[last[0]].file === job.file) last.push(index);
    else groups.push([index]);
  });
  return groups;
}

/**
 * Runs every job and resolves with the results in job order.
 * @param {Array<object>} jobs
 * @param {{ jobs: number, mode: string, timeout: number, compileEach?: boolean, variantsPerChild?: number, onResult?: (job, result) => void }} options
 */
export function runPool(jobs, { jobs: size, mode, timeout, compileEach = false, variantsPerChild = VARIANTS_PER_CHILD, onResult }) {
  const results = new Array(jobs.length);
  const queue = groupByFile(jobs);
  let finished = 0;
  return new Promise((resolve) => {
    if (jobs.length === 0) return resolve(results);
    const record = (index, result) => {
      results[index] = result;
      onResult?.(jobs[index], result);
      if (++finished === jobs.length) resolve(results);
    };
    const start = () => {
      const child = fork(WORKER, [], { execArgv: ["--experimental-vm-modules", "--no-warnings", ...(process.env.T262_PROF ? ["--cpu-prof", "--cpu-prof-dir=" + process.env.T262_PROF] : [])] });
      /** The indices of the group being run that have no result yet, in running order. */
      let pending = [];
      let watchdog;
      let ran = 0;
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          const [hung, ...rest] = pending;
          pending = [];
          if (rest.length > 0) queue.unshift(rest);
          child.kill("SIGKILL");
          record(hung, { status: "fail", message: `hung: worker killed after ${timeout + WATCHDOG_GRACE_MS} ms` });
        }, timeout + WATCHDOG_GRACE_MS);
      };
      const feed = () => {
        if (ran >= variantsPerChild && queue.length > 0) {
          child.disconnect();
          return;
        }
        const group = queue.shift();
        if (group === undefined) {
          child.disconnect();
          return;
        }
        ran += group.length;
        pending = group;
        arm();
        child.send({ jobs: group.map((index) => ({ index, job: jobs[index] })), options: { mode, timeout, compileEach } });
      };
      child.on("message", ({ ready, index, result }) => {
        if (ready) return feed();
        if (pending[0] !== index) return;
        pending.shift();
        record(index, result);
        if (pending.length > 0) arm();
        else {
          clearTimeout(watchdog);
          feed();
        }
      });
      child.on("exit", (code, signal) => {
        clearTimeout(watchdog);
        if (pending.length > 0) {
          const [died, ...rest] = pending;
          pending = [];
          if (rest.length > 0) queue.unshift(rest);
          record(died, { status: "fail", message: `worker died (${signal ?? `exit code ${code}`})` });
        }
        if (queue.length > 0) start();
      });
    };
    for (let i = 0; i < Math.min(size, queue.length); i++) start();
  });
}

/**
 * runPool, then each variant that timed out (while both cores were busy: in CI the machine is
 * shared) runs once more, alone, with `retryFactor` times the timeout; the retry's result is the
 * one that counts, and a test that really hangs still fails. More than `maxRetries` timeouts are
 * not load: they are reported as they are. Resolves with the results and the retried indices.
 */
export async function runPoolWithRetries(jobs, options, { retryFactor = 3, maxRetries = 50 } = {}) {
  const results = await runPool(jobs, options);
  const timedOut = results.flatMap((result, index) => (result.status === "fail" && TIMEOUT_MESSAGE.test(result.message ?? "") ? [index] : []));
  if (timedOut.length === 0 || timedOut.length > maxRetries) return { results, retried: [] };
  const again = await runPool(
    timedOut.map((index) => jobs[index]),
    { ...options, jobs: 1, timeout: options.timeout * retryFactor, onResult: undefined },
  );
  timedOut.forEach((index, i) => (results[index] = again[i]));
  return { results, retried: timedOut };
}
