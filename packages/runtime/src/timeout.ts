/**
 * Deadlines: `timeout(ms, body)` / `timeoutAt(when, body)` scopes and `waitFor(aw, ms)` (asyncio's
 * `timeout` context manager and `wait_for`). A scope that expires cancels its task; the
 * cancellation is caught at the scope's edge and becomes a `TimeoutError`.
 */
import type { Awaitable } from "./await-once.js";
import type { Coroutine } from "./coroutine.js";
import { CancelledError, RuntimeError, TimeoutError } from "./errors.js";
import { generatorCoroutine } from "./generator-coroutine.js";
import type { TimerHandle } from "./handle.js";
import type { EventLoop } from "./loop.js";
import { currentLoop, currentTask } from "./running.js";
import type { Task } from "./task.js";

/** "created" → "entered" → "expiring" (deadline hit, task cancelled) → "expired"; or "exited". */
type TimeoutState = "created" | "entered" | "expiring" | "expired" | "exited";

/**
 * A deadline scope, given to the body of `timeout` / `timeoutAt`. Move the deadline with
 * `reschedule`; `expired()` says whether the deadline cancelled the body.
 *
 * @example
 * ```js
 * await timeout(1000, async (scope) => {
 *   await connect();
 *   scope.reschedule(scope.getLoop().time() + 5000); // more time for the transfer
 *   await transfer();
 * });
 * ```
 */
export class Timeout {
  #state: TimeoutState = "created";
  /** Loop time of the deadline (ms), or null for none. */
  #when: number | null;
  /** The timer that cancels the task at the deadline, while entered. */
  #timer: TimerHandle | undefined;
  #task: Task<unknown> | undefined;
  readonly #loop: EventLoop;

  /** @internal Made by `timeout` / `timeoutAt`. */
  constructor(when: number | null, loop: EventLoop) {
    this.#when = when;
    this.#loop = loop;
  }

  /**
   * The deadline in loop time (ms), or null for none.
   *
   * @example
   * ```js
   * await timeout(100, async (scope) => scope.when()); // loop.time() + 100
   * ```
   */
  when(): number | null {
    return this.#when;
  }

  /**
   * The loop whose clock the deadline is on.
   *
   * @example
   * ```js
   * scope.getLoop().time();
   * ```
   */
  getLoop(): EventLoop {
    return this.#loop;
  }

  /**
   * Moves the deadline to loop time `when` (ms), or removes it (null). A deadline already past
   * expires at the next round.
   *
   * @example
   * ```js
   * scope.reschedule(null); // no deadline after all
   * ```
   */
  reschedule(when: number | null): void {
    if (this.#state !== "created" && this.#state !== "entered") {
      throw new RuntimeError(`Cannot reschedule a timeout that is ${this.#state}`);
    }
    this.#when = when;
    this.#timer?.cancel();
    this.#timer = undefined;
    if (this.#state === "entered" && when !== null) {
      this.#timer = this.#loop.callAt(Math.max(when, this.#loop.time()), () => this.#expire());
    }
  }

  /**
   * Whether the deadline passed and cancelled the body.
   *
   * @example
   * ```js
   * scope.expired(); // false while within time
   * ```
   */
  expired(): boolean {
    return this.#state === "expiring" || this.#state === "expired";
  }

  /** @internal Runs `body(this)` in the current task under the deadline. */
  *_run<T>(body: (scope: Timeout) => unknown): Generator<unknown, T, unknown> {
    const task = currentTask();
    if (task === undefined) throw new RuntimeError("timeout() must be awaited inside a Task (a coroutine run by the loop)");
    if (this.#state !== "created") throw new RuntimeError("a Timeout scope runs once");
    this.#task = task;
    const cancellingAtEntry = task.cancelling();
    this.#state = "entered";
    this.reschedule(this.#when);
    let result: T;
    try {
      result = (yield body(this)) as T;
    } catch (error) {
      if (this.#finish(task, cancellingAtEntry) && error instanceof CancelledError) {
        throw new TimeoutError(`timed out: the deadline at ${String(this.#when)} ms passed`, { cause: error });
      }
      throw error;
    }
    this.#finish(task, cancellingAtEntry);
    return result;
  }

  /**
   * Leaves the scope. If the deadline fired, withdraws its cancel request; returns true when that
   * was the only one (then the task's CancelledError is ours to turn into a TimeoutError).
   */
  #finish(task: Task<unknown>, cancellingAtEntry: number): boolean {
    this.#timer?.cancel();
    this.#timer = undefined;
    if (this.#state !== "expiring") {
      this.#state = "exited";
      return false;
    }
    this.#state = "expired";
    return task.uncancel() <= cancellingAtEntry;
  }

  #expire(): void {
    this.#timer = undefined;
    if (this.#state !== "entered") return;
    this.#state = "expiring";
    this.#task!.cancel("deadline exceeded");
  }

  get [Symbol.toStringTag](): string {
    return "Timeout";
  }
}

/**
 * A coroutine that awaits `body(scope)` in the current task and cancels it if it is still
 * running after `ms` milliseconds; the cancellation then surfaces as `TimeoutError` (its `cause`
 * is the CancelledError). `ms` null: no deadline (until `scope.reschedule`). A cancellation
 * from elsewhere stays a `CancelledError`. asyncio's `async with asyncio.timeout(delay):`.
 *
 * @example
 * ```js
 * try {
 *   const page = await timeout(5000, () => fetchPage(url));
 * } catch (e) {
 *   if (e instanceof TimeoutError) console.log("too slow");
 *   else throw e;
 * }
 * ```
 */
export function timeout<T>(ms: number | null, body: (scope: Timeout) => Awaitable<T> | T): Coroutine<T> {
  return generatorCoroutine("timeout", function* () {
    const loop = currentLoop();
    return (yield* new Timeout(ms === null ? null : loop.time() + ms, loop)._run<T>(body)) as T;
  });
}

/**
 * Like `timeout`, with the deadline as a loop time (`loop.time()` ms) instead of a delay.
 *
 * @example
 * ```js
 * const deadline = getRunningLoop().time() + 10_000;
 * await timeoutAt(deadline, () => step1());
 * await timeoutAt(deadline, () => step2()); // the same deadline for both
 * ```
 */
export function timeoutAt<T>(when: number | null, body: (scope: Timeout) => Awaitable<T> | T): Coroutine<T> {
  return generatorCoroutine("timeoutAt", function* () {
    return (yield* new Timeout(when, currentLoop())._run<T>(body)) as T;
  });
}

/**
 * A coroutine that awaits `aw` (in the current task) and cancels it after `ms` milliseconds,
 * throwing `TimeoutError` then. `ms` null: no limit. asyncio's `wait_for`.
 *
 * @example
 * ```js
 * const reply = await waitFor(ask(question), 1000);
 * ```
 */
export function waitFor<T>(aw: Awaitable<T> | T, ms: number | null): Coroutine<T> {
  return generatorCoroutine("waitFor", function* () {
    const loop = currentLoop();
    return (yield* new Timeout(ms === null ? null : loop.time() + ms, loop)._run<T>(() => aw)) as T;
  });
}
