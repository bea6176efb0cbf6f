import { selectTests } from "/work/main/scripts/test262/select.mjs";
import { runTest } from "/work/main/scripts/test262/run-test.mjs";
process.on("unhandledRejection", () => {});
const { jobs } = selectTests(process.argv.slice(3));
const times = [];
const t0 = performance.now();
for (const job of jobs) { const t = performance.now(); const r = await runTest(job, { mode: process.argv[2], timeout: 5000 }); times.push([performance.now() - t, job.file, job.variant, r.status]); }
times.sort((a, b) => b[0] - a[0]); console.log(times.slice(0, 8)); console.log("total", performance.now() - t0, "n", jobs.length);
