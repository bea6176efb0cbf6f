/** The callback form of `await` that the promise-mode drivers share (`await-native.ts`, `await-then.ts`). */

/**
 * Awaits `value` and calls `onFulfilled(result)` or `onRejected(reason)` from the reaction job.
 * If PromiseResolve itself throws (a throwing `constructor` getter on a native promise),
 * `onRejected` is called at once, before this returns, as `await` throws at once. The callbacks
 * must not throw.
 */
export type AwaitFn = (value: unknown, onFulfilled: (value: unknown) => void, onRejected: (reason: unknown) => void) => unknown;
