/** `sleep(ms, value?)`: the one coroutine that yields to the loop by time (asyncio's `sleep`). */
import { Coroutine, RAW } from "./coroutine.js";
import type { FrameInfo } from "./coroutine.js";
import type { Future } from "./future.js";
import type { TimerHandle } from "./handle.js";
import { CLOSE, THROW } from "./protocol.js";
import { currentLoop } from "./running.js";
import { RuntimeError } from "./errors.js";
import { option } from "./options.js";

const SLEEP_INFO: FrameInfo = { name: "sleep", raw: true };

/** States of a sleep frame: not started, yielded once (sleep 0), waiting on its timer's Future. */
const START = 0;
const YIELDED = 1;
const WAITING = 2;

class SleepFrame<T> extends Coroutine<T> {
  /** While WAITING: the Future the timer resolves, and the timer. */
  future: Future<T> | undefined;
  timer: TimerHandle | undefined;
  /** While WAITING with a signal: the abort listener to remove when the sleep ends. */
  onAbort: (() => void) | undefined;

  constructor(
    readonly ms: number,
    readonly value: T,
    readonly signal: AbortSignal | undefined,
  ) {
    super(SLEEP_INFO, stepSleep);
  }
}

/** Options of `sleep`. */
export interface SleepOptions {
  /** Aborting it ends the sleep early: the `await` throws `signal.reason`. */
  signal?: AbortSignal;
}

function stepSleep(frame: SleepFrame<unknown>, mode: number, value: unknown): unknown {
  if (frame.$s === START && mode !== THROW && mode !== CLOSE) {
    const signal = frame.signal;
    if (signal?.aborted) {
      frame.$s = -1;
      throw signal.reason;
    }
    if (!(frame.ms > 0)) {
      frame.$s = YIELDED;
      frame.$aw = undefined;
      return RAW;
    }
    const loop = currentLoop();
    const future = loop.createFuture<unknown>();
    frame.future = future;
    frame.timer = loop.callLater(frame.ms, resolveUnlessDone, future, frame.value);
    if (signal !== undefined) {
      frame.onAbort = () => {
        frame.timer?.cancel();
        if (!future.done()) future.setException(signal.reason);
      };
      signal.addEventListener("abort", frame.onAbort, { once: true });
    }
    frame.$s = WAITING;
    frame.$aw = future;
    return RAW;
  }
  frame.$s = -1;
  frame.timer?.cancel();
  if (frame.onAbort !== undefined) frame.signal!.removeEventListener("abort", frame.onAbort);
  if (mode === THROW) throw value;
  if (mode === CLOSE) return value;
  const future = frame.future;
  if (future === undefined) return frame.value;
  if (!future.done()) throw new RuntimeError("sleep resumed before its time: resume the coroutine only once the Future it yielded is done");
  return future.result();
}

function resolveUnlessDone(future: Future<unknown>, value: unknown): void {
  if (!future.done()) future.setResult(value);
}

/**
 * A coroutine that finishes with `value` after `ms` milliseconds of loop time. `sleep(0)` (or a
 * negative delay) yields `undefined` to its driver once: "reschedule me", letting other tasks run.
 * A longer sleep yields a Future that a loop timer resolves (by hand you see that Future).
 * With `{ signal }` (Node's `timers/promises` convention), aborting the signal ends the sleep
 * early: the `await` throws `signal.reason` (at once if it is already aborted).
 *
 * @example
 * ```ts
 * async function main() {
 *   await sleep(0);               // let others run
 *   const v = await sleep(100, "x"); // "x", 100 ms later
 *   await sleep(60_000, undefined, { signal: AbortSignal.timeout(10) }); // throws after 10 ms
 * }
 * ```
 */
export function sleep<T = undefined>(ms: number, value?: T, options?: SleepOptions): Coroutine<T> {
  if (typeof ms !== "number" || Number.isNaN(ms)) throw new TypeError(`sleep: delay must be a number of ms, got ${String(ms)}`);
  const signal = options === undefined ? undefined : option(options, "signal");
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError(`sleep: options.signal must be an AbortSignal, got ${String(signal)}`);
  return new SleepFrame<T>(ms, value as T, signal);
}
