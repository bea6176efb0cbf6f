/** A callback scheduled on an event loop (`callSoon`, `callLater`, `callAt`), which can be cancelled. */
import type { EventLoop } from "./loop.js";

/**
 * A callback and its arguments, waiting in a loop's ready queue. Returned by `loop.callSoon`.
 *
 * @example
 * ```ts
 * const h = loop.callSoon(console.log, "never printed");
 * h.cancel();
 * ```
 */
export class Handle {
  /** Set once by `cancel()`; a cancelled handle is skipped by the loop and drops its callback. */
  #cancelled = false;
  #fn: ((...args: any[]) => unknown) | undefined;
  #args: readonly unknown[] | undefined;
  readonly #loop: EventLoop;

  /** @internal Use `loop.callSoon` instead. */
  constructor(fn: (...args: any[]) => unknown, args: readonly unknown[], loop: EventLoop) {
    this.#fn = fn;
    this.#args = args;
    this.#loop = loop;
  }

  /**
   * Prevents the callback from running (no-op if it already ran).
   *
   * @example
   * ```ts
   * loop.callSoon(fn).cancel();
   * ```
   */
  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#fn = undefined;
    this.#args = undefined;
  }

  /**
   * Whether `cancel()` was called.
   *
   * @example
   * ```ts
   * const h = loop.callSoon(fn); h.cancel(); h.cancelled(); // true
   * ```
   */
  cancelled(): boolean {
    return this.#cancelled;
  }

  /**
   * @internal Called by the loop's `runOnce` only. An exception escaping the callback goes to the
   * loop's exception handler, so one bad callback never stops the loop.
   */
  _run(): void {
    const fn = this.#fn;
    if (fn === undefined) return;
    try {
      fn(...this.#args!);
    } catch (exception) {
      this.#loop.callExceptionHandler({
        message: `Exception in callback ${fn.name || "<anonymous>"}`,
        exception,
        handle: this,
      });
    }
  }

  /** @internal The callback's name, for reports. */
  _callbackName(): string {
    return this.#fn?.name || "<anonymous>";
  }

  get [Symbol.toStringTag](): string {
    return "Handle";
  }
}

/**
 * A handle that runs at a loop time (`callLater`, `callAt`). Timers due at the same time run in
 * the order they were scheduled.
 *
 * @example
 * ```ts
 * const t = loop.callLater(100, fn);
 * t.when();   // loop.time() + 100
 * t.cancel();
 * ```
 */
export class TimerHandle extends Handle {
  /** Loop time (ms) at which the callback is due. */
  readonly #when: number;
  /** @internal Tie-breaker among equal `when`s: the loop's scheduling counter, increasing. */
  readonly _seq: number;
  /** @internal Set by the loop while the handle sits in its timer heap. */
  _scheduled = false;
  /** @internal Told about cancellation so the heap can be compacted. */
  readonly #onCancel: (handle: TimerHandle) => void;

  /** @internal Use `loop.callLater` / `loop.callAt` instead. */
  constructor(
    when: number,
    seq: number,
    fn: (...args: any[]) => unknown,
    args: readonly unknown[],
    loop: EventLoop,
    onCancel: (handle: TimerHandle) => void,
  ) {
    super(fn, args, loop);
    this.#when = when;
    this._seq = seq;
    this.#onCancel = onCancel;
  }

  /**
   * The loop time (ms) at which the callback is due.
   *
   * @example
   * ```ts
   * loop.callAt(500, fn).when(); // 500
   * ```
   */
  when(): number {
    return this.#when;
  }

  /**
   * Prevents the callback from running.
   *
   * @example
   * ```ts
   * loop.callLater(10, fn).cancel();
   * ```
   */
  override cancel(): void {
    if (this.cancelled()) return;
    super.cancel();
    if (this._scheduled) this.#onCancel(this);
  }

  override get [Symbol.toStringTag](): string {
    return "TimerHandle";
  }
}
