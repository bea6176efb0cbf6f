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

/** `getNowait()` on an empty queue. */
export class QueueEmpty extends Error {
  override name = "QueueEmpty";
}

/** `putNowait()` on a full queue. */
export class QueueFull extends Error {
  override name = "QueueFull";
}

/** `put`/`get` on a queue that was shut down (and, for `get`, is empty). */
export class QueueShutDown extends Error {
  override name = "QueueShutDown";
}

/** A `Barrier` was aborted or reset while a task waited on it. */
export class BrokenBarrierError extends Error {
  override name = "BrokenBarrierError";
}
