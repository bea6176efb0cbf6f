/** `Lock`: mutual exclusion between tasks, fair (FIFO) and cancellation-safe (asyncio's Lock). */
import type { Coroutine } from "../coroutine.js";
import { CancelledError, RuntimeError } from "../errors.js";
import { generatorCoroutine } from "../generator-coroutine.js";
import type { Future } from "../future.js";
import { ParkingLot } from "../parking-lot.js";

/**
 * A mutex for tasks. `acquire()` is a coroutine: awaiting it inside a compiled coroutine costs no
 * microtask. Waiters are served in arrival order; a free lock is not taken over ("barged") while
 * a woken waiter is about to run.
 *
 * @example
 * ```js
 * const lock = new Lock();
 * async function critical(name) {
 *   await lock.acquire();
 *   try { await sleep(10); console.log(name); } finally { lock.release(); }
 * }
 * // or: await lock.hold(async () => { … });
 * ```
 */
export class Lock {
  /** True from a successful acquire until the matching release. */
  #locked = false;
  /** Tasks waiting to acquire, FIFO. */
  readonly #waiters = new ParkingLot<void>();

  /**
   * Whether the lock is held.
   *
   * @example
   * ```js
   * new Lock().locked(); // false
   * ```
   */
  locked(): boolean {
    return this.#locked;
  }

  /**
   * A coroutine that waits until the lock is free, takes it, and returns true.
   *
   * @example
   * ```js
   * await lock.acquire();
   * ```
   */
  acquire(): Coroutine<true> {
    return generatorCoroutine("Lock.acquire", () => this.#acquire());
  }

  *#acquire(): Generator<unknown, true, unknown> {
    if (!this.#locked && !this.#waiters.hasLiveWaiters()) {
      this.#locked = true;
      return true;
    }
    let fut: Future<void> | undefined;
    try {
      yield* this.#waiters.park((f) => (fut = f));
    } catch (error) {
      // Woken (given the turn) then cancelled before running: pass the turn on. A waiter cancelled
      // before its turn came wakes nobody: the turn is someone else's already.
      if (error instanceof CancelledError && fut!.done() && !fut!.cancelled() && !this.#locked) this.#waiters.wakeFirst();
      throw error;
    }
    this.#locked = true;
    return true;
  }

  /**
   * Releases the lock and wakes the first waiter. Throws `RuntimeError` if it is not held.
   *
   * @example
   * ```js
   * lock.release();
   * ```
   */
  release(): void {
    if (!this.#locked) throw new RuntimeError("Lock is not acquired: release() must follow a successful acquire()");
    this.#locked = false;
    this.#waiters.wakeFirst();
  }

  /**
   * Acquires the lock, awaits `body()`, releases the lock (even if `body` throws); returns what
   * `body` returned. Python's `async with lock:`.
   *
   * @example
   * ```js
   * const n = await lock.hold(async () => { counter += 1; return counter; });
   * ```
   */
  hold<T>(body: () => T | PromiseLike<T> | Coroutine<T>): Coroutine<T> {
    return holding("Lock.hold", this, body);
  }

  get [Symbol.toStringTag](): string {
    return "Lock";
  }
}

/** What `holding` needs: something with `acquire()` and `release()`. */
export interface Acquirable {
  acquire(): Coroutine<unknown>;
  release(): void;
}

/** @internal `acquire(); try { return await body() } finally { release() }` as a coroutine. */
export function holding<T>(name: string, target: Acquirable, body: () => unknown): Coroutine<T> {
  return generatorCoroutine(name, function* () {
    yield target.acquire();
    try {
      return (yield body()) as T;
    } finally {
      target.release();
    }
  });
}
