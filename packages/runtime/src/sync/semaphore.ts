/** `Semaphore` and `BoundedSemaphore`: a counter of permits, FIFO and cancellation-safe (asyncio's). */
import type { Coroutine } from "../coroutine.js";
import { CancelledError } from "../errors.js";
import { generatorCoroutine } from "../generator-coroutine.js";
import { ParkingLot } from "../parking-lot.js";
import type { Future } from "../future.js";
import { holding } from "./lock.js";

/**
 * A counter of permits: `acquire()` takes one (suspending while there is none), `release()` gives
 * one back. Waiters are served in arrival order; a newcomer never jumps ahead of them.
 *
 * @example
 * ```js
 * const sem = new Semaphore(2);          // at most 2 downloads at a time
 * async function download(url) {
 *   return await sem.hold(() => fetchIt(url));
 * }
 * ```
 */
export class Semaphore {
  /** Permits left; never negative. A woken waiter's permit is already taken from it. */
  #value: number;
  readonly #waiters = new ParkingLot<void>();

  /**
   * A semaphore with `value` permits (default 1).
   *
   * @example
   * ```js
   * const sem = new Semaphore(3);
   * ```
   */
  constructor(value = 1) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`Semaphore: initial value must be an integer >= 0, got ${String(value)}`);
    this.#value = value;
  }

  /**
   * Whether `acquire()` would suspend now.
   *
   * @example
   * ```js
   * new Semaphore(0).locked(); // true
   * ```
   */
  locked(): boolean {
    return this.#value === 0 || this.#waiters.hasLiveWaiters();
  }

  /**
   * How many permits are free.
   *
   * @example
   * ```js
   * new Semaphore(3).value; // 3
   * ```
   */
  get value(): number {
    return this.#value;
  }

  /**
   * A coroutine that takes a permit (waiting for one if needed) and returns true.
   *
   * @example
   * ```js
   * await sem.acquire();
   * try { await work(); } finally { sem.release(); }
   * ```
   */
  acquire(): Coroutine<true> {
    return generatorCoroutine("Semaphore.acquire", () => this.#acquire());
  }

  *#acquire(): Generator<unknown, true, unknown> {
    if (!this.locked()) {
      this.#value--;
      return true;
    }
    let fut: Future<void> | undefined;
    try {
      yield* this.#waiters.park((f) => (fut = f));
    } catch (error) {
      // Woken (given a permit) but cancelled before running: give the permit back.
      if (error instanceof CancelledError && fut!.done() && !fut!.cancelled()) this.#value++;
      throw error;
    } finally {
      // Newcomers may have queued behind us: wake as many as there are permits.
      while (this.#value > 0 && this.#wakeNext());
    }
    return true;
  }

  /**
   * Gives a permit back, waking the first waiter.
   *
   * @example
   * ```js
   * sem.release();
   * ```
   */
  release(): void {
    this.#value++;
    this.#wakeNext();
  }

  /**
   * Holds a permit while awaiting `body()` (Python's `async with sem:`).
   *
   * @example
   * ```js
   * await sem.hold(async () => { await sleep(10); });
   * ```
   */
  hold<T>(body: () => T | PromiseLike<T> | Coroutine<T>): Coroutine<T> {
    return holding("Semaphore.hold", this, body);
  }

  /** Hands a permit to the first waiter not yet woken; returns whether there was one. */
  #wakeNext(): boolean {
    if (this.#value <= 0 || this.#waiters.size === 0) return false;
    if (!this.#waiters.wakeFirst()) return false;
    this.#value--;
    return true;
  }

  get [Symbol.toStringTag](): string {
    return "Semaphore";
  }
}

/**
 * A Semaphore that refuses to be released above its initial value (`RangeError`): catches a
 * release without an acquire.
 *
 * @example
 * ```js
 * const sem = new BoundedSemaphore(1);
 * sem.release(); // RangeError: BoundedSemaphore released too many times
 * ```
 */
export class BoundedSemaphore extends Semaphore {
  readonly #bound: number;

  /**
   * A semaphore with `value` permits, and never more.
   *
   * @example
   * ```js
   * const sem = new BoundedSemaphore(2);
   * ```
   */
  constructor(value = 1) {
    super(value);
    this.#bound = value;
  }

  /**
   * Gives a permit back; `RangeError` if that would exceed the initial value.
   *
   * @example
   * ```js
   * await sem.acquire(); sem.release(); // fine
   * ```
   */
  override release(): void {
    if (this.value >= this.#bound) throw new RangeError("BoundedSemaphore released too many times");
    super.release();
  }

  override get [Symbol.toStringTag](): string {
    return "BoundedSemaphore";
  }
}
