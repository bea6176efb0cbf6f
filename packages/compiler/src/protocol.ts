/**
 * The protocol constants compiled code shares with @coro/runtime (see its protocol.ts). The two
 * packages never import each other; a test checks these values agree.
 */

/** `Symbol.for(AWAIT_KEY)` is the await-delegation method (Python's `__await__`). */
export const AWAIT_KEY = "coro.await";

/** Resume modes the driver passes to a step function. */
export const MODE_NEXT = 0;
export const MODE_THROW = 1;
export const MODE_CLOSE = 2;

/** Frame fields owned by the runtime that compiled code reads or writes. */
export const FIELD_STATE = "$s";

/** The runtime export every compiled frame class extends. */
export const COROUTINE_EXPORT = "Coroutine";

/** Completion kinds stored in a finally region's completion slot. */
export const COMPLETION_NORMAL = 0;
export const COMPLETION_RETURN = 1;
export const COMPLETION_THROW = 2;
export const COMPLETION_JUMP = 3;
