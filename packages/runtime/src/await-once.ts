/** Turns any awaitable (or plain value) into a Coroutine that awaits it once, so a Task can drive it. */
import { Coroutine } from "./coroutine.js";
import type { FrameInfo } from "./coroutine.js";
import { CLOSE, THROW } from "./protocol.js";
import type { AWAIT } from "./protocol.js";

/** What `await` accepts and a Task can run: a Coroutine, a Future, a thenable, or anything with `[AWAIT]()`. */
export type Awaitable<T = unknown> =
  | Coroutine<T>
  | PromiseLike<T>
  | { [AWAIT](): Iterator<unknown, T, unknown> };

const AWAIT_ONCE_INFO: FrameInfo = { name: "<await>", raw: true };

class AwaitOnce<T> extends Coroutine<T> {
  constructor(readonly target: unknown) {
    super(AWAIT_ONCE_INFO, stepAwaitOnce);
  }
}

/** State 0: hand the target to the driver to await; state 1: return what the await produced. */
function stepAwaitOnce(frame: AwaitOnce<unknown>, mode: number, value: unknown): unknown {
  if (frame.$s === 0 && mode !== THROW && mode !== CLOSE) {
    frame.$s = 1;
    return frame.target;
  }
  frame.$s = -1;
  if (mode === THROW) throw value;
  return value;
}

/**
 * A Coroutine whose body is `return await target`; a Coroutine is returned as it is.
 *
 * @example
 * ```ts
 * const co = awaitOnce(Promise.resolve(1));
 * new EventLoop().runUntilComplete(co); // resolves to 1
 * ```
 */
export function awaitOnce<T>(target: Awaitable<T> | T): Coroutine<T> {
  if (target instanceof Coroutine) return target as Coroutine<T>;
  return new AwaitOnce<T>(target);
}
