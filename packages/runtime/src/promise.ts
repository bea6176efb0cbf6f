/**
 * Promise mode (SPEC §3): the driver that gives compiled state machines exactly the semantics of
 * native async functions. Small and self-contained (imports nothing with side effects), so a
 * bundle that only uses promise mode carries only this file: `@coro/runtime/promise`.
 *
 * A call runs the body synchronously up to its first `await`; each `await v` is PromiseResolve
 * (%Promise%, v) followed by a then-reaction registered with the original
 * `Promise.prototype.then` — the same number of microtask ticks as native code for promises,
 * thenables and plain values, and immune to later patches of `then` or `Promise.resolve`.
 *
 * @example
 * ```js
 * // compiled:  async function f(x) { return (await g(x)) + 1; }
 * function f(x) { return runAsync(new _f$Frame(_f$step, x)); }
 * ```
 */
import { NEXT, THROW } from "./protocol.js";

const NativePromise = Promise;
const promiseThen = Promise.prototype.then;
const promiseResolve = Promise.resolve;

/** One call of a compiled async function in promise mode: its locals are the subclass's fields. */
export class AsyncFrame {
  /** Program counter of the state machine; -1 once finished. Written by `$step` only. */
  $s: number;
  readonly $step: (frame: any, mode: number, value: unknown) => unknown;
  /** The call's promise capability. */
  $resolve: (value: unknown) => void;
  $reject: (reason: unknown) => void;
  /** Reactions registered on every awaited promise (made once per call). */
  $onFulfilled: (value: unknown) => void;
  $onRejected: (reason: unknown) => void;

  constructor(step: (frame: any, mode: number, value: unknown) => unknown) {
    this.$s = 0;
    this.$step = step;
    this.$resolve = this.$reject = this.$onFulfilled = this.$onRejected = undefined as never;
  }
}

/** Starts a call: runs it to its first `await` and returns the promise of its result. */
export function runAsync(frame: AsyncFrame): Promise<unknown> {
  const promise = new NativePromise<unknown>((resolve, reject) => {
    frame.$resolve = resolve;
    frame.$reject = reject;
  });
  frame.$onFulfilled = (value) => advance(frame, NEXT, value);
  frame.$onRejected = (reason) => advance(frame, THROW, reason);
  advance(frame, NEXT, undefined);
  return promise;
}

function advance(frame: AsyncFrame, mode: number, value: unknown): void {
  for (;;) {
    let r: unknown;
    try {
      r = frame.$step(frame, mode, value);
    } catch (error) {
      frame.$reject(error);
      return;
    }
    if (frame.$s < 0) {
      frame.$resolve(r);
      return;
    }
    let awaited: Promise<unknown>;
    try {
      awaited = promiseResolve.call(NativePromise, r) as Promise<unknown>;
    } catch (error) {
      // PromiseResolve threw (a throwing `constructor` getter): `await` throws at once.
      mode = THROW;
      value = error;
      continue;
    }
    promiseThen.call(awaited, frame.$onFulfilled, frame.$onRejected);
    return;
  }
}

export { UNINITIALIZED, assertInitialized, checkedWrite, throwConstAssignment } from "./bindings.js";
export { propertyKey } from "./property-key.js";
export { GeneratorFrame, startGenerator } from "./generator.js";
export { createGenerator, defineGenerator, defineGeneratorMethods } from "./generator-object.js";
export { AsyncGeneratorFrame, asyncIteratorForPromise } from "./async-generator-promise.js";
