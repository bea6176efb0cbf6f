/** The piscina worker of `coro build`: compiles one file per task (see `compile-job.ts`). */
import { runCompileJob, type CompileJob, type JobOptions, type JobResult } from "./compile-job.js";

export default function compileInWorker({ job, options }: { job: CompileJob; options: JobOptions }): JobResult {
  return runCompileJob(job, options);
}
