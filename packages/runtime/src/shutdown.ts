/**
 * How a loop winds down (asyncio.run's end, and `loop.close()`): cancel the pending tasks and let
 * them finish, then close the async generators left suspended, each step run until done.
 */
import { acloseFrame, type AsyncGeneratorCoroutine } from "./async-generator.js";
import type { Future } from "./future.js";
import type { EventLoop } from "./loop.js";
import type { Task } from "./task.js";

/**
 * A Future of `loop` that is done once every one of `futures` is (undefined if there are none).
 *
 * @example
 * ```ts
 * const all = whenAllDone(loop, tasks);
 * if (all !== undefined) loop.runUntilCompleteSync(all);
 * ```
 */
export function whenAllDone(loop: EventLoop, futures: readonly Future<unknown>[]): Future<void> | undefined {
  if (futures.length === 0) return undefined;
  const all = loop.createFuture<void>();
  let left = futures.length;
  const onDone = (): void => {
    if (--left === 0) all.setResult();
  };
  for (const fut of futures) fut.addDoneCallback(onDone);
  return all;
}

/**
 * Cancels the pending tasks of `loop`; a Future done when they all are.
 *
 * @example
 * ```ts
 * const all = cancelAll(loop);
 * ```
 */
export function cancelAll(loop: EventLoop): Future<void> | undefined {
  const tasks = loop._allTasks();
  for (const task of tasks) task.cancel();
  return whenAllDone(loop, tasks);
}

/**
 * Closes the async generators that started on `loop` and are suspended at a `yield` (asyncio's
 * `shutdown_asyncgens`): each `aclose()` runs as a Task, so its `finally` blocks run and may
 * await; an error escaping one goes to the exception handler. A Future done when all are closed.
 *
 * @example
 * ```ts
 * const closing = closeAsyncGens(loop, suspended);
 * ```
 */
export function closeAsyncGens(loop: EventLoop, gens: readonly AsyncGeneratorCoroutine[]): Future<void> | undefined {
  const tasks: Task<unknown>[] = gens.map((gen) => {
    const task = loop.createTask(acloseFrame(gen), { name: "aclose" });
    task.addDoneCallback(() => {
      if (task.cancelled()) return;
      const exception = task.exception();
      if (exception !== undefined) loop.callExceptionHandler({ message: "an error occurred during closing of an asynchronous generator", exception, task });
    });
    return task;
  });
  return whenAllDone(loop, tasks);
}

/**
 * Runs `loop` (virtual-clock semantics, no host events) until `all` is done; tasks that cannot
 * finish so (they await the host) have their coroutine closed and end cancelled.
 *
 * @example
 * ```ts
 * finishNow(loop, cancelAll(loop));
 * ```
 */
export function finishNow(loop: EventLoop, all: Future<void> | undefined): void {
  if (all === undefined) return;
  try {
    loop._runUntilDone(all, "close", () => {});
  } catch {
    // Some task awaits the host (or waits forever): finish it without the loop.
  }
  for (const task of loop._allTasks()) task._abandon();
}
