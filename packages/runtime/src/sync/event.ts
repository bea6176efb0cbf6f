/** `Event`: a flag that tasks can wait for (asyncio's Event). */
import type { Coroutine } from "../coroutine.js";
import { generatorCoroutine } from "../generator-coroutine.js";
import { ParkingLot } from "../parking-lot.js";

/**
 * A boolean flag, initially false. `wait()` returns at once if it is set, else suspends until
 * `set()` is called; `set()` wakes every waiter (in the order they started waiting).
 *
 * @example
 * ```js
 * const ready = new Event();
 * async function waiter() { await ready.wait(); console.log("go"); }
 * async function main() {
 *   const t = getRunningLoop().createTask(waiter());
 *   await sleep(10);
 *   ready.set();   // "go"
 *   await t;
 * }
 * ```
 */
export class Event {
  #value = false;
  readonly #waiters = new ParkingLot<void>();

  /**
   * Whether the flag is set.
   *
   * @example
   * ```js
   * new Event().isSet(); // false
   * ```
   */
  isSet(): boolean {
    return this.#value;
  }

  /**
   * Sets the flag and wakes every waiter.
   *
   * @example
   * ```js
   * event.set();
   * ```
   */
  set(): void {
    if (this.#value) return;
    this.#value = true;
    this.#waiters.wakeAll();
  }

  /**
   * Clears the flag: later `wait()`s suspend again.
   *
   * @example
   * ```js
   * event.clear();
   * ```
   */
  clear(): void {
    this.#value = false;
  }

  /**
   * A coroutine that returns true once the flag is set (at once if it already is).
   *
   * @example
   * ```js
   * await event.wait();
   * ```
   */
  wait(): Coroutine<true> {
    return generatorCoroutine("Event.wait", () => this.#wait());
  }

  *#wait(): Generator<unknown, true, unknown> {
    if (this.#value) return true;
    yield* this.#waiters.park();
    return true;
  }

  get [Symbol.toStringTag](): string {
    return "Event";
  }
}
