#!/usr/bin/env node
/**
 * `pnpm run check` (what CI runs): every step in order, stopping at the first that fails, then a
 * line per step with its wall time, so a slow or red CI run says where its time went.
 *
 *   node scripts/check.mjs [--only name,name]     e.g. --only build,test262-promise
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pnpm = ["npx", "-y", "pnpm@12.4.2"];

/** [name, command]: the README's test command, step by step. */
const STEPS = [
  ["build", [...pnpm, "run", "build"]],
  ["test (Node 20)", [...pnpm, "run", "test"]],
  ["test (Node 24)", [...pnpm, "run", "test:node24"]],
  ["bench --quick", [...pnpm, "run", "bench", "--quick"]],
  ["test262 promise", [...pnpm, "run", "test262", "--mode", "promise"]],
  ["test262 promise es2015", [...pnpm, "run", "test262", "--mode", "promise", "--target", "es2015"]],
  ["test262 coroutine", [...pnpm, "run", "test262", "--mode", "coroutine"]],
  ["fuzz", [...pnpm, "run", "fuzz", "--seed", "20261202", "--count", "150"]],
];

const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1].split(",") : null;
const unknown = only?.filter((name) => !STEPS.some(([step]) => step === name)) ?? [];
if (unknown.length > 0) {
  console.error(`check: no step ${unknown.map((n) => JSON.stringify(n)).join(", ")}; the steps: ${STEPS.map(([n]) => n).join(", ")}`);
  process.exit(2);
}

const timings = [];
let status = 0;
const started = performance.now();
for (const [name, [command, ...args]] of STEPS) {
  if (only && !only.includes(name)) continue;
  console.log(`\n── check: ${name} ──`);
  const t0 = performance.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  const seconds = (performance.now() - t0) / 1000;
  status = result.status ?? 1;
  timings.push([name, seconds, status]);
  if (status !== 0) break;
}
console.log("\ncheck: where the time went");
for (const [name, seconds, code] of timings) console.log(`  ${name.padEnd(20)} ${seconds.toFixed(0).padStart(5)} s${code === 0 ? "" : `  FAILED (exit ${code})`}`);
console.log(`  ${"total".padEnd(20)} ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s`);
process.exit(status);
