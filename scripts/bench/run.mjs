/**
 * coro's benchmark suite (issue 5): every workload in workloads/ compiled by every column of
 * columns.mjs, run in fresh processes, checked against native's checksum; then the compilers over
 * a real corpus, and output sizes. Writes the tables to stdout and (full run) RESULTS.md.
 *
 *   pnpm bench                      full run (~6 min on an idle 2-core machine): warm-up + 5 timed
 *                                   processes per cell; RESULTS.md is rewritten after each workload
 *   pnpm bench --quick              CI check: every column runs every workload, checksums agree
 *   pnpm bench --runs 9 --only deep-await,fan-out --no-compile --no-write
 *   pnpm bench --keep-compile       workloads only; compiler figures copied from the last run
 *   pnpm bench --compilers floor,coro   only these compilers over the corpus
 *   pnpm bench --no-memory          skip the memory figures (memory.mjs: 10⁶ suspended calls, 10⁶ sleeping tasks)
 *
 * Exits 1 if any cell fails or disagrees with native. Build first: `pnpm run build`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { columns } from "./columns.mjs";
import { coroRuntimeSize, gzipSize } from "./sizes.mjs";
import { benchMemory } from "./memory.mjs";
import { renderMarkdown, renderText } from "./report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const cache = join(root, "node_modules", ".cache", "coro-bench");

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const quick = flag("--quick");
const runs = Number(option("--runs", quick ? 1 : 5));
const only = option("--only", "").split(",").filter(Boolean);
const scale = Number(option("--scale", quick ? 0.01 : 1));
const timeoutMs = quick ? 60_000 : 180_000;

for (const pkg of ["runtime", "compiler"]) {
  if (!existsSync(join(root, "packages", pkg, "dist", "index.js"))) {
    console.error(`packages/${pkg}/dist is missing: run \`pnpm run build\` first`);
    process.exit(2);
  }
}

/** The workloads: `{ id, title, note?, tick?, source }`, the header `// @bench {…}` parsed. */
function loadWorkloads() {
  const dir = join(here, "workloads");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".mjs") && (only.length === 0 || only.includes(f.slice(0, -4))))
    .sort()
    .map((f) => {
      const source = readFileSync(join(dir, f), "utf8");
      const header = /^\/\/ @bench (\{.*\})$/m.exec(source);
      if (!header) throw new Error(`workloads/${f}: missing its "// @bench {…}" header`);
      return { id: f.slice(0, -4), ...JSON.parse(header[1]), source };
    });
}

/** Compiles one cell to a file; returns its path and the compiled workload's size. */
function buildCell(workload, column) {
  const filename = `${workload.id}.mjs`;
  const alone = column.compile(workload.source, filename);
  const code = column.compile(workload.source + column.prelude, filename) + column.driver(scale);
  const file = join(cache, workload.id, `${column.id}.mjs`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, code);
  return { file, raw: Buffer.byteLength(alone), gzip: gzipSize(alone) };
}

/** Runs one process; `{ checksum, ms, maxRSS }` or `{ error }`. */
function runCell(file, nodeFlags = []) {
  const r = spawnSync(process.execPath, [...nodeFlags, file], { encoding: "utf8", timeout: timeoutMs, maxBuffer: 1 << 24 });
  if (r.status !== 0 || r.error) {
    const why = r.error ? r.error.message : (r.stderr || r.stdout).trim().split("\n").slice(0, 6).join("\n");
    return { error: why || `exit ${r.status} (signal ${r.signal})` };
  }
  try {
    return JSON.parse(r.stdout.trim().split("\n").pop());
  } catch {
    return { error: `no result line in: ${r.stdout.slice(0, 200)}` };
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function benchWorkloads(workloads, onProgress) {
  const results = [];
  for (const workload of workloads) {
    const cells = columns.map((column) => {
      try {
        return { column: column.id, ...buildCell(workload, column), samples: [] };
      } catch (error) {
        return { column: column.id, raw: 0, gzip: 0, samples: [], error: `compile: ${String(error.message).split("\n")[0]}` };
      }
    });
    if (!quick) for (const cell of cells) cell.warmup = runCell(cell.file, workload.nodeFlags);
    // Round-robin over the columns, so drift of the machine spreads over all of them.
    for (let r = 0; r < runs; r++) {
      for (const cell of cells) {
        if (cell.error) continue;
        const out = runCell(cell.file, workload.nodeFlags);
        if (out.error) cell.error = out.error;
        else cell.samples.push(out);
      }
    }
    const expected = cells[0].samples[0]?.checksum;
    for (const cell of cells) {
      if (cell.error) continue;
      const bad = cell.samples.find((s) => JSON.stringify(s.checksum) !== JSON.stringify(expected));
      if (bad) cell.error = `checksum ${JSON.stringify(bad.checksum)} ≠ native's ${JSON.stringify(expected)}`;
      cell.ms = median(cell.samples.map((s) => s.ms));
      cell.cpu = median(cell.samples.map((s) => s.cpu));
      cell.maxRSS = median(cell.samples.map((s) => s.maxRSS));
      cell.checksum = cell.samples[0]?.checksum;
    }
    const result = { ...workload, source: undefined, checksum: expected, cells };
    results.push(result);
    process.stdout.write(renderText.workload(result, columns));
    onProgress(results);
  }
  return results;
}

function benchCompilers() {
  const all = ["floor", "coro", "coro-promise", "regenerator", "tsc", "swc"];
  const chosen = option("--compilers", "").split(",").filter(Boolean);
  const ids = chosen.length ? all.filter((id) => chosen.includes(id)) : all;
  const out = [];
  for (const id of ids) {
    const args = [join(here, "compile-speed.mjs"), id, ...(quick ? ["--quick"] : [])];
    const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 600_000, maxBuffer: 1 << 24 });
    if (r.status !== 0) {
      out.push({ id, error: (r.stderr || String(r.error)).trim().split("\n").slice(0, 4).join("\n") });
    } else out.push(JSON.parse(r.stdout.trim().split("\n").pop()));
    process.stdout.write(renderText.compiler(out.at(-1)));
  }
  return out;
}

