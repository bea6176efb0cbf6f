/** `sleep(ms, value?)`: the one coroutine that yields to the loop by time (asyncio's `sleep`). */
import { Coroutine, RAW } from "./coroutine.js";
import type { FrameInfo } from "./coroutine.js";
import type { Future } from "./future.js";
import type { TimerHandle } from "./handle.js";
import { CLOSE, THROW } from "./protocol.js";
import { currentLoop } from "./running.js";
import { RuntimeError } from "./errors.js";

const SLEEP_INFO: FrameInfo = { name: "sleep", raw: true };

/** States of a sleep frame: not started, yielded once (sleep 0), waiting on its timer's Future. */
const START = 0;
const YIELDED = 1;
const WAITING = 2;

class SleepFrame<T> extends Coroutine<T> {
  /** While WAITING: the Future the timer resolves, and the timer. */
  future: Future<T> | undefined;
  timer: TimerHandle | undefined;

  constructor(
    readonly ms: number,
    readonly value: T,
  ) {
    super(SLEEP_INFO, stepSleep);
  }
}

function stepSleep(frame: SleepFrame<unknown>, mode: number, value: unknown): unknown {
  if (frame.$s === START && mode !== THROW && mode !== CLOSE) {
    if (!(frame.ms > 0)) {
      frame.$s = YIELDED;
      frame.$aw = undefined;
      return RAW;
    }
    const loop = currentLoop();
    const future = loop.createFuture<unknown>();
    frame.future = future;
    frame.timer = loop.callLater(frame.ms, resolveUnlessDone, future, frame.value);
    frame.$s = WAITING;
    frame.$aw = future;
    return RAW;
  }
  frame.$s = -1;
  frame.timer?.cancel();
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
 *
 * @example
 * ```ts
 * async function main() {
 *   await sleep(0);               // let others run
 *   const v = await sleep(100, "x"); // "x", 100 ms later
 * }
 * ```
 */
export function sleep<T = undefined>(ms: number, value?: T): Coroutine<T> {
  if (typeof ms !== "number" || Number.isNaN(ms)) throw new TypeError(`sleep: delay must be a number of ms, got ${String(ms)}`);
  return new SleepFrame<T>(ms, value as T);
}
