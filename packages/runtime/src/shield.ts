/** `shield(aw)`: protect an awaitable from the cancellation of whoever awaits it (asyncio.shield). */
import type { Awaitable } from "./await-once.js";
import { Future } from "./future.js";
import { currentLoop } from "./running.js";
import { ensureFuture } from "./task.js";

/**
 * Runs `aw` (a coroutine becomes a Task) and returns a Future of its outcome that can be
 * cancelled without cancelling `aw`: if the awaiting task is cancelled, it gets `CancelledError`
 * while `aw` runs on. (Cancelling `aw`'s own Task still cancels it.)
 *
 * @example
 * ```js
 * try {
 *   await shield(saveToDisk(data));   // keeps saving even if we are cancelled
 * } catch (e) {
 *   if (e instanceof CancelledError) console.log("cancelled; the save goes on");
 *   throw e;
 * }
 * ```
 */
export function shield<T>(aw: Awaitable<T> | Future<T>): Future<T> {
  const loop = currentLoop();
  const inner = ensureFuture(aw, loop);
  if (inner.done()) return inner;
  const outer = loop.createFuture<T>();
  const copyOutcome = (): void => {
    if (outer.cancelled()) return; // an unretrieved failure of inner is then reported by the loop
    if (inner.cancelled()) outer.cancel();
    else if (inner.exception() !== undefined) outer.setException(inner.exception());
    else outer.setResult(inner.result());
  };
  inner.addDoneCallback(copyOutcome);
  outer.addDoneCallback(() => {
    if (outer.cancelled()) inner.removeDoneCallback(copyOutcome);
  });
  return outer;
}
