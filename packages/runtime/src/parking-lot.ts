/**
 * The FIFO waiting queue under every primitive (Trio's "parking lot"): a waiter parks on a Future
 * of the running loop and is woken, strictly in arrival order, by setting its Future's result.
 */
import type { Future } from "./future.js";
import { currentLoop } from "./running.js";

/**
 * An ordered set of parked Futures. A waiter stays in the lot until it leaves (its `finally`), so
 * woken-but-not-yet-resumed waiters are still visible (`hasLiveWaiters`) and block barging.
 *
 * @example
 * ```ts
 * const lot = new ParkingLot<void>();
 * function* wait() { yield* lot.park(); } // inside a generator coroutine
 * lot.wakeFirst();                        // wakes the oldest waiter
 * ```
 */
export class ParkingLot<T = void> {
  /** Parked Futures in arrival order (a Set iterates in insertion order; delete is O(1)). */
  readonly #waiters = new Set<Future<T>>();

  /** How many waiters are parked (woken ones included until they leave). */
  get size(): number {
    return this.#waiters.size;
  }

  /**
   * Parks the calling coroutine until woken: use as `yield* lot.park()` in a generator coroutine.
   * `onEnqueued` receives the Future (to inspect it in a `catch`). Returns the wake-up value.
   */
  *park(onEnqueued?: (fut: Future<T>) => void): Generator<unknown, T, any> {
    const fut = currentLoop().createFuture<T>();
    this.#waiters.add(fut);
    onEnqueued?.(fut);
    try {
      return (yield fut) as T;
    } finally {
      this.#waiters.delete(fut);
    }
  }

  /** Whether some parked waiter was not cancelled (asyncio's "any(not w.cancelled())"). */
  hasLiveWaiters(): boolean {
    for (const fut of this.#waiters) if (!fut.cancelled()) return true;
    return false;
  }

  /** Wakes the oldest waiter not yet woken; returns whether there was one. */
  wakeFirst(value?: T): boolean {
    for (const fut of this.#waiters) {
      if (!fut.done()) {
        fut.setResult(value as T);
        return true;
      }
    }
    return false;
  }

  /** Wakes up to `n` waiters, oldest first; returns how many. */
  wake(n: number, value?: T): number {
    let woken = 0;
    for (const fut of this.#waiters) {
      if (woken >= n) break;
      if (!fut.done()) {
        fut.setResult(value as T);
        woken++;
      }
    }
    return woken;
  }

  /** Wakes every waiter; returns how many. */
  wakeAll(value?: T): number {
    return this.wake(Infinity, value);
  }
}
