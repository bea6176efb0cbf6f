/**
 * Memory figures (issue 5, item 4), each column in its own `node --expose-gc` process:
 *
 * - **suspended**: bytes per suspended call — N calls of an async function that awaits a promise
 *   that never settles, all kept alive (native: the async function's state, its promise and its
 *   reaction on the awaited promise; coro coroutine mode: the frame after `next()`, no Task).
 * - **sleeping**: bytes per sleeping task — N tasks asleep for an hour (coroutine mode: Tasks on
 *   coro's loop, `sleep()` timers in its heap; every other column: async functions awaiting a
 *   `setTimeout` promise, the nearest native equivalent).
 *
 * Heap used after a full GC, minus the same before the calls (the array holding the calls is made
 * before). Prints one JSON line per cell; `benchMemory` runs them all.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SUSPENDED_SOURCE = `
export async function suspended(gate, i) {
  const x = i * 2;
  await gate;
  return x + i;
}
export async function sleeper(host, i) {
  await host.sleep(3600000);
  return i;
}
`;

const measure = `
function __heap() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}`;

/** Appended after compiling: creates N suspended calls / sleeping tasks, prints bytes per item. */
function driver(column, n, what) {
  const coroutine = column.id === "coro";
  const imports = coroutine ? `import { EventLoop as __EventLoop, sleep as __sleep } from "@coro/runtime";` : "";
  const body =
    what === "suspended"
      ? `
const __gate = new Promise(() => {});
const __keep = new Array(${n}).fill(null);
const __before = __heap();
for (let i = 0; i < ${n}; i++) {
  const call = suspended(__gate, i);
  ${coroutine ? "call.next();" : ""}
  __keep[i] = call;
}
const __after = __heap();
// Reading the gate after the measure keeps it alive through it: once the loop is optimised, V8
// would otherwise drop the unused promise, and with it every native call's suspended state.
console.log(JSON.stringify({ bytes: (__after - __before) / ${n}, alive: __gate instanceof Promise ? __keep.length : -1 }));`
      : coroutine
        ? `
const __loop = new __EventLoop({ clock: "virtual" });
const __host = { sleep: __sleep };
const __keep = new Array(${n}).fill(null);
const __before = __heap();
for (let i = 0; i < ${n}; i++) __keep[i] = __loop.createTask(sleeper(__host, i));
__loop.runUntilCompleteSync(__sleep(0));
const __after = __heap();
console.log(JSON.stringify({ bytes: (__after - __before) / ${n}, alive: __keep.filter((t) => !t.done()).length }));`
        : `
const __host = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
const __keep = new Array(${n}).fill(null);
const __before = __heap();
for (let i = 0; i < ${n}; i++) __keep[i] = sleeper(__host, i);
await new Promise((resolve) => setImmediate(resolve));
const __after = __heap();
console.log(JSON.stringify({ bytes: (__after - __before) / ${n}, alive: __keep.length }));
process.exit(0);`;
  return `${imports}${measure}${body}\n`;
}

const SLEEPING_COLUMNS = new Set(["native", "coro", "coro-promise"]);

/** Runs both measures for every column; `{ n, rows: [{ column, suspended, sleeping, error? }] }`. */
export function benchMemory({ columns, cache, quick }) {
  const n = quick ? 10_000 : 1_000_000;
  const rows = [];
  for (const column of columns) {
    const row = { column: column.id };
    // Sleeping tasks: the promise columns all use Node's timers, so native and coro promise suffice.
    for (const what of SLEEPING_COLUMNS.has(column.id) ? ["suspended", "sleeping"] : ["suspended"]) {
      const file = join(cache, "memory", `${what}-${column.id}.mjs`);
      mkdirSync(join(cache, "memory"), { recursive: true });
      try {
        writeFileSync(file, column.compile(SUSPENDED_SOURCE, `memory-${what}.mjs`) + driver(column, n, what));
      } catch (error) {
        row.error = `compile: ${String(error.message).split("\n")[0]}`;
        break;
      }
      // One process per cell: the figure varies by well under 1% between runs (it counts objects).
      const samples = [];
      for (let r = 0; r < 1 && !row.error; r++) {
        const res = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=4096", "--stack-size=4000", file], {
          encoding: "utf8",
          timeout: 300_000,
        });
        const out = res.status === 0 ? JSON.parse(res.stdout.trim().split("\n").pop()) : null;
        if (!out || out.alive !== n) row.error = `${what}: ${(res.stderr || res.stdout || String(res.error)).trim().split("\n").slice(0, 4).join(" ")}`;
        else samples.push(out.bytes);
      }
      if (!row.error) row[what] = samples.sort((a, b) => a - b)[samples.length >> 1];
    }
    rows.push(row);
  }
  return { n, rows };
}
