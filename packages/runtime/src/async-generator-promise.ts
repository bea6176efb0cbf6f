/**
 * Async generators in promise mode: the native AsyncGenerator semantics (ECMA-262 §27.6) on a
 * compiled state machine — the request queue, `yield` awaiting its operand, `return` awaited,
 * `yield*` over async (or sync, wrapped) iterators — with the same promise jobs as native code.
 *
 * The step function signals its suspensions in `$y`: 0 `await`, 1 `yield`, 2 `yield*`.
 */
import { CLOSE, NEXT, THROW } from "./protocol.js";
import { asyncFromSync } from "./async-from-sync.js";
import type { AwaitFn } from "./await-fn.js";
import { getIterator, isObject } from "./get-iterator.js";
import { generatorKind, setGeneratorKind, type GeneratorFrameBase, type GeneratorKind } from "./generator-object.js";

const NativePromise = Promise;

const SUSPENDED_START = 0;
const SUSPENDED_YIELD = 1;
const EXECUTING = 2;
const AWAITING_RETURN = 3;
const COMPLETED = 4;

interface Request {
  mode: number;
  value: unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

type Step = (frame: any, mode: number, value: unknown) => unknown;

/** What compiled code sees of a promise-mode async generator's frame. */
export interface AsyncGeneratorFrameFields extends GeneratorFrameBase {
  $s: number;
  /** How the step function suspended: 0 `await`, 1 `yield`, 2 `yield*`. */
  $y: number;
  readonly $step: Step;
}

/** What the body does next: resume it with (mode, value), or wait (an await is pending). */
const PENDING = Symbol("pending");

/** The frame class compiled async generators extend, and GetIterator(obj, async). */
export interface AsyncGeneratorDriver {
  AsyncGeneratorFrame: new (step: Step) => AsyncGeneratorFrameFields;
  asyncIteratorForPromise: (obj: unknown) => object;
}

/**
 * The async generator driver on `awaitValue` (how an `await` is done: native, or on `then` for
 * engines without async functions) and `AsyncIteratorPrototype` (what %AsyncGeneratorPrototype%
 * inherits from). Each entry of the runtime makes one.
 */
export function asyncGeneratorDriver(awaitValue: AwaitFn, AsyncIteratorPrototype: object): AsyncGeneratorDriver {
  const asyncFromSyncIterator = asyncFromSync(awaitValue, AsyncIteratorPrototype);

  /** One call of a compiled async generator function (its generator object holds it in its slot). */
  class AsyncGeneratorFrame implements GeneratorFrameBase {
    declare readonly $kind: GeneratorKind<unknown>;
    $s: number;
    $y: number;
    readonly $step: Step;
    $state: number;
    readonly $queue: Request[];
    /** While `yield*` delegates: the inner async iterator and its cached `next`. */
    $it: object | undefined;
    $itNext: ((value?: unknown) => unknown) | undefined;

    constructor(step: Step) {
      this.$s = 0;
      this.$y = 0;
      this.$step = step;
      this.$state = SUSPENDED_START;
      this.$queue = [];
      this.$it = undefined;
      this.$itNext = undefined;
    }

  }

  /** %AsyncGeneratorPrototype%: next/throw/return as non-enumerable methods, as native ones. */
  class AsyncGeneratorMethods {
    next(value?: unknown): Promise<IteratorResult<unknown>> {
      return request(asyncGeneratorObjects.frameOf(this), NEXT, value);
    }

    return(value?: unknown): Promise<IteratorResult<unknown>> {
      return request(asyncGeneratorObjects.frameOf(this), CLOSE, value);
    }

    throw(exception?: unknown): Promise<IteratorResult<unknown>> {
      return request(asyncGeneratorObjects.frameOf(this), THROW, exception);
    }
  }

  const AsyncGeneratorPrototype: object = AsyncGeneratorMethods.prototype;
  delete (AsyncGeneratorPrototype as { constructor?: unknown }).constructor;
  Object.setPrototypeOf(AsyncGeneratorPrototype, AsyncIteratorPrototype);
  Object.defineProperty(AsyncGeneratorPrototype, Symbol.toStringTag, { value: "AsyncGenerator", configurable: true });

  const asyncGeneratorObjects = generatorKind<AsyncGeneratorFrame>(AsyncGeneratorPrototype);
  setGeneratorKind(AsyncGeneratorFrame, asyncGeneratorObjects as GeneratorKind<never>);

  /** AsyncGenerator.prototype.next / throw / return, on the receiver's frame (undefined: not one). */
  function request(gen: AsyncGeneratorFrame | undefined, mode: number, value: unknown): Promise<IteratorResult<unknown>> {
    let resolve!: (value: unknown) => void;
    let reject!: (reason: unknown) => void;
    const promise = new NativePromise<IteratorResult<unknown>>((res, rej) => {
      resolve = res as (value: unknown) => void;
      reject = rej;
    });
    if (gen === undefined) {
      reject(new TypeError("not an async generator"));
      return promise;
    }
    let state = gen.$state;
    if (mode === NEXT && state === COMPLETED) {
      resolve({ value: undefined, done: true });
      return promise;
    }
    if (mode === THROW) {
      if (state === SUSPENDED_START) gen.$state = state = COMPLETED;
      if (state === COMPLETED) {
        reject(value);
        return promise;
      }
    }
    gen.$queue.push({ mode, value, resolve, reject });
    if (mode === CLOSE && (state === SUSPENDED_START || state === COMPLETED)) {
      gen.$state = AWAITING_RETURN;
      awaitReturn(gen);
    } else if (state === SUSPENDED_START || state === SUSPENDED_YIELD) {
      resume(gen, mode, value);
    }
    return promise;
  }

  /** AsyncGeneratorCompleteStep: settles the oldest request. */
  function completeStep(gen: AsyncGeneratorFrame, threw: boolean, value: unknown, done: boolean): void {
    const next = gen.$queue.shift()!;
    if (threw) next.reject(value);
    else next.resolve({ value, done });
  }

  function drainQueue(gen: AsyncGeneratorFrame): void {
    const queue = gen.$queue;
    while (queue.length > 0) {
      const next = queue[0]!;
      if (next.mode === CLOSE) {
        gen.$state = AWAITING_RETURN;
        awaitReturn(gen);
        return;
      }
      completeStep(gen, next.mode === THROW, next.mode === THROW ? next.value : undefined, true);
    }
  }

  function awaitReturn(gen: AsyncGeneratorFrame): void {
    const next = gen.$queue[0]!;
    const settle = (threw: boolean) => (value: unknown) => {
      gen.$state = COMPLETED;
      completeStep(gen, threw, value, true);
      drainQueue(gen);
    };
    awaitValue(next.value, settle(false), settle(true));
  }

  /** Resumes a suspended body with a request's completion (AsyncGeneratorResume). */
  function resume(gen: AsyncGeneratorFrame, mode: number, value: unknown): void {
    gen.$state = EXECUTING;
    if (mode === CLOSE) {
      // AsyncGeneratorUnwrapYieldResumption: a return at a yield (or yield*) first awaits its value.
      awaitValue(
        value,
        (v) => run(gen, CLOSE, v),
        (e) => run(gen, THROW, e),
      );
      return;
    }
    run(gen, mode, value);
  }

  /** Runs the body (or the yield* delegation) until it awaits, yields or finishes. */
  function run(gen: AsyncGeneratorFrame, mode: number, value: unknown): void {
    for (;;) {
      if (gen.$it !== undefined) {
        // delegate() goes on through run() itself once its awaits settle.
        delegate(gen, mode, value);
        return;
      }
      let out: unknown;
      try {
        out = gen.$step(gen, mode, value);
      } catch (error) {
        finish(gen, true, error);
        return;
      }
      if (gen.$s < 0) {
        // The body ended: `return v` awaited v itself (the compiler makes it `return await v`), and
        // a return completion from a `return()` request was awaited when it resumed the body.
        finish(gen, false, out);
        return;
      }
      const signal = gen.$y;
      gen.$y = 0;
      if (signal === 0) {
        awaitValue(
          out,
          (v) => run(gen, NEXT, v),
          (e) => run(gen, THROW, e),
        );
        return;
      }
      if (signal === 1) {
        // yield v: await v, then hand it to the oldest request.
        awaitValue(
          out,
          (v) => yieldValue(gen, v),
          (e) => run(gen, THROW, e),
        );
        return;
      }
      // yield*: GetIterator(value, async).
      try {
        const it = asyncIteratorForPromise(out);
        const next = (it as { next: (value?: unknown) => unknown }).next;
        gen.$it = it;
        gen.$itNext = next;
        mode = NEXT;
        value = undefined;
      } catch (error) {
        mode = THROW;
        value = error;
      }
    }
  }

  function finish(gen: AsyncGeneratorFrame, threw: boolean, value: unknown): void {
    gen.$state = COMPLETED;
    completeStep(gen, threw, value, true);
    drainQueue(gen);
  }

  /** AsyncGeneratorYield: settle the oldest request, then go on with the next one or suspend. */
  function yieldValue(gen: AsyncGeneratorFrame, value: unknown): void {
    completeStep(gen, false, value, false);
    const next = gen.$queue[0];
    if (next === undefined) {
      gen.$state = SUSPENDED_YIELD;
      return;
    }
    resume(gen, next.mode, next.value);
  }

  /**
   * One round of `yield*` in an async generator: forwards the completion to the inner iterator,
   * awaits its result, and either yields its value (without awaiting it again) or resumes the body.
   */
  function delegate(gen: AsyncGeneratorFrame, mode: number, value: unknown): typeof PENDING {
    const it = gen.$it!;
    const back = (m: number, v: unknown): typeof PENDING => {
      gen.$it = undefined;
      run(gen, m, v);
      return PENDING;
    };
    let result: unknown;
    try {
      if (mode === NEXT) {
        result = gen.$itNext!.call(it, value);
      } else if (mode === THROW) {
        const method = (it as { throw?: unknown }).throw;
        if (method == null) {
          // No throw method: close the inner iterator (awaiting its return()), then a TypeError.
          const fail = (): void => void back(THROW, new TypeError("The iterator does not provide a 'throw' method"));
          const ret = (it as { return?: unknown }).return;
          if (ret == null) return back(THROW, new TypeError("The iterator does not provide a 'throw' method"));
          const closing = (ret as (v?: unknown) => unknown).call(it);
          awaitValue(
            closing,
            (r) => (isObject(r) ? fail() : back(THROW, new TypeError("iterator.return() did not return an object"))),
            (e) => back(THROW, e),
          );
          return PENDING;
        }
        result = (method as (e: unknown) => unknown).call(it, value);
      } else {
        const method = (it as { return?: unknown }).return;
        if (method == null) {
          gen.$it = undefined;
          awaitValue(
            value,
            (v) => run(gen, CLOSE, v),
            (e) => run(gen, THROW, e),
          );
          return PENDING;
        }
        result = (method as (v: unknown) => unknown).call(it, value);
      }
    } catch (error) {
      return back(THROW, error);
    }
    awaitValue(
      result,
      (r) => {
        if (!isObject(r)) return void back(THROW, new TypeError(`Iterator result ${String(r)} is not an object`));
        let done: unknown;
        let inner: unknown;
        try {
          done = (r as IteratorResult<unknown>).done;
          inner = (r as IteratorResult<unknown>).value;
        } catch (error) {
          return void back(THROW, error);
        }
        if (done) {
          if (mode !== CLOSE) return void back(NEXT, inner);
          // yield* received a return: the inner iterator's done value is awaited, then returned.
          return void awaitValue(
            inner,
            (v) => back(CLOSE, v),
            (e) => back(THROW, e),
          );
        }
        // AsyncGeneratorYield of the inner value, then the next request's completion comes back here.
        completeStep(gen, false, inner, false);
        const next = gen.$queue[0];
        if (next === undefined) {
          gen.$state = SUSPENDED_YIELD;
          return;
        }
        resume(gen, next.mode, next.value);
      },
      (e) => void back(THROW, e),
    );
    return PENDING;
  }

  /**
   * GetIterator(obj, async): its `Symbol.asyncIterator`, else its sync iterator wrapped as
   * CreateAsyncFromSyncIterator does (`async-from-sync.ts`).
   */
  function asyncIteratorForPromise(obj: unknown): object {
    const { async, sync } = getIterator(obj);
    if (async !== undefined) return async;
    return asyncFromSyncIterator(sync);
  }

  return { AsyncGeneratorFrame, asyncIteratorForPromise };
}
