// Compiles a test program written as real `async` code with coro's compiler and imports it. The
// program imports what it needs from "@coro/runtime" (the built dist: rebuild with
// `npx tsc -b packages/runtime packages/compiler`) and exports what the test asserts, so objects
// from the test's own copy of the runtime sources are never mixed with the program's.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { transform } from "../../compiler/src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const cache = join(root, "node_modules", ".cache", "coro-runtime-tests");

/** Names every program sees: the runtime's exports and a few helpers (`log`, `say`, `now`, `spawn`). */
const PRELUDE = `
import {
  runSync, run, sleep, gather, wait, waitFor, timeout, timeoutAt, shield, asCompleted, TaskGroup,
  Queue, PriorityQueue, LifoQueue, Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier,
  CancelledError, TimeoutError, InvalidStateError, RuntimeError, QueueEmpty, QueueFull, QueueShutDown,
  BrokenBarrierError, currentTask, getRunningLoop, allTasks, EventLoop, Future, Task,
} from "@coro/runtime";
export const log = [];
const say = (...parts) => void log.push(parts.join(" "));
const now = () => getRunningLoop().time();
const spawn = (co, name) => getRunningLoop().createTask(co, name === undefined ? {} : { name });
const errName = (e) => (e && e.name) + ": " + (e && e.message);
`;

/** Where `marker` first occurs in `body` as the compiled program sees it: 1-based line and column. */
export function sourcePosition(body: string, marker: string): { line: number; column: number } {
  const text = PRELUDE + body;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`marker not found: ${marker}`);
  const before = text.slice(0, at).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Compiles `body` (after the prelude) and imports it; returns its exports (`log` at least). */
export async function program<M = Record<string, unknown>>(body: string): Promise<M & { log: string[] }> {
  const { code } = transform(PRELUDE + body, { filename: "runtime-test.js" });
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${createHash("sha1").update(code).digest("hex")}.mjs`);
  writeFileSync(file, code);
  return (await import(pathToFileURL(file).href)) as M & { log: string[] };
}

/** Compiles a workload under `scripts/soak/` (an ES module importing "@coro/runtime") and imports it. */
export async function scriptModule<M>(name: string): Promise<M> {
  const { code } = transform(readFileSync(join(root, "scripts", "soak", name), "utf8"), { filename: name });
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${createHash("sha1").update(code).digest("hex")}.mjs`);
  writeFileSync(file, code);
  return (await import(pathToFileURL(file).href)) as M;
}
