/**
 * Compiles a batch of files, in this thread or, for large batches, on a pool of worker threads
 * (piscina), one per core: compiling is CPU-bound and files are independent.
 */
import { Piscina } from "piscina";
import { availableParallelism } from "node:os";
import { runCompileJob, type CompileJob, type JobOptions, type JobResult } from "./compile-job.js";

/** Below this many files to compile, starting workers (~100 ms each, loading Babel) costs more than it saves. */
export const WORKER_THRESHOLD = 40;

export interface CompileAllOptions {
  /** Worker threads: `undefined` picks one per core for large batches; 0 compiles in this thread. */
  workers: number | undefined;
  /** Called after each file. */
  onDone?: (done: number) => void;
  /** Called once with the number of worker threads used (0: this thread). */
  onStart?: (threads: number) => void;
}

/** Results in the order of `jobs`. */
export async function compileAll(jobs: readonly CompileJob[], options: JobOptions, how: CompileAllOptions): Promise<JobResult[]> {
  const threads = how.workers ?? (jobs.length >= WORKER_THRESHOLD ? availableParallelism() : 0);
  if (threads <= 1 || jobs.length < 2) {
    how.onStart?.(0);
    const results: JobResult[] = [];
    for (const job of jobs) {
      results.push(runCompileJob(job, options));
      how.onDone?.(results.length);
    }
    return results;
  }
  const pool = new Piscina({
    filename: new URL("./worker.js", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 100,
  });
  how.onStart?.(threads);
  let done = 0;
  try {
    return await Promise.all(
      jobs.map(async (job) => {
        const result = (await pool.run({ job, options })) as JobResult;
        how.onDone?.(++done);
        return result;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
