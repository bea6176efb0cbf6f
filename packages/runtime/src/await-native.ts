/**
 * `await` as a callback API, for the promise-mode drivers: exactly the steps of the language's
 * Await — PromiseResolve(%Promise%, value), then PerformPromiseThen — done by a native `await`.
 *
 * Why not `Promise.prototype.then`: `then` looks up `constructor` on the promise
 * (SpeciesConstructor) to make the promise it returns, a lookup native `await` never does, and
 * which programs observe (a getter on `Promise.prototype.constructor`). A native `await` takes the
 * same single microtask tick per reaction as `then`, so the ticks are native ones too.
 * (`await-then.ts` is the same API for engines without async functions.)
 */
import type { AwaitFn } from "./await-fn.js";

/**
 * The native {@link AwaitFn}.
 *
 * @example
 * ```ts
 * awaitNative(Promise.resolve(1), (v) => console.log(v), (e) => console.error(e)); // 1, one tick later
 * ```
 */
export async function awaitNative(value: unknown, onFulfilled: (value: unknown) => void, onRejected: (reason: unknown) => void): Promise<void> {
  let result: unknown;
  try {
    result = await value;
  } catch (error) {
    onRejected(error);
    return;
  }
  onFulfilled(result);
}

/** %AsyncIteratorPrototype%, the native one (reached through an async generator function). */
export function nativeAsyncIteratorPrototype(): object {
  return Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}.prototype)) as object;
}
