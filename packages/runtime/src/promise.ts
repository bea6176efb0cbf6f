/**
 * Promise mode (SPEC §3): the driver that gives compiled state machines exactly the semantics of
 * native async functions. Small and self-contained (imports nothing with side effects), so a
 * bundle that only uses promise mode carries only this file: `@coro/runtime/promise`.
 *
 * A call runs the body synchronously up to its first `await`; each `await v` of the body is a
 * native `await` in the driver (PromiseResolve(%Promise%, v), then PerformPromiseThen, with no
 * `constructor` lookup of its own, unlike `Promise.prototype.then`) — the same microtask ticks and
 * observable lookups as native code for promises, thenables and plain values, and immune to later
 * patches of `then` or `Promise.resolve`.
 *
 * @example
 * ```js
 * // compiled:  async function f(x) { return (await g(x)) + 1; }
 * function f(x) { return runAsync(new _f$Frame(_f$step, x)); }
 * ```
 */
import { asyncGeneratorDriver } from "./async-generator-promise.js";
import { awaitNative, nativeAsyncIteratorPrototype } from "./await-native.js";
import type { AsyncFrame } from "./async-frame.js";
import { NEXT, THROW } from "./protocol.js";

export { AsyncFrame } from "./async-frame.js";

/**
 * Starts a call: runs it to its first `await` and returns the promise of its result. The driver
 * is a native async function, so each `await` of the body is a native `await` (PromiseResolve,
 * then PerformPromiseThen: no `constructor` lookup of its own, unlike `Promise.prototype.then`),
 * a throw rejects the promise and a return resolves it, exactly as in the function left native.
 */
export async function runAsync(frame: AsyncFrame): Promise<unknown> {
  let mode = NEXT;
  let value: unknown = undefined;
  for (;;) {
    const r = frame.$step(frame, mode, value);
    if (frame.$s < 0) return r;
    try {
      value = await r;
      mode = NEXT;
    } catch (error) {
      // Also reached at once when PromiseResolve throws (a throwing `constructor` getter).
      value = error;
      mode = THROW;
    }
  }
}

export { UNINITIALIZED, assertInitialized, checkedWrite, throwConstAssignment } from "./bindings.js";
export { propertyKey } from "./property-key.js";
export { GeneratorFrame, startGenerator } from "./generator.js";
export { createGenerator, defineClassGeneratorMethods, defineGenerator, defineGeneratorMethods } from "./generator-object.js";

const asyncGenerators = /* @__PURE__ */ asyncGeneratorDriver(awaitNative, nativeAsyncIteratorPrototype());
/** The class a compiled async generator's frame extends (promise mode). */
export const AsyncGeneratorFrame = asyncGenerators.AsyncGeneratorFrame;
/** GetIterator(obj, async), for `for await` and `yield*` in promise mode. */
export const asyncIteratorForPromise = asyncGenerators.asyncIteratorForPromise;
