/** `Barrier`: a rendezvous of `parties` tasks, reusable, abortable (asyncio's Barrier). */
import type { Coroutine } from "../coroutine.js";
import { BrokenBarrierError } from "../errors.js";
import { generatorCoroutine } from "../generator-coroutine.js";
import { Condition } from "./condition.js";

type BarrierState = "filling" | "draining" | "resetting" | "broken";

/**
 * Tasks call `wait()` and block until `parties` of them are waiting; then all proceed, and the
 * barrier is ready for the next round. `abort()` breaks it: waiters (and later callers) get
 * `BrokenBarrierError`; `reset()` breaks the current round only.
 *
 * @example
 * ```js
 * const barrier = new Barrier(3);
 * async function runner(name) {
 *   const i = await barrier.wait(); // 0, 1, 2 in arrival order
 *   console.log(name, "passed", i);
 * }
 * ```
 */
export class Barrier {
  readonly #parties: number;
  readonly #cond = new Condition();
  /** "filling" while tasks gather; "draining" while a full round leaves; "resetting"; "broken". */
  #state: BarrierState = "filling";
  /** Tasks inside `wait()` of the current round (gathering or draining). */
  #count = 0;

  /**
   * A barrier for `parties` tasks.
   *
   * @example
   * ```js
   * const barrier = new Barrier(2);
   * ```
   */
  constructor(parties: number) {
    if (!Number.isInteger(parties) || parties < 1) throw new RangeError(`Barrier: parties must be an integer >= 1, got ${String(parties)}`);
    this.#parties = parties;
  }

  /**
   * A coroutine: waits until `parties` tasks wait, then returns this task's arrival index
   * (0 … parties-1). Throws `BrokenBarrierError` if the barrier is aborted or reset meanwhile.
   *
   * @example
   * ```js
   * const index = await barrier.wait();
   * ```
   */
  wait(): Coroutine<number> {
    const self = this;
    return this.#cond.hold(() =>
      generatorCoroutine("Barrier.wait", function* () {
        // Let a previous round finish leaving (or resetting) first.
        yield self.#cond.waitFor(() => self.#state !== "draining" && self.#state !== "resetting");
        if (self.#stateNow() === "broken") throw new BrokenBarrierError("Barrier aborted: create a new Barrier");
        const index = self.#count++;
        try {
          if (index + 1 === self.#parties) {
            self.#state = "draining";
            self.#cond.notifyAll();
          } else {
            yield self.#cond.waitFor(() => self.#state !== "filling");
            if (self.#stateNow() === "broken" || self.#stateNow() === "resetting") {
              throw new BrokenBarrierError("Barrier aborted or reset while waiting");
            }
          }
          return index;
        } finally {
          self.#count--;
          self.#exit();
        }
      }),
    );
  }

  /** The state, read through a call so TypeScript does not narrow it across suspensions. */
  #stateNow(): BarrierState {
    return this.#state;
  }

  /** The last task of a round to leave opens the barrier for the next round. */
  #exit(): void {
    if (this.#count === 0) {
      if (this.#state === "resetting" || this.#state === "draining") this.#state = "filling";
      this.#cond.notifyAll();
    }
  }

  /**
   * A coroutine: returns the barrier to its empty state; tasks waiting now get
   * `BrokenBarrierError`.
   *
   * @example
   * ```js
   * await barrier.reset();
   * ```
   */
  reset(): Coroutine<void> {
    return this.#cond.hold(() => {
      if (this.#count > 0) this.#state = "resetting";
      else this.#state = "filling";
      this.#cond.notifyAll();
    });
  }

  /**
   * A coroutine: breaks the barrier for good; waiting and future `wait()` calls throw
   * `BrokenBarrierError`.
   *
   * @example
   * ```js
   * await barrier.abort();
   * ```
   */
  abort(): Coroutine<void> {
    return this.#cond.hold(() => {
      this.#state = "broken";
      this.#cond.notifyAll();
    });
  }

  /**
   * How many tasks it takes to pass.
   *
   * @example
   * ```js
   * new Barrier(3).parties; // 3
   * ```
   */
  get parties(): number {
    return this.#parties;
  }

  /**
   * How many tasks are waiting in the current filling round.
   *
   * @example
   * ```js
   * barrier.nWaiting; // 0
   * ```
   */
  get nWaiting(): number {
    return this.#state === "filling" ? this.#count : 0;
  }

  /**
   * Whether the barrier was aborted.
   *
   * @example
   * ```js
   * barrier.broken; // false
   * ```
   */
  get broken(): boolean {
    return this.#state === "broken";
  }

  get [Symbol.toStringTag](): string {
    return "Barrier";
  }
}
