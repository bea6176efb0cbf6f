/**
 * The coroutine-mode async generators that started on one loop (asyncio's `firstiter` hook), so
 * that closing the loop can close those left suspended and run their `finally` blocks.
 *
 * Held strongly (a WeakRef per generator would cost more than the generator: V8 keeps every
 * WeakRef target alive until the current job ends, which for `runSync` is the whole run). Finished
 * generators are swept out whenever the set doubles, so it stays proportional to the live ones; a
 * generator abandoned while suspended stays until the loop closes it. The default loop, which never
 * closes, does not track them.
 */
import type { AsyncGeneratorCoroutine } from "./async-generator.js";

/** Below this many entries the set is never swept. */
const MIN_SWEEP = 1024;

/**
 * An ordered set of async generators.
 *
 * @example
 * ```ts
 * const gens = new AsyncGens();
 * gens.add(gen);            // its first next() ran on the loop
 * gens.takeSuspended();     // [gen] if it is parked at a yield; the set is emptied
 * ```
 */
export class AsyncGens {
  /** In start order; finished generators are swept lazily. */
  #gens = new Set<AsyncGeneratorCoroutine>();
  /** Sweep when the set reaches this size (twice the live size after the last sweep). */
  #sweepAt = MIN_SWEEP;

  /** Remembers `gen`. */
  add(gen: AsyncGeneratorCoroutine): void {
    this.#gens.add(gen);
    if (this.#gens.size >= this.#sweepAt) this.#sweep();
  }

  /** The generators still suspended at a `yield`, in start order; forgets them all. */
  takeSuspended(): AsyncGeneratorCoroutine[] {
    const suspended = [...this.#gens].filter((gen) => gen._suspended());
    this.#gens = new Set();
    this.#sweepAt = MIN_SWEEP;
    return suspended;
  }

  #sweep(): void {
    // A generator running now may still suspend: keep it.
    for (const gen of this.#gens) if (!gen._suspended() && !gen._running()) this.#gens.delete(gen);
    this.#sweepAt = Math.max(MIN_SWEEP, 2 * this.#gens.size);
  }
}
