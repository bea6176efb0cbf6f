/** `Future<T>`: a result that will exist later, awaitable by coroutines (delegation) and by native code (thenable). */
import { AwaitFrame, RAW } from "./coroutine.js";
import type { Coroutine, FrameInfo } from "./coroutine.js";
import { CancelledError, InvalidStateError, RuntimeError } from "./errors.js";
import { AWAIT, CLOSE, THROW } from "./protocol.js";
import { option } from "./options.js";
import { currentLoop } from "./running.js";
import type { EventLoop } from "./loop.js";

const PENDING = 0;
const FINISHED = 1;
const CANCELLED = 2;
const STATE_NAMES = ["pending", "finished", "cancelled"] as const;

/** A done callback: receives the Future it was added to. */
export type DoneCallback<F> = (future: F) => void;

/** Options of `new Future()`. */
export interface FutureOptions {
  /** The loop that schedules its done callbacks; default: the running loop, else the default loop. */
  loop?: EventLoop;
  /** Shown by `getName()` and `loop.formatTasks()`; default `Future-<n>`. */
  name?: string;
}

let futureCounter = 0;

/**
 * A result that will exist later: asyncio's Future. Done callbacks are always scheduled with the
 * loop's `callSoon`, never called inline. A coroutine awaits it by delegation (suspending only if it
 * is pending); native code awaits it as a thenable.
 *
 * @example
 * ```ts
 * const fut = loop.createFuture<number>();
 * loop.callLater(10, () => fut.setResult(42));
 * async function main() { return await fut; } // 42, after 10 ms
 * ```
 */
export class Future<T = unknown> implements PromiseLike<T> {
  /** PENDING until exactly one of setResult / setException / cancel moves it, once. */
  #state: number = PENDING;
  #result: T | undefined;
  /** Meaningful when `#failed`: the exception (which may be any value, even undefined). */
  #exception: unknown;
  #failed = false;
  /** Failed, and neither `result()` nor `exception()` was called since: the loop reports it at close. */
  #unretrieved = false;
  /** Message given to `cancel`, used for the CancelledError. */
  #cancelMessage: string | undefined;
  #cancelledError: CancelledError | undefined;
  /** Callbacks to schedule when done (made by the first one; most Futures have one or none). */
  #callbacks: DoneCallback<any>[] | undefined = undefined;
  /** Settles with this Future, created by the first native `then`/`catch`/`finally`. */
  #promise: Promise<T> | undefined;
  readonly #loop: EventLoop;
  /** Given by the user (or `setName`), else made by `_defaultName()` when first read. */
  #name: string | undefined;
  #named = false;

  /**
   * A pending Future on `options.loop` (default: the running loop, else the default loop).
   *
   * @example
   * ```ts
   * const fut = new Future<number>({ loop, name: "reply" });
   * ```
   */
  constructor(options: FutureOptions = {}) {
    this.#loop = option(options, "loop") ?? currentLoop();
    const name = option(options, "name");
    if (name !== undefined) this.setName(name);
  }

