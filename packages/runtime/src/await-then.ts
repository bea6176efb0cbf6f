/**
 * `await` for engines without async functions (the `@coro/runtime/promise-es2015` entry): the
 * same callback API as `await-native.ts`, built on `Promise.prototype.then` as it was when the
 * runtime loaded (a later patch of `then` changes nothing).
 *
 * The same microtask ticks as a native `await`: one reaction for a native promise, plus the
 * thenable job for a thenable, one for a plain value — PromiseResolve(%Promise%, value) is
 * emulated (a native promise whose `constructor` is %Promise% is used as it is, anything else is
 * wrapped by `new Promise(resolve => resolve(value))`). What `then` does that a native `await`
 * does not, and so differs observably: it reads the promise's `constructor` once more and that
 * constructor's `Symbol.species` (a getter there sees it; a patched species takes part), and it
 * allocates the derived promise it returns.
 */
import type { AwaitFn } from "./await-fn.js";

const NativePromise = Promise;
const then = NativePromise.prototype.then;

/** PromiseResolve(%Promise%, value). Throws what a `constructor` getter throws. */
function promiseResolve(value: unknown): Promise<unknown> {
  if (value instanceof NativePromise && (value as { constructor?: unknown }).constructor === NativePromise) return value;
  return new NativePromise((resolve) => resolve(value));
}

/**
 * The {@link AwaitFn} on `then`. An error of PromiseResolve (a throwing `constructor` getter) or
 * of `then` itself (an object that only looks like a promise) calls `onRejected` at once.
 *
 * @example
 * ```ts
 * awaitThen(Promise.resolve(1), (v) => console.log(v), (e) => console.error(e)); // 1, one tick later
 * ```
 */
export const awaitThen: AwaitFn = (value, onFulfilled, onRejected) => {
  try {
    react(value, onFulfilled, onRejected);
  } catch (error) {
    onRejected(error);
  }
};

/** PromiseResolve, then `then` with the callbacks: what {@link awaitThen} does, throwing its errors instead. */
export function react(value: unknown, onFulfilled: (value: unknown) => void, onRejected: (reason: unknown) => void): void {
  then.call(promiseResolve(value), onFulfilled, onRejected);
}

/**
 * An %AsyncIteratorPrototype% look-alike for engines without async generators: its
 * `[Symbol.asyncIterator]()` returns `this` (when the engine, or a polyfill, has the symbol).
 */
export function es2015AsyncIteratorPrototype(): object {
  const proto = {};
  const key = Symbol.asyncIterator as symbol | undefined;
  if (key !== undefined) {
    const method = {
      [key](this: unknown): unknown {
        return this;
      },
    }[key];
    Object.defineProperty(proto, key, { value: method, writable: true, enumerable: false, configurable: true });
  }
  return proto;
}
