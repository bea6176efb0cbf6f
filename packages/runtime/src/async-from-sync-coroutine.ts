/**
 * CreateAsyncFromSyncIterator for coroutine mode: the same observable steps as the promise-mode
 * wrapper (`async-from-sync.ts`) — an absent argument stays absent, `done` is read before `value`,
 * a rejected value closes the sync iterator unless the result was done or came from `return()`,
 * `throw()` without a sync `throw` closes the iterator (its errors propagate) and throws a
 * TypeError — but each method returns the result itself, or an awaitable frame when the value
 * needs awaiting, so that `for await` over a sync iterable runs without a loop round-trip.
 */
import { AwaitFrame, type FrameInfo } from "./coroutine.js";
import { closeAfterThrow, closeNormally, getMethod, type Method, type SyncIterator } from "./async-from-sync.js";
import { isObject } from "./get-iterator.js";
import { AWAIT, NEXT, THROW } from "./protocol.js";

const AsyncIteratorPrototype: object = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}.prototype));

/**
 * The sync iterator `iterator` as an async iterator whose methods return `{ value, done }` or a
 * frame that awaits the value first.
 *
 * @example
 * ```js
 * const it = asyncFromSyncCoroutine([sleep(5, "a")][Symbol.iterator]());
 * await it.next(); // { value: "a", done: false }, 5 ms later
 * ```
 */
export function asyncFromSyncCoroutine(iterator: Iterator<unknown>): object {
  const sync = iterator as SyncIterator;
  const nextMethod = sync.next as Method;
  const wrapped = {
    next(...args: unknown[]): unknown {
      const result = args.length > 0 ? nextMethod.call(sync, args[0]) : nextMethod.call(sync);
      if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
      return continuation(sync, result, true);
    },
    return(...args: unknown[]): unknown {
      const method = getMethod(sync, "return");
      if (method === undefined) return { value: args[0], done: true };
      const result = args.length > 0 ? method.call(sync, args[0]) : method.call(sync);
      if (!isObject(result)) throw new TypeError("iterator.return() did not return an object");
      return continuation(sync, result, false);
    },
    throw(value?: unknown): unknown {
      const method = getMethod(sync, "throw");
      if (method === undefined) {
        closeNormally(sync);
        throw new TypeError("The iterator does not provide a 'throw' method");
      }
      const result = method.call(sync, value);
      if (!isObject(result)) throw new TypeError("iterator.throw() did not return an object");
      return continuation(sync, result, true);
    },
  };
  Object.setPrototypeOf(wrapped, AsyncIteratorPrototype);
  return wrapped;
}

/** AsyncFromSyncIteratorContinuation: the result as it is, or a frame awaiting an awaitable value. */
function continuation(sync: SyncIterator, result: object, closeOnRejection: boolean): unknown {
  const done = Boolean((result as IteratorResult<unknown>).done);
  const value: unknown = (result as IteratorResult<unknown>).value;
  const awaitable = isObject(value) && (typeof (value as { [AWAIT]?: unknown })[AWAIT] === "function" || typeof (value as PromiseLike<unknown>).then === "function");
  if (!awaitable) return { value, done };
  return new ValueFrame(value, done, !done && closeOnRejection ? sync : undefined);
}

const VALUE_INFO: FrameInfo = { name: "<async-from-sync value>", raw: true };

/** Awaits a sync iterator's awaitable value, then gives `{ value, done }`; a rejection may close the iterator. */
class ValueFrame extends AwaitFrame {
  constructor(
    readonly $target: unknown,
    readonly $done: boolean,
    /** The sync iterator to close if the value rejects (undefined: leave it open). */
    readonly $closeOnRejection: SyncIterator | undefined,
  ) {
    super(VALUE_INFO, stepValue);
  }
}

function stepValue(frame: ValueFrame, mode: number, value: unknown): unknown {
  if (frame.$s === 0 && mode === NEXT) {
    frame.$s = 1;
    return frame.$target;
  }
  frame.$s = -1;
  if (mode === THROW) {
    if (frame.$closeOnRejection !== undefined) closeAfterThrow(frame.$closeOnRejection);
    throw value;
  }
  return { value, done: frame.$done };
}
