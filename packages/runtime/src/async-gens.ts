/**
 * The coroutine-mode async generators that started on one loop (asyncio's `firstiter` hook), held
 * weakly, so that closing the loop can close those left suspended and run their `finally` blocks.
 */
import type { AsyncGeneratorCoroutine } from "./async-generator.js";

/** Below this many entries the set is never swept. */
const MIN_SWEEP = 1024;

/**
 * A weak, ordered set of async generators.
 *
 * @example
 * ```ts
 * const gens = new AsyncGens();
 * gens.add(gen);            // its first next() ran on the loop
 * gens.takeSuspended();     // [gen] if it is parked at a yield; the set is emptied
 * ```
 */
export class AsyncGens {
  /** In start order; entries whose generator was collected or finished are swept lazily. */
  #refs = new Set<WeakRef<AsyncGeneratorCoroutine>>();
  /** Sweep when the set reaches this size (twice the live size after the last sweep). */
  #sweepAt = MIN_SWEEP;

  /** Remembers `gen` (weakly). */
  add(gen: AsyncGeneratorCoroutine): void {
    this.#refs.add(new WeakRef(gen));
    if (this.#refs.size >= this.#sweepAt) this.#sweep();
  }

  /** The generators still suspended at a `yield`, in start order; forgets them all. */
  takeSuspended(): AsyncGeneratorCoroutine[] {
    const suspended: AsyncGeneratorCoroutine[] = [];
    for (const ref of this.#refs) {
      const gen = ref.deref();
      if (gen !== undefined && gen._suspended()) suspended.push(gen);
    }
    this.#refs = new Set();
    this.#sweepAt = MIN_SWEEP;
    return suspended;
  }

  #sweep(): void {
    for (const ref of this.#refs) {
      const gen = ref.deref();
      // A generator running now may still suspend: keep it.
      if (gen === undefined || !(gen._suspended() || gen._running())) this.#refs.delete(ref);
    }
    this.#sweepAt = Math.max(MIN_SWEEP, 2 * this.#refs.size);
  }
}
