// The seed's design figure (issue 2): a depth-100 await chain, 60,000 times (6·10⁶ awaits), in
// native V8 and compiled by coro (coroutine mode, driven to completion by hand: nothing suspends).
// Each column runs in fresh processes; prints the median of N runs (default 5) after a warm-up.
//   node scripts/bench/await-chain.mjs [runs]
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "@coro/compiler";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = join(root, "node_modules", ".cache", "coro-bench");
mkdirSync(dir, { recursive: true });
const runs = Number(process.argv[2] ?? 5);

const program = `
async function rec(n) { if (n === 0) return 0; return (await rec(n - 1)) + 1; }
async function main() { let s = 0; for (let i = 0; i < 60000; i++) s += await rec(100); return s; }
`;
const time = (drive) => `
const t0 = performance.now();
${drive}
const ms = performance.now() - t0;
if (result !== 6000000) throw new Error("wrong checksum " + result);
console.log(ms.toFixed(1));
`;
const files = {
  native: program + time("const result = await main();"),
  coro: transform(program, { filename: "await-chain.js" }).code + time("const result = main().next().value;"),
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const [name, code] of Object.entries(files)) {
  const file = join(dir, `await-chain-${name}.mjs`);
  writeFileSync(file, code);
  execFileSync(process.execPath, [file]); // warm-up (disk cache, compile cache)
  const times = [];
  for (let i = 0; i < runs; i++) times.push(Number(execFileSync(process.execPath, [file], { encoding: "utf8" }).trim()));
  results[name] = median(times);
}
console.log(`await chain, depth 100 × 60,000 (6·10⁶ awaits), median of ${runs} fresh processes, Node ${process.version}`);
console.log(`  native async/await   ${results.native.toFixed(0).padStart(6)} ms`);
console.log(`  coro coroutine mode  ${results.coro.toFixed(0).padStart(6)} ms   (${(results.native / results.coro).toFixed(2)}× native's speed)`);
