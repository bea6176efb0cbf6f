/**
 * `pnpm test262 [--mode promise|coroutine] [--update-expectations] [paths…]`: coro's test262 runner.
 *
 * Design, one file per role:
 * - frontmatter.mjs reads the YAML frontmatter; select.mjs walks `../shared/test262/test`, drops
 *   tests by `features:` (skip-list.mjs, the one place that says what is skipped and why) and
 *   expands each test into the variants its flags ask for (sloppy + strict, strict, sloppy,
 *   module, raw);
 * - pool.mjs runs the tests on one child process per core (worker.mjs), all variants of a test on
 *   the same child; a watchdog kills a child stuck in a microtask loop and restarts it;
 * - run-test.mjs compiles one variant with coro (`--mode`; a strict variant reuses the sloppy
 *   variant's output where that is exact) and runs it in a fresh realm (realm.mjs: a `vm` context
 *   with `print`, `$262`, the harness, a per-realm module map, and `@coro/runtime` evaluated
 *   *inside* the realm from its `dist/`, joined into one script compiled once per worker by
 *   runtime-script.mjs, so compiled code gets the realm's own Promise and intrinsics). Script tests are compiled with
 *   `sourceType: "commonjs"`: they parse as scripts (sloppy or strict by the `"use strict"`
 *   prefix, as test262 asks) and their output `require`s the runtime, which the realm answers with
 *   its own module instance; they still run as global code through vm.Script. Module tests and
 *   their `_FIXTURE` imports compile as modules and run as vm.SourceTextModules (top-level await
 *   stays native; only async functions are rewritten). Harness files run uncompiled;
 * - expectations.mjs keeps `expectations-<mode>.txt`; report.mjs prints per directory and the
 *   closing line `test262: N passed, M failed` (expected failures are not counted as failed).
 *
 * Exit status 1 on any unexpected failure, any listed variant that passes, any listed variant that
 * no longer runs, or (with CI=true) any `TODO reason` placeholder.
 *
 * Options: `--mode promise|coroutine|native` (default promise; `native` runs the tests uncompiled,
 * the runner's baseline on this host), `--target es2015` (with `--mode promise`: the output and
 * driver for engines without async functions, `expectations-promise-es2015.txt`), `--jobs N` (default: the number of cores), `--timeout MS`
 * per test (default 5000; async tests whose job queue empties without `$DONE` fail at once),
 * `--update-expectations`, `--verbose` (also list expected failures with their messages),
 * `--compile-each` (compile the strict variant of a test too instead of reusing the sloppy
 * variant's output: run-test.mjs `strictReusesSloppy` says why that reuse is exact), and
 * paths relative to the test262 root (`test/language/expressions/await`) to run a part.
 * Environment: `T262_PROF=<dir>` writes a V8 CPU profile of each child process into `<dir>`.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { compare, readExpectations, writeExpectations } from "./expectations.mjs";
import { expectationsPath as pathOf } from "./paths.mjs";
import { runPoolWithRetries } from "./pool.mjs";
import { printDirectories, printExpectedFailures, printProblems, printSlowest, printSummary } from "./report.mjs";
import { selectTests } from "./select.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mode: { type: "string", default: "promise" },
    target: { type: "string" },
    jobs: { type: "string" },
    timeout: { type: "string", default: "5000" },
    "update-expectations": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    expectations: { type: "string" },
    "compile-each": { type: "boolean", default: false },
  },
});

if (values.mode !== "promise" && values.mode !== "coroutine" && values.mode !== "native") {
  console.error(`test262: --mode must be "promise", "coroutine" or "native", got ${JSON.stringify(values.mode)}`);
  process.exit(2);
}
if (values.target !== undefined && !(values.target === "es2015" && values.mode === "promise")) {
  console.error(`test262: --target takes only es2015, with --mode promise (got ${JSON.stringify(values.target)})`);
  process.exit(2);
}
// `promise-es2015`: promise mode compiled with target "es2015" (its own expectations file).
const mode = values.target === "es2015" ? "promise-es2015" : values.mode;
const jobs = Number(values.jobs ?? availableParallelism());
const RETRY_TIMEOUT_FACTOR = 3;
const timeout = Number(values.timeout);
const ci = process.env.CI === "true";
const file = values.expectations ?? pathOf(mode);
const complete = positionals.length === 0;

const started = performance.now();
const { jobs: variants, skipped, hostSkipped } = selectTests(positionals);
const { results, retried } = await runPoolWithRetries(
  variants,
  { jobs, mode, timeout, compileEach: values["compile-each"] },
  { retryFactor: RETRY_TIMEOUT_FACTOR },
);
const seconds = (performance.now() - started) / 1000;

const expected = readExpectations(file);
if (values["update-expectations"]) {
  const count = writeExpectations(file, mode, variants, results, expected, complete, hostSkipped);
  console.log(`wrote ${file}: ${count} expected failures`);
}
const current = values["update-expectations"] ? readExpectations(file) : expected;
const comparison = compare(variants, results, current, complete, hostSkipped);
printDirectories(variants, results, current);
if (values.verbose) {
  printExpectedFailures(comparison.expectedFailures);
  printSlowest(variants, results);
}
printProblems(comparison, { ci });
if (retried.length > 0) {
  const recovered = retried.filter((index) => results[index].status === "pass").length;
  console.log(`retried ${retried.length} variant(s) that timed out, one at a time with ${RETRY_TIMEOUT_FACTOR}× the timeout: ${recovered} passed on retry`);
}
printSummary({ mode, results, comparison, skipped, seconds, jobs });

const broken =
  comparison.unexpectedFailures.length > 0 ||
  comparison.unexpectedPasses.length > 0 ||
  comparison.stale.length > 0 ||
  (ci && comparison.placeholders.length > 0);
process.exitCode = broken ? 1 : 0;

