/** The runtime's error classes (asyncio's, JavaScript-cased). */

/** A coroutine protocol violation: reusing an awaited coroutine, ignoring `close()`, … */
export class RuntimeError extends Error {
  override name = "RuntimeError";
}

/** Thrown at a task's innermost `await` when the task is cancelled. */
export class CancelledError extends Error {
  override name = "CancelledError";
}

/** An operation is not allowed in the object's current state (e.g. `result()` of a pending Future). */
export class InvalidStateError extends Error {
  override name = "InvalidStateError";
}

/** A deadline passed (`waitFor`, `timeout`). */
export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/**
 * `getNowait()` on an empty queue.
 *
 * @example
 * ```js
 * try { q.getNowait(); } catch (e) { if (e instanceof QueueEmpty) console.log("nothing yet"); }
 * ```
 */
export class QueueEmpty extends Error {
  override name = "QueueEmpty";
}

/**
 * `putNowait()` on a full queue.
 *
 * @example
 * ```js
 * try { q.putNowait(x); } catch (e) { if (e instanceof QueueFull) await q.put(x); }
 * ```
 */
export class QueueFull extends Error {
  override name = "QueueFull";
}

/**
 * `put`/`get` on a queue that was shut down (and, for `get`, is empty).
 *
 * @example
 * ```js
 * try { for (;;) await handle(await q.get()); } catch (e) { if (!(e instanceof QueueShutDown)) throw e; }
 * ```
 */
export class QueueShutDown extends Error {
  override name = "QueueShutDown";
}

/**
 * A `Barrier` was aborted or reset while a task waited on it.
 *
 * @example
 * ```js
 * try { await barrier.wait(); } catch (e) { if (e instanceof BrokenBarrierError) console.log("aborted"); }
 * ```
 */
export class BrokenBarrierError extends Error {
  override name = "BrokenBarrierError";
}
