/** `run` / `runSync`: run a main coroutine on a fresh loop, then cancel what is left and close the loop (asyncio.run). */
import type { Awaitable } from "./await-once.js";
import type { ClockKind } from "./clock.js";
import { RuntimeError } from "./errors.js";
import type { Future } from "./future.js";
import { EventLoop } from "./loop.js";
import type { EventLoopOptions } from "./loop.js";
import { option } from "./options.js";
import { getRunningLoop } from "./running.js";
import { cancelAll } from "./shutdown.js";

/** Options of `run` / `runSync`. */
export interface RunOptions extends EventLoopOptions {
  /** `run`: `"real"` by default; `runSync`: `"virtual"` by default. */
  clock?: ClockKind;
  /** The main task's name; default `Task-<n>`. */
  name?: string;
}

/**
 * Runs `main` on a new loop until it finishes; cancels the tasks left, closes the loop, and
 * returns a Promise of the result. Synchronous as far as it can be: it returns only once it must
 * wait for a host event (a real timer, a native promise).
 *
 * @example
 * ```ts
 * async function main() { await sleep(10); return "done"; }
 * console.log(await run(main())); // "done"
 * ```
 */
export function run<T>(main: Awaitable<T> | Future<T>, options: RunOptions = {}): Promise<T> {
  const { loop, task } = open("run", main, options);
  return new Promise<T>((resolve, reject) => {
    loop._runUntilDone(task, undefined, () => {
      // Read the outcome first: main's exception is retrieved, not reported at close.
      let settle: () => void;
      try {
        const value = task.result();
        settle = () => resolve(value);
      } catch (error) {
        settle = () => reject(error);
      }
      shutdown(loop, undefined, settle);
    });
  });
}

/**
 * Runs `main` on a new virtual-clock loop and returns its result: timers fire instantly, in order.
 * Throws if it would have to wait for the host (a native promise).
 *
 * @example
 * ```ts
 * async function main() { await sleep(60_000); return 1; }
 * runSync(main()); // 1, at once
 * ```
 */
export function runSync<T>(main: Awaitable<T> | Future<T>, options: RunOptions = {}): T {
  const { loop, task } = open("runSync", main, { ...options, clock: option(options, "clock") ?? "virtual" });
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    loop._runUntilDone(task, "runSync", () => {});
    outcome = { ok: true, value: task.result() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  try {
    shutdown(loop, "runSync", () => {});
  } catch {
    // A leftover task awaits the host while cancelled: close() finishes it without the loop.
    loop.close();
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

function open<T>(name: string, main: Awaitable<T> | Future<T>, options: RunOptions): { loop: EventLoop; task: Future<T> } {
  if (getRunningLoop() !== undefined) {
    throw new RuntimeError(`${name}() cannot be called while an event loop is running: await the coroutine instead`);
  }
  const loop = new EventLoop(options);
  return { loop, task: loop.createTask(main, { name: option(options, "name") }) };
}

/**
 * Cancels the loop's pending tasks and runs it until they are done, then closes the async
 * generators left suspended the same way (host events allowed unless `syncName`); closes the loop.
 */
function shutdown(loop: EventLoop, syncName: string | undefined, onDone: () => void): void {
  const close = (): void => {
    // close() reports the exceptions nobody retrieved, the leftover tasks' included.
    loop.close();
    onDone();
  };
  runThen(loop, cancelAll(loop), syncName, () => runThen(loop, loop._closeAsyncGens(), syncName, close));
}

function runThen(loop: EventLoop, all: Future<void> | undefined, syncName: string | undefined, next: () => void): void {
  if (all === undefined) next();
  else loop._runUntilDone(all, syncName, next);
}
