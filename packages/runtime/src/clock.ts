/** The loop's clocks: real (the host's monotonic time) and virtual (jumps to the next timer). */

/** Which clock a loop uses: `"real"` waits for real time, `"virtual"` jumps to the next timer. */
export type ClockKind = "real" | "virtual";

/**
 * A monotonic time source in milliseconds that the loop may move forward.
 *
 * @example
 * ```ts
 * const clock = createClock("virtual");
 * clock.now();        // 0
 * clock.advanceTo(250);
 * clock.now();        // 250
 * ```
 */
export interface Clock {
  readonly kind: ClockKind;
  /** The current time in ms; never decreases. */
  now(): number;
  /**
   * Moves the time forward to `when` (no-op if it is already later). A real clock keeps an
   * offset, so a `…Sync` run on it has virtual-clock semantics too.
   */
  advanceTo(when: number): void;
}

class VirtualClock implements Clock {
  readonly kind = "virtual" as const;
  /** The time: starts at 0, moved only by `advanceTo`. */
  #time = 0;

  now(): number {
    return this.#time;
  }

  advanceTo(when: number): void {
    if (when > this.#time) this.#time = when;
  }
}

class RealClock implements Clock {
  readonly kind = "real" as const;
  /** How far `advanceTo` moved this clock ahead of the host's `performance.now()`. */
  #offset = 0;

  now(): number {
    return performance.now() + this.#offset;
  }

  advanceTo(when: number): void {
    const now = this.now();
    if (when > now) this.#offset += when - now;
  }
}

/**
 * Makes a clock of the given kind.
 *
 * @example
 * ```ts
 * createClock("real").now(); // like performance.now()
 * ```
 */
export function createClock(kind: ClockKind): Clock {
  if (kind === "virtual") return new VirtualClock();
  if (kind === "real") return new RealClock();
  throw new TypeError(`unknown clock ${JSON.stringify(kind)}: use "real" or "virtual"`);
}