  /**
   * Its name: the one given (option `name` or `setName`), else `Future-<n>` (`Task-<n>` for a
   * Task), numbered when first read.
   *
   * @example
   * ```ts
   * loop.createFuture({ name: "reply" }).getName(); // "reply"
   * ```
   */
  getName(): string {
    return (this.#name ??= this._defaultName());
  }

  /**
   * Renames it.
   *
   * @example
   * ```ts
   * fut.setName("handshake");
   * ```
   */
  setName(name: string): void {
    this.#name = String(name);
    this.#named = true;
  }

  /**
   * The chain of coroutines suspended *in* it, outermost first. A plain Future runs no code, so it
   * has none: an empty array, as asyncio's call graph gives a Future that is not a Task an empty
   * call stack (Python 3.14 `capture_call_graph`). A Task overrides this with its coroutine's
   * chain. Who waits *on* a Future is what `loop.formatTasks()` shows.
   *
   * @example
   * ```ts
   * loop.createFuture().getStack(); // []
   * ```
   */
  getStack(): Coroutine[] {
    return [];
  }

  /**
   * The loop this Future schedules its callbacks on.
   *
   * @example
   * ```ts
   * loop.createFuture().getLoop() === loop; // true
   * ```
   */
  getLoop(): EventLoop {
    return this.#loop;
  }

  /**
   * Whether it has a result, an exception, or was cancelled.
   *
   * @example
   * ```ts
   * fut.done(); // false
   * fut.setResult(1);
   * fut.done(); // true
   * ```
   */
  done(): boolean {
    return this.#state !== PENDING;
  }

  /**
   * Whether it was cancelled.
   *
   * @example
   * ```ts
   * fut.cancel();
   * fut.cancelled(); // true
   * ```
   */
  cancelled(): boolean {
    return this.#state === CANCELLED;
  }

  /**
   * The result; throws the exception if it has one, `CancelledError` if cancelled, and
   * `InvalidStateError` if still pending.
   *
   * @example
   * ```ts
   * fut.setResult("ok");
   * fut.result(); // "ok"
   * ```
   */
  result(): T {
    if (this.#state === CANCELLED) throw this._cancelledError();
    if (this.#state === PENDING) throw new InvalidStateError("Result is not ready: await the Future first.");
    if (this.#unretrieved) this.#markRetrieved();
    if (this.#failed) throw this.#exception;
    return this.#result as T;
  }

  /**
   * The exception, or undefined if it finished with a result; throws like `result()` when
   * cancelled or pending.
   *
   * @example
   * ```ts
   * fut.setException(new Error("boom"));
   * fut.exception(); // Error: boom
   * ```
   */
  exception(): unknown {
    if (this.#state === CANCELLED) throw this._cancelledError();
    if (this.#state === PENDING) throw new InvalidStateError("Exception is not set: await the Future first.");
    if (this.#unretrieved) this.#markRetrieved();
    return this.#failed ? this.#exception : undefined;
  }

  /**
   * Marks it done with `value` and schedules the done callbacks.
   *
   * @example
   * ```ts
   * fut.setResult(42);
   * ```
   */
  setResult(value: T): void {
    this.#assertPending("setResult");
    this.#result = value;
    this.#state = FINISHED;
    this.#scheduleCallbacks();
  }

  /**
   * Marks it done with `exception` and schedules the done callbacks.
   *
   * @example
   * ```ts
   * fut.setException(new Error("boom"));
   * ```
   */
  setException(exception: unknown): void {
    this.#assertPending("setException");
    this.#exception = exception;
    this.#failed = true;
    this.#state = FINISHED;
    this.#unretrieved = true;
    this.#loop._noteUnretrieved(this, true, exception);
    this.#scheduleCallbacks();
  }

  /**
   * Cancels it unless it is done: returns whether it did. Awaiters get a `CancelledError` carrying
   * `message`.
   *
   * @example
   * ```ts
   * fut.cancel("no longer needed"); // true
   * ```
   */
  cancel(message?: string): boolean {
    return this.#cancel(message);
  }

  /**
   * Calls `fn(this)` via the loop's `callSoon` once done (right away scheduled if already done).
   *
   * @example
   * ```ts
   * fut.addDoneCallback((f) => console.log(f.result()));
   * ```
   */
  addDoneCallback(fn: DoneCallback<this>): void {
    if (this.#state !== PENDING) this.#loop.callSoon(fn, this);
    else if (this.#callbacks === undefined) this.#callbacks = [fn];
    else this.#callbacks.push(fn);
  }

  /**
   * Removes every registration of `fn`; returns how many were removed.
   *
   * @example
   * ```ts
   * fut.addDoneCallback(cb);
   * fut.removeDoneCallback(cb); // 1
   * ```
   */
  removeDoneCallback(fn: DoneCallback<this>): number {
    const callbacks = this.#callbacks;
    if (callbacks === undefined) return 0;
    this.#callbacks = callbacks.filter((cb) => cb !== fn);
    return callbacks.length - this.#callbacks.length;
  }

  /**
   * For native code: a Promise of the result (a cancelled Future rejects with `CancelledError`).
   *
   * @example
   * ```ts
   * const value = await fut; // in a native async function
   * ```
   */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#nativePromise().then(onFulfilled, onRejected);
  }

  /**
   * For native code, as `Promise.prototype.catch`.
   *
   * @example
   * ```ts
   * fut.catch((e) => console.error(e));
   * ```
   */
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#nativePromise().catch(onRejected);
  }

  /**
   * For native code, as `Promise.prototype.finally`.
   *
   * @example
   * ```ts
   * fut.finally(() => console.log("settled"));
   * ```
   */
  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#nativePromise().finally(onFinally);
  }

  /**
   * What `await fut` delegates to: a frame that returns the result without suspending if done,
   * else yields the Future itself to the driver and reads the result when resumed.
   *
   * @example
   * ```ts
   * async function main() { const v = await fut; }
   * ```
   */
  [AWAIT](): FutureFrame {
    return new FutureFrame(this);
  }

  get [Symbol.toStringTag](): string {
    return "Future";
  }

  /** @internal The CancelledError awaiters get (one per Future). */
  _cancelledError(): CancelledError {
    this.#cancelledError ??= new CancelledError(this.#cancelMessage ?? "");
    return this.#cancelledError;
  }

  /** @internal Cancels with this very error (a task whose coroutine let it escape). */
  _cancelWith(error: CancelledError): boolean {
    if (this.#state !== PENDING) return false;
    this.#cancelledError = error;
    return this.#cancel(error.message);
  }

  /** @internal The name when none was given. */
  protected _defaultName(): string {
    return `Future-${++futureCounter}`;
  }

  /** @internal Whether a name was given (option `name` or `setName`), not made up. */
  _hasName(): boolean {
    return this.#named;
  }

  /** @internal "pending" | "finished" | "cancelled". */
  _stateName(): string {
    return STATE_NAMES[this.#state]!;
  }

  #markRetrieved(): void {
    this.#unretrieved = false;
    this.#loop._noteUnretrieved(this, false);
  }

  #assertPending(method: string): void {
    if (this.#state !== PENDING) {
      throw new InvalidStateError(`${method}: the ${this[Symbol.toStringTag]} is already ${STATE_NAMES[this.#state]}`);
    }
  }

  /** Not overridable: Task.cancel only requests, this marks a Future cancelled. */
  #cancel(message: string | undefined): boolean {
    if (this.#state !== PENDING) return false;
    this.#state = CANCELLED;
    this.#cancelMessage = message;
    this.#scheduleCallbacks();
    return true;
  }

  #scheduleCallbacks(): void {
    const callbacks = this.#callbacks;
    if (callbacks === undefined) return;
    this.#callbacks = undefined;
    for (const cb of callbacks) this.#loop.callSoon(cb, this);
  }

  #nativePromise(): Promise<T> {
    if (this.#promise !== undefined) return this.#promise;
    if (this.#state === PENDING) {
      this.#promise = new Promise<T>((resolve, reject) => {
        this.addDoneCallback((f) => settle(f, resolve, reject));
      });
    } else {
      // Done already: settle without the loop, which may be closed by now.
      this.#promise = new Promise<T>((resolve, reject) => settle(this, resolve, reject));
    }
    return this.#promise;
  }
}

function settle<T>(f: Future<T>, resolve: (v: T) => void, reject: (e: unknown) => void): void {
  try {
    resolve(f.result());
  } catch (error) {
    reject(error);
  }
}

const FUTURE_INFO: FrameInfo = { name: "<future>", raw: true };

/** The frame `await future` delegates to (asyncio's `Future.__await__`). */
export class FutureFrame extends AwaitFrame {
  constructor(readonly $target: Future<unknown>) {
    super(FUTURE_INFO, stepFuture);
  }
}

/** State 0: not yet suspended; state 1: yielded the Future to the driver. */
function stepFuture(frame: FutureFrame, mode: number, value: unknown): unknown {
  const fut = frame.$target;
  if (mode === THROW) {
    frame.$s = -1;
    throw value;
  }
  if (mode === CLOSE) {
    frame.$s = -1;
    return value;
  }
  if (!fut.done()) {
    if (frame.$s === 1) {
      throw new RuntimeError("the awaited Future is not done yet: resume the coroutine only once it is (await wasn't used with future)");
    }
    frame.$s = 1;
    frame.$aw = fut;
    return RAW;
  }
  frame.$s = -1;
  return fut.result();
}