function machine() {
  const rev = (() => {
    try {
      const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
      const dirty = execFileSync("git", ["status", "--porcelain", "packages"], { cwd: root, encoding: "utf8" }).trim();
      return dirty ? `${sha} + uncommitted changes in packages/` : sha;
    } catch {
      return "unknown";
    }
  })();
  return {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: availableParallelism(),
    platform: `${process.platform} ${process.arch}`,
    rev,
    date: new Date().toISOString().slice(0, 10),
  };
}

// --keep-compile: the compiler figures of the previous run (read now: saving overwrites the file).
const keptCompilers = flag("--keep-compile") ? JSON.parse(readFileSync(join(cache, "last-run.json"), "utf8")).compilers : null;
const t0 = Date.now();
const workloads = loadWorkloads();
console.log(`coro bench${quick ? " --quick" : ""}: ${workloads.length} workloads × ${columns.length} columns, ${runs} run(s) per cell${quick ? "" : " after a warm-up"}, scale ${scale}\n`);
const runtime = { coroutine: coroRuntimeSize("coroutine"), promise: coroRuntimeSize("promise"), promiseEs2015: coroRuntimeSize("promise-es2015") };
const data = {
  machine: machine(),
  command: `pnpm bench ${args.join(" ")}`.trim(),
  runs,
  scale,
  quick,
  planned: workloads.length,
  results: [],
  compilers: [],
  runtime,
  columns: columns.map(({ id, title, tick }) => ({ id, title, tick })),
};
/** Saves what is measured so far (a long run stopped half-way still leaves labelled tables). */
const save = (done) => {
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, "last-run.json"), JSON.stringify(data, null, 2));
  if (!quick && !flag("--no-write")) writeFileSync(join(here, "RESULTS.md"), renderMarkdown({ ...data, done }));
};
data.results = benchWorkloads(workloads, (partial) => {
  data.results = partial;
  save(false);
});
if (!flag("--no-memory")) {
  data.memory = benchMemory({ columns, cache, quick });
  process.stdout.write(renderText.memory(data.memory, columns));
}
if (keptCompilers) data.compilers = keptCompilers;
else if (!flag("--no-compile")) data.compilers = benchCompilers();
save(true);
const { results, compilers } = data;
process.stdout.write(renderText.sizes(data));
if (!quick && !flag("--no-write")) console.log("\nwrote scripts/bench/RESULTS.md");
const failed = results.flatMap((w) => w.cells.filter((c) => c.error).map((c) => `${w.id} / ${c.column}: ${c.error}`));
const compileFailed = compilers.filter((c) => c.error).map((c) => `compile ${c.id}: ${c.error}`);
const memoryFailed = (data.memory?.rows ?? []).filter((r) => r.error).map((r) => `memory ${r.column}: ${r.error}`);
compileFailed.push(...memoryFailed);
console.log(`\n${((Date.now() - t0) / 1000).toFixed(0)} s`);
if (failed.length + compileFailed.length > 0) {
  console.error(`\nFAILED:\n  ${[...failed, ...compileFailed].join("\n  ")}`);
  process.exit(1);
}
console.log(`${results.length * columns.length} passed, 0 failed`);
