/** Reporting: pass/fail per directory, the failures that matter, and the closing summary lines. */
import { dirname } from "node:path";
import { keyOf } from "./expectations.mjs";

/** One line per directory: `ok`/`FAIL`, passed, unexpected and expected failures. */
export function printDirectories(jobs, results, expected) {
  const dirs = new Map();
  jobs.forEach((job, i) => {
    const dir = dirname(job.file);
    const row = dirs.get(dir) ?? { passed: 0, failed: 0, expected: 0 };
    if (results[i].status === "pass") row.passed++;
    else if (expected.has(keyOf(job))) row.expected++;
    else row.failed++;
    dirs.set(dir, row);
  });
  const width = Math.max(...[...dirs.keys()].map((d) => d.length));
  for (const [dir, row] of [...dirs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mark = row.failed > 0 ? "FAIL" : "ok  ";
    const extra = row.expected > 0 ? `, ${row.expected} expected failures` : "";
    console.log(`${mark} ${dir.padEnd(width)}  ${row.passed} passed, ${row.failed} failed${extra}`);
  }
}

/** The variants whose outcome breaks the run, with their messages. */
export function printProblems({ unexpectedFailures, unexpectedPasses, stale, placeholders }, { ci }) {
  if (unexpectedFailures.length > 0) {
    console.log(`\nUnexpected failures (${unexpectedFailures.length}):`);
    for (const { job, result } of unexpectedFailures) console.log(`  ${keyOf(job)}: ${result.message}`);
  }
  if (unexpectedPasses.length > 0) {
    console.log(`\nListed as expected failures but now pass — remove them (${unexpectedPasses.length}):`);
    for (const { job, reason } of unexpectedPasses) console.log(`  ${keyOf(job)} (${reason})`);
  }
  if (stale.length > 0) {
    console.log(`\nListed but not run — remove them (${stale.length}):`);
    for (const key of stale) console.log(`  ${key}`);
  }
  if (ci && placeholders.length > 0) {
    console.log(`\nExpectations with a placeholder reason, refused with CI=true (${placeholders.length}):`);
    for (const key of placeholders) console.log(`  ${key}`);
  }
}

/** Every expected failure with its reason and actual message (for `--verbose`). */
export function printExpectedFailures(expectedFailures) {
  if (expectedFailures.length === 0) return;
  console.log(`\nExpected failures (${expectedFailures.length}):`);
  for (const { job, result, reason } of expectedFailures) console.log(`  ${keyOf(job)}: ${reason} — ${result.message}`);
}

/** The closing lines; the last one is exactly `test262: N passed, M failed`. */
export function printSummary({ mode, results, comparison, skipped, seconds, jobs }) {
  const passed = results.filter((r) => r.status === "pass").length;
  const skippedTests = [...skipped.values()].reduce((a, b) => a + b, 0);
  const byFeature = [...skipped].map(([feature, n]) => `${feature} ${n}`).join(", ");
  console.log("");
  console.log(`mode: ${mode}; ${results.length} variants run on ${jobs} workers in ${seconds.toFixed(1)} s`);
  console.log(`pass rate: ${((100 * passed) / Math.max(1, results.length)).toFixed(1)}% (${passed}/${results.length}); ${comparison.expectedFailures.length} expected failures`);
  console.log(`skipped: ${skippedTests} tests${byFeature ? ` (${byFeature})` : ""}`);
  console.log(`test262: ${passed} passed, ${comparison.unexpectedFailures.length} failed`);
}

/** The slowest variants (for `--verbose`): where the time goes. */
export function printSlowest(jobs, results, count = 10) {
  const order = results.map((r, i) => i).sort((a, b) => (results[b].ms ?? 0) - (results[a].ms ?? 0));
  console.log(`\nSlowest ${count}:`);
  for (const i of order.slice(0, count)) console.log(`  ${results[i].ms} ms ${keyOf(jobs[i])}`);
}
