/**
 * CreateAsyncFromSyncIterator (ECMA-262 §27.1.6, ES2025, as V8 implements it in Node 20 and 24)
 * for promise mode: what `for await` and `yield*` in an async generator iterate when they are
 * given a sync iterable. Each result's value is awaited before it is delivered; a rejected value
 * closes the sync iterator (unless the result was already done, or came from `return()`).
 *
 * Observable details kept exactly: an absent argument is passed on as absent (`next()` calls the
 * sync `next()` with no argument, not with `undefined`); `done` is read before `value`; each value
 * goes through one PromiseResolve (one `constructor` lookup on a native promise) and one reaction,
 * never through `Promise.prototype.then` (which would look up `constructor` again).
 */
import type { AwaitFn } from "./await-fn.js";
import { isObject } from "./get-iterator.js";

const NativePromise = Promise;

export type SyncIterator = Iterator<unknown> & { return?: unknown; throw?: unknown };
export type Method = (...args: unknown[]) => unknown;

/** The [[SyncIteratorRecord]]: the iterator and its `next`, read once when it was wrapped. */
interface SyncRecord {
  readonly iterator: SyncIterator;
  readonly next: Method;
}

/**
 * CreateAsyncFromSyncIterator on `awaitValue` (how an `await` is done: native, or on `then` for
 * engines without async functions) and `AsyncIteratorPrototype` (what the wrappers inherit from).
 * It returns the function that turns a sync iterator into an async one (`next` is read at once, as
 * GetIterator does).
 *
 * @example
 * ```ts
 * const asyncFromSyncIterator = asyncFromSync(awaitNative, nativeAsyncIteratorPrototype());
 * const it = asyncFromSyncIterator([Promise.resolve(1)][Symbol.iterator]());
 * await it.next(); // { value: 1, done: false }
 * ```
 */
export function asyncFromSync(awaitValue: AwaitFn, AsyncIteratorPrototype: object): (iterator: Iterator<unknown>) => object {
  const continuation = continuationOn(awaitValue);
  return (iterator) => {
    const record: SyncRecord = { iterator, next: iterator.next as Method };
    const wrapped = {
      next(...args: unknown[]): Promise<IteratorResult<unknown>> {
        return next(record, args, continuation);
      },
      return(...args: unknown[]): Promise<IteratorResult<unknown>> {
        return returnMethod(record, args, continuation);
      },
      throw(value?: unknown): Promise<IteratorResult<unknown>> {
        return throwMethod(record, value, continuation);
      },
    };
    Object.setPrototypeOf(wrapped, AsyncIteratorPrototype);
    return wrapped;
  };
}

type Continuation = (record: SyncRecord, result: object, closeOnRejection: boolean) => Promise<IteratorResult<unknown>>;

/** %AsyncFromSyncIteratorPrototype%.next: IteratorNext with the argument only if one was given. */
function next(record: SyncRecord, args: unknown[], continuation: Continuation): Promise<IteratorResult<unknown>> {
  let result: unknown;
  try {
    result = args.length > 0 ? record.next.call(record.iterator, args[0]) : record.next.call(record.iterator);
    if (!isObject(result)) throw new TypeError(`Iterator result ${String(result)} is not an object`);
  } catch (error) {
    return NativePromise.reject(error);
  }
  return continuation(record, result, true);
}

/** %AsyncFromSyncIteratorPrototype%.return: the sync `return`, if any, with the argument only if given. */
function returnMethod(record: SyncRecord, args: unknown[], continuation: Continuation): Promise<IteratorResult<unknown>> {
  const iterator = record.iterator;
  let result: unknown;
  try {
    const method = getMethod(iterator, "return");
    if (method === undefined) return NativePromise.resolve({ value: args[0], done: true });
    result = args.length > 0 ? method.call(iterator, args[0]) : method.call(iterator);
    if (!isObject(result)) throw new TypeError("iterator.return() did not return an object");
  } catch (error) {
    return NativePromise.reject(error);
  }
  return continuation(record, result, false);
}

/**
 * %AsyncFromSyncIteratorPrototype%.throw: the sync `throw`; without one, the sync iterator is
 * closed (errors of its `return` reject) and the promise rejects with a TypeError.
 */
function throwMethod(record: SyncRecord, value: unknown, continuation: Continuation): Promise<IteratorResult<unknown>> {
  const iterator = record.iterator;
  let result: unknown;
  try {
    const method = getMethod(iterator, "throw");
    if (method === undefined) {
      closeNormally(iterator);
      throw new TypeError("The iterator does not provide a 'throw' method");
    }
    result = method.call(iterator, value);
    if (!isObject(result)) throw new TypeError("iterator.throw() did not return an object");
  } catch (error) {
    return NativePromise.reject(error);
  }
  return continuation(record, result, true);
}

/** AsyncFromSyncIteratorContinuation: awaits the result's value; a rejection may close the iterator. */
function continuationOn(awaitValue: AwaitFn): Continuation {
  return (record, result, closeOnRejection) => {
    let done: boolean;
    let value: unknown;
    try {
      done = Boolean((result as IteratorResult<unknown>).done);
      value = (result as IteratorResult<unknown>).value;
    } catch (error) {
      return NativePromise.reject(error);
    }
    return new NativePromise<IteratorResult<unknown>>((resolve, reject) => {
      awaitValue(
        value,
        (v) => resolve({ value: v, done }),
        (error) => {
          // Also reached at once when PromiseResolve throws (step 7 closes the iterator the same way).
          if (!done && closeOnRejection) closeAfterThrow(record.iterator);
          reject(error);
        },
      );
    });
  };
}

/** GetMethod(obj, name): undefined for null/undefined, a TypeError for anything else not callable. */
export function getMethod(obj: object, name: "return" | "throw"): Method | undefined {
  const method = (obj as Record<string, unknown>)[name];
  if (method == null) return undefined;
  if (typeof method !== "function") throw new TypeError(`iterator.${name} is not a function`);
  return method as Method;
}

/** IteratorClose(record, NormalCompletion): its errors, and a non-object result, are thrown. */
export function closeNormally(iterator: SyncIterator): void {
  const method = getMethod(iterator, "return");
  if (method === undefined) return;
  const result = method.call(iterator);
  if (!isObject(result)) throw new TypeError("iterator.return() did not return an object");
}

/** IteratorClose(record, ThrowCompletion): the original error wins over any error of `return`. */
export function closeAfterThrow(iterator: SyncIterator): void {
  try {
    getMethod(iterator, "return")?.call(iterator);
  } catch {
    // The completion is the throw being delivered, not this one.
  }
}
