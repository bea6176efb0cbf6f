/**
 * Protocol constants shared by compiled code and the runtime. The compiler writes the same values
 * (see packages/compiler/src/protocol.ts); a test checks that both agree.
 */

/** `x[AWAIT]()` returns the iterator that `await x` delegates to (Python's `__await__`). */
export const AWAIT: unique symbol = Symbol.for("coro.await") as never;

/** Resume modes passed to a step function. */
export const NEXT = 0;
export const THROW = 1;
export const CLOSE = 2;

/** Frame status. Only the root of a chain is ever RUNNING. */
export const CREATED = 0;
export const SUSPENDED = 1;
export const RUNNING = 2;
/** Set on every frame of a chain while `close()` walks it; consumed when the frame is resumed. */
export const CLOSING = 3;
export const CLOSED = 4;
