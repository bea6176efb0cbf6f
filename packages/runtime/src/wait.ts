/** `wait(futures, { timeout, returnWhen })`: wait for some or all of a set of Futures (asyncio.wait). */
import type { Coroutine } from "./coroutine.js";
import { Coroutine as CoroutineClass } from "./coroutine.js";
import { Future } from "./future.js";
import { generatorCoroutine } from "./generator-coroutine.js";
import { option } from "./options.js";
import { currentLoop } from "./running.js";

/** When `wait` returns. */
export type ReturnWhen = "FIRST_COMPLETED" | "FIRST_EXCEPTION" | "ALL_COMPLETED";

/** Options of `wait`. */
export interface WaitOptions {
  /** Return after this many ms even if the condition is not met (nothing is cancelled). */
  timeout?: number | null;
  /** Default `"ALL_COMPLETED"`. `"FIRST_EXCEPTION"` is `"ALL_COMPLETED"` if nothing fails. */
  returnWhen?: ReturnWhen;
}

/** What `wait` returns: the Futures that are done and those still pending. */
export interface WaitResult<F> {
  done: Set<F>;
  pending: Set<F>;
}

/**
 * A coroutine that waits until some or all of `futures` (Tasks or Futures) are done, as
 * `returnWhen` says, or until `timeout` ms passed, and returns `{ done, pending }`. It neither
 * raises their errors nor cancels the pending ones. Coroutines are refused: wrap them with
 * `loop.createTask` first, so you can tell which is which in the result.
 *
 * @example
 * ```js
 * const tasks = urls.map((u) => loop.createTask(fetchIt(u)));
 * const { done, pending } = await wait(tasks, { returnWhen: "FIRST_COMPLETED", timeout: 500 });
 * for (const t of pending) t.cancel();
 * ```
 */
export function wait<F extends Future<unknown>>(futures: Iterable<F>, options: WaitOptions = {}): Coroutine<WaitResult<F>> {
  const returnWhen = option(options, "returnWhen") ?? "ALL_COMPLETED";
  const ms = option(options, "timeout");
  if (returnWhen !== "FIRST_COMPLETED" && returnWhen !== "FIRST_EXCEPTION" && returnWhen !== "ALL_COMPLETED") {
    throw new TypeError(`wait: returnWhen must be "FIRST_COMPLETED", "FIRST_EXCEPTION" or "ALL_COMPLETED", got ${String(returnWhen)}`);
  }
  const fs = new Set(futures);
  if (fs.size === 0) throw new TypeError("wait: the set of futures is empty");
  for (const f of fs) {
    if (!(f instanceof Future)) {
      const hint = (f as unknown) instanceof CoroutineClass ? "a coroutine: wrap it with loop.createTask() first" : String(f);
      throw new TypeError(`wait expects Tasks or Futures, got ${hint}`);
    }
  }
  return generatorCoroutine("wait", function* () {
    const loop = currentLoop();
    const failed = (f: F): boolean => f.done() && !f.cancelled() && f.exception() !== undefined;
    const all = [...fs];
    const satisfied = (): boolean => {
      const done = all.filter((f) => f.done());
      if (returnWhen === "FIRST_COMPLETED") return done.length > 0;
      if (returnWhen === "FIRST_EXCEPTION" && done.some(failed)) return true;
      return done.length === all.length;
    };
    if (!satisfied() && ms !== 0) {
      const waiter = loop.createFuture<void>();
      const timer = ms == null ? undefined : loop.callLater(ms, wake);
      const onDone = (): void => {
        if (satisfied()) wake();
      };
      function wake(): void {
        if (!waiter.done()) waiter.setResult();
      }
      for (const f of all) f.addDoneCallback(onDone);
      try {
        yield waiter;
      } finally {
        timer?.cancel();
        for (const f of all) f.removeDoneCallback(onDone);
      }
    }
    const result: WaitResult<F> = { done: new Set(), pending: new Set() };
    for (const f of all) (f.done() ? result.done : result.pending).add(f);
    return result;
  });
}
