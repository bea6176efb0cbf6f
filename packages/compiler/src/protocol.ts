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

/**
 * Names a user local may not take as a frame field: the members of the runtime's Coroutine (a
 * field would shadow them on the frame) and of Object.prototype. A test checks this list covers
 * every member of the runtime's Coroutine.prototype chain. Locals with these names, and locals
 * starting with `$` (the runtime's and compiler's own fields), are stored as `$_name`.
 */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
  // Coroutine
  "constructor", "next", "send", "throw", "close", "return", "then", "catch", "finally",
  "name", "state", "awaiting", "location",
  // Object.prototype
  "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
  "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toString", "toLocaleString", "valueOf",
]);
