/** `Condition`: wait until notified, holding a lock around the check (asyncio's Condition). */
import type { Coroutine } from "../coroutine.js";
import { CancelledError, RuntimeError } from "../errors.js";
import { generatorCoroutine } from "../generator-coroutine.js";
import { ParkingLot } from "../parking-lot.js";
import { Lock, holding } from "./lock.js";

/**
 * A condition variable over a `Lock` (a new one unless given). `wait()` releases the lock,
 * suspends until `notify`, and re-acquires the lock before returning — even when cancelled.
 *
 * @example
 * ```js
 * const cond = new Condition();
 * let items = [];
 * async function consumer() {
 *   await cond.hold(async () => {
 *     await cond.waitFor(() => items.length > 0);
 *     console.log(items.shift());
 *   });
 * }
 * async function producer() {
 *   await cond.hold(async () => { items.push("x"); cond.notify(); });
 * }
 * ```
 */
export class Condition {
  readonly #lock: Lock;
  /** Tasks in `wait()`, FIFO; woken by notify. */
  readonly #waiters = new ParkingLot<void>();

  /**
   * A condition over `lock` (default: a new Lock).
   *
   * @example
   * ```js
   * const cond = new Condition(new Lock());
   * ```
   */
  constructor(lock: Lock = new Lock()) {
    this.#lock = lock;
  }

  /**
   * Whether the underlying lock is held.
   *
   * @example
   * ```js
   * cond.locked(); // false
   * ```
   */
  locked(): boolean {
    return this.#lock.locked();
  }

  /**
   * Acquires the underlying lock (a coroutine).
   *
   * @example
   * ```js
   * await cond.acquire();
   * ```
   */
  acquire(): Coroutine<true> {
    return this.#lock.acquire();
  }

  /**
   * Releases the underlying lock.
   *
   * @example
   * ```js
   * cond.release();
   * ```
   */
  release(): void {
    this.#lock.release();
  }

  /**
   * Holds the lock while awaiting `body()` (Python's `async with cond:`).
   *
   * @example
   * ```js
   * await cond.hold(async () => { ready = true; cond.notifyAll(); });
   * ```
   */
  hold<T>(body: () => T | PromiseLike<T> | Coroutine<T>): Coroutine<T> {
    return holding("Condition.hold", this, body);
  }

  /**
   * A coroutine: releases the lock, waits for a notify, re-acquires the lock, returns true. The
   * lock must be held. If cancelled, the lock is still re-acquired before `CancelledError`
   * propagates, and a notify it had received is passed to the next waiter.
   *
   * @example
   * ```js
   * await cond.acquire();
   * try { while (!ready) await cond.wait(); } finally { cond.release(); }
   * ```
   */
  wait(): Coroutine<true> {
    return generatorCoroutine("Condition.wait", () => this.#wait());
  }

  *#wait(): Generator<unknown, true, unknown> {
    if (!this.locked()) throw new RuntimeError("Condition.wait(): acquire the lock first");
    this.#lock.release();
    let woken: { done(): boolean; cancelled(): boolean } | undefined;
    let failure: { error: unknown } | undefined;
    try {
      yield* this.#waiters.park((fut) => (woken = fut));
    } catch (error) {
      failure = { error };
    }
    // Re-acquire the lock even if cancelled meanwhile (retrying on each cancellation).
    for (;;) {
      try {
        yield this.#lock.acquire();
        break;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        failure = { error };
      }
    }
    if (failure !== undefined) {
      // A notify that reached us is not lost: hand it to the next waiter.
      if (woken !== undefined && woken.done() && !woken.cancelled()) this.#waiters.wakeFirst();
      throw failure.error;
    }
    return true;
  }

  /**
   * A coroutine that waits until `predicate()` is truthy (checked first, then after each
   * notify) and returns its value. The lock must be held.
   *
   * @example
   * ```js
   * await cond.waitFor(() => queue.length > 0);
   * ```
   */
  waitFor<T>(predicate: () => T): Coroutine<T> {
    const self = this;
    return generatorCoroutine("Condition.waitFor", function* () {
      let result = predicate();
      while (!result) {
        yield self.wait();
        result = predicate();
      }
      return result;
    });
  }

  /**
   * Wakes up to `n` (default 1) waiting tasks. The lock must be held.
   *
   * @example
   * ```js
   * cond.notify(2);
   * ```
   */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError("Condition.notify(): acquire the lock first");
    this.#waiters.wake(n);
  }

  /**
   * Wakes every waiting task. The lock must be held.
   *
   * @example
   * ```js
   * cond.notifyAll();
   * ```
   */
  notifyAll(): void {
    if (!this.locked()) throw new RuntimeError("Condition.notifyAll(): acquire the lock first");
    this.#waiters.wakeAll();
  }

  get [Symbol.toStringTag](): string {
    return "Condition";
  }
}
