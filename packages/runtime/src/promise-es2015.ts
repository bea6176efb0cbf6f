/**
 * Promise mode for engines without async functions (ES2015: classes, generators, `Promise`), the
 * entry `@coro/runtime/promise-es2015` that `target: "es2015"` makes compiled code import. The same
 * exports as `@coro/runtime/promise`, built without any async syntax, with `await` done on
 * `Promise.prototype.then` (`await-then.ts`): the same microtask ticks as native code; what it
 * observes beyond native code is listed there. Async generators and `for await` need
 * `Symbol.asyncIterator` (ES2018, or a polyfill) only to be iterated natively.
 *
 * @example
 * ```js
 * // compiled with { mode: "promise", target: "es2015" }:  async function f(x) { return (await g(x)) + 1; }
 * import { AsyncFrame, runAsync } from "@coro/runtime/promise-es2015";
 * function f(x) { return runAsync(new _f$Frame(_f$step, x)); }
 * ```
 */
import type { AsyncFrame } from "./async-frame.js";
import { asyncGeneratorDriver } from "./async-generator-promise.js";
import { awaitThen, es2015AsyncIteratorPrototype, react } from "./await-then.js";
import { NEXT, THROW } from "./protocol.js";

export { AsyncFrame } from "./async-frame.js";

const NativePromise = Promise;

/**
 * Starts a call: runs it to its first `await` and returns the promise of its result; each `await`
 * resumes it from a `then` reaction. A throw rejects the promise, a return resolves it (a
 * thenable returned is adopted, as by a native async function).
 */
export function runAsync(frame: AsyncFrame): Promise<unknown> {
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new NativePromise<unknown>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const step = (mode: number, value: unknown): void => {
    for (;;) {
      let r: unknown;
      try {
        r = frame.$step(frame, mode, value);
      } catch (error) {
        reject(error);
        return;
      }
      if (frame.$s < 0) {
        resolve(r);
        return;
      }
      try {
        react(r, onFulfilled, onRejected);
        return;
      } catch (error) {
        // PromiseResolve threw (a `constructor` getter): the await throws at once, as natively.
        mode = THROW;
        value = error;
      }
    }
  };
  const onFulfilled = (value: unknown): void => step(NEXT, value);
  const onRejected = (reason: unknown): void => step(THROW, reason);
  step(NEXT, undefined);
  return promise;
}

export { UNINITIALIZED, assertInitialized, checkedWrite, throwConstAssignment } from "./bindings.js";
export { propertyKey } from "./property-key.js";
export { GeneratorFrame, startGenerator } from "./generator.js";
export { createGenerator, defineClassGeneratorMethods, defineGenerator, defineGeneratorMethods } from "./generator-object.js";

const asyncGenerators = /* @__PURE__ */ asyncGeneratorDriver(awaitThen, es2015AsyncIteratorPrototype());
/** The class a compiled async generator's frame extends (promise mode, ES2015 engines). */
export const AsyncGeneratorFrame = asyncGenerators.AsyncGeneratorFrame;
/** GetIterator(obj, async), for `for await` and `yield*` in promise mode on ES2015 engines. */
export const asyncIteratorForPromise = asyncGenerators.asyncIteratorForPromise;
