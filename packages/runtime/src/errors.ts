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
