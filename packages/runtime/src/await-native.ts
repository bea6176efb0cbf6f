/**
 * `await` as a callback API, for the promise-mode drivers: exactly the steps of the language's
 * Await — PromiseResolve(%Promise%, value), then PerformPromiseThen — done by a native `await`.
 *
 * Why not `Promise.prototype.then`: `then` looks up `constructor` on the promise
 * (SpeciesConstructor) to make the promise it returns, a lookup native `await` never does, and
 * which programs observe (a getter on `Promise.prototype.constructor`). A native `await` takes the
 * same single microtask tick per reaction as `then`, so the ticks are native ones too.
 */

/**
 * Awaits `value` as native `await` does and calls `onFulfilled(result)` or `onRejected(reason)`
 * from the reaction job. If PromiseResolve itself throws (a throwing `constructor` getter on a
 * native promise), `onRejected` is called at once, before this returns, as `await` throws at once.
 * The callbacks must not throw (the returned promise is not meant to be observed).
 *
 * @example
 * ```ts
 * awaitNative(Promise.resolve(1), (v) => console.log(v), (e) => console.error(e)); // 1, one tick later
 * ```
 */
export async function awaitNative(
  value: unknown,
  onFulfilled: (value: unknown) => void,
  onRejected: (reason: unknown) => void,
): Promise<void> {
  let result: unknown;
  try {
    result = await value;
  } catch (error) {
    onRejected(error);
    return;
  }
  onFulfilled(result);
}
