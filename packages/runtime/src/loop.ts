/**
 * `EventLoop`, the public face of a loop: scheduling, runs, tasks, the exception handler. Its
 * `Scheduler` runs callbacks in strict FIFO order, one round at a time, and hands control back to
 * the host only when it must wait for a host event: a real timer or a native promise.
 */
import type { Awaitable } from "./await-once.js";
import { createClock } from "./clock.js";
import type { ClockKind } from "./clock.js";
import { RuntimeError } from "./errors.js";
import { Future } from "./future.js";
import { printException, reportException } from "./exception-handler.js";
import type { ExceptionContext, ExceptionHandler } from "./exception-handler.js";
import { Handle, TimerHandle } from "./handle.js";
import type { HostSettled, HostWait } from "./host-waits.js";
import { currentLoop, getRunningLoop, setDefaultLoopFactory } from "./running.js";
import { Scheduler } from "./scheduler.js";
import { Task, ensureFuture } from "./task.js";
import type { TaskOptions } from "./task.js";

/** Options of `new EventLoop()`. */
export interface EventLoopOptions {
  /** `"real"` (default) waits for real time; `"virtual"` jumps to the next timer when idle. */
  clock?: ClockKind;
  /** Debug mode (see `getDebug`). */
  debug?: boolean;
  /** Receives errors nobody else could handle; default: `defaultExceptionHandler`. */
  exceptionHandler?: ExceptionHandler;
}

/**
 * An asyncio-style event loop. Promise-returning run methods run synchronously as far as they can;
 * their `…Sync` twins return directly and throw if they would have to wait for the host.
 *
 * @example
 * ```ts
 * const loop = new EventLoop({ clock: "virtual" });
 * loop.callLater(20, () => console.log("later"));
 * loop.callSoon(() => console.log("soon"));
 * loop.runUntilCompleteSync(sleep(30)); // soon, later; loop.time() === 30
 * loop.close();
 * ```
 */
export class EventLoop {
  /** Ready queue, timers and the run loop. */
  readonly #scheduler: Scheduler;
  /** Tasks of this loop that are not done. */
  readonly #tasks = new Set<Task<unknown>>();
  /** Failed Futures and Tasks whose exception nobody retrieved yet, in the order they failed. */
  readonly #unretrieved = new Set<Future<unknown>>();
  #closed = false;
  #debug: boolean;
  #exceptionHandler: ExceptionHandler | undefined;

  /**
   * A new, idle loop.
   *
   * @example
   * ```ts
   * const loop = new EventLoop({ clock: "virtual", debug: true });
   * ```
   */
  /** Shared by every timer of this loop (one closure per loop, not per timer). */
  readonly #noteTimerCancelled = (): void => this.#scheduler.noteTimerCancelled();

  constructor(options: EventLoopOptions = {}) {
    this.#scheduler = new Scheduler(this, createClock(options.clock ?? "real"));
    this.#debug = options.debug ?? false;
    this.#exceptionHandler = options.exceptionHandler;
  }

  /**
   * Loop time in ms: real (monotonic) or virtual (starts at 0).
   *
   * @example
   * ```ts
   * new EventLoop({ clock: "virtual" }).time(); // 0
   * ```
   */
  time(): number {
    return this.#scheduler.clock.now();
  }

  /**
   * Schedules `fn(...args)` after the callbacks already ready (FIFO).
   *
   * @example
   * ```ts
   * loop.callSoon(console.log, "hi");
   * ```
   */
  callSoon<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Handle {
    this.#assertOpen();
    const handle = new Handle(fn, args, this);
    this.#scheduler.addReady(handle);
    return handle;
  }

  /**
   * Schedules `fn(...args)` in `ms` milliseconds of loop time.
   *
   * @example
   * ```ts
   * loop.callLater(100, console.log, "100 ms later");
   * ```
   */
  callLater<A extends unknown[]>(ms: number, fn: (...args: A) => unknown, ...args: A): TimerHandle {
    if (typeof ms !== "number" || Number.isNaN(ms)) throw new TypeError(`callLater: delay must be a number of ms, got ${String(ms)}`);
    return this.callAt(this.time() + ms, fn, ...args);
  }

  /**
   * Schedules `fn(...args)` at loop time `when` (ms); equal times run in scheduling order.
   *
   * @example
   * ```ts
   * loop.callAt(loop.time() + 50, console.log, "at +50 ms");
   * ```
   */
  callAt<A extends unknown[]>(when: number, fn: (...args: A) => unknown, ...args: A): TimerHandle {
    if (typeof when !== "number" || Number.isNaN(when)) throw new TypeError(`callAt: time must be a number of ms, got ${String(when)}`);
    this.#assertOpen();
    const scheduler = this.#scheduler;
    const handle = new TimerHandle(when, scheduler.nextTimerSeq(), fn, args, this, this.#noteTimerCancelled);
    scheduler.addTimer(handle);
    return handle;
  }

  /**
   * A new pending Future of this loop.
   *
   * @example
   * ```ts
   * const fut = loop.createFuture<string>();
   * ```
   */
  createFuture<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  /**
   * Schedules `coro` (or any awaitable) as a Task of this loop.
   *
   * @example
   * ```ts
   * const task = loop.createTask(worker(), { name: "worker" });
   * ```
   */
  createTask<T>(coro: Awaitable<T>, options: Omit<TaskOptions, "loop"> = {}): Task<T> {
    this.#assertOpen();
    return new Task(coro, { ...options, loop: this });
  }

  /**
   * Runs `aw` (as a Task unless it is a Future) until it is done; a Promise of its result. Runs
   * synchronously as far as it can: control returns to the host only to wait for a host event.
   *
   * @example
   * ```ts
   * const value = await new EventLoop().runUntilComplete(main());
   * ```
   */
  runUntilComplete<T>(aw: Awaitable<T> | Future<T>): Promise<T> {
    this.#assertCanRun();
    const fut = this.#futureToRun(aw);
    return new Promise<T>((resolve, reject) => {
      this._runUntilDone(fut, undefined, () => {
        try {
          resolve(outcome(fut));
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  /**
   * Runs `aw` until it is done and returns its result, jumping time to the next timer when idle
   * (virtual-clock semantics); throws if it would have to wait for the host (a native promise).
   *
   * @example
   * ```ts
   * new EventLoop({ clock: "virtual" }).runUntilCompleteSync(sleep(1000, "done")); // "done", instantly
   * ```
   */
  runUntilCompleteSync<T>(aw: Awaitable<T> | Future<T>): T {
    this.#assertCanRun();
    const fut = this.#futureToRun(aw);
    this._runUntilDone(fut, "runUntilCompleteSync", () => {});
    return outcome(fut);
  }

  /**
   * Runs until `stop()`; resolves then.
   *
   * @example
   * ```ts
   * loop.callLater(10, () => loop.stop());
   * await loop.runForever();
   * ```
   */
  runForever(): Promise<void> {
    this.#assertCanRun();
    return new Promise<void>((resolve) => this._run(undefined, resolve));
  }

  /**
   * Runs until `stop()`, with virtual-clock semantics; throws if it would have to wait for the host.
   *
   * @example
   * ```ts
   * loop.callLater(10, () => loop.stop());
   * loop.runForeverSync();
   * ```
   */
  runForeverSync(): void {
    this.#assertCanRun();
    this._run("runForeverSync", () => {});
  }

  /**
   * Asks the running loop to stop after the current round of callbacks.
   *
   * @example
   * ```ts
   * loop.callSoon(() => loop.stop());
   * ```
   */
  stop(): void {
    this.#scheduler.stop();
  }

  /**
   * Closes the loop, as `run` does at the end: the pending tasks are cancelled and the loop runs
   * (with virtual-clock semantics) until they finish; a task that cannot finish without the host
   * (it awaits a native promise while cancelled) has its coroutine closed (its `finally` blocks run)
   * and ends cancelled. Then every failed Task or Future whose exception nobody retrieved
   * (`result()`, `exception()`, or an `await`) is reported to the exception handler, in the order
   * they failed. Pending callbacks and timers are dropped; the loop cannot run again.
   *
   * @example
   * ```ts
   * loop.close(); loop.isClosed(); // true
   * ```
   */
  close(): void {
    if (this.#scheduler.running) throw new RuntimeError("Cannot close a running event loop: stop() it first");
    if (this.#closed) return;
    this.#finishTasks();
    this.#reportUnretrieved();
    this.#closed = true;
    this.#scheduler.clear();
  }

  /** Cancels the pending tasks and runs until they are done; abandons those that cannot finish. */
  #finishTasks(): void {
    const tasks = [...this.#tasks];
    if (tasks.length === 0) return;
    for (const task of tasks) task.cancel();
    const all = this.createFuture<void>();
    let left = tasks.length;
    for (const task of tasks) {
      task.addDoneCallback(() => {
        if (--left === 0) all.setResult();
      });
    }
    try {
      this._runUntilDone(all, "close", () => {});
    } catch {
      // Some task awaits the host (or waits forever): finish it without the loop.
    }
    for (const task of [...this.#tasks]) task._abandon();
  }

  #reportUnretrieved(): void {
    for (const fut of [...this.#unretrieved]) {
      if (!this.#unretrieved.has(fut)) continue;
      const kind = fut instanceof Task ? "Task" : "Future";
      const name = fut instanceof Task ? ` '${fut.getName()}'` : "";
      this.callExceptionHandler({
        message: `${kind}${name} exception was never retrieved`,
        exception: fut.exception(),
        future: fut,
        ...(fut instanceof Task ? { task: fut } : {}),
      });
    }
    this.#unretrieved.clear();
  }

  /**
   * Whether a run (`runUntilComplete`, `runForever`, …) is in progress.
   *
   * @example
   * ```ts
   * loop.isRunning(); // false
   * ```
   */
  isRunning(): boolean {
    return this.#scheduler.running;
  }

  /**
   * Whether `close()` was called.
   *
   * @example
   * ```ts
   * loop.isClosed(); // false
   * ```
   */
  isClosed(): boolean {
    return this.#closed;
  }

  /**
   * Whether debug mode is on.
   *
   * @example
   * ```ts
   * new EventLoop({ debug: true }).getDebug(); // true
   * ```
   */
  getDebug(): boolean {
    return this.#debug;
  }

  /**
   * Turns debug mode on or off.
   *
   * @example
   * ```ts
   * loop.setDebug(true);
   * ```
   */
  setDebug(enabled: boolean): void {
    this.#debug = enabled;
  }

  /**
   * Replaces the exception handler (undefined: the default one).
   *
   * @example
   * ```ts
   * loop.setExceptionHandler((loop, ctx) => errors.push(ctx.exception));
   * ```
   */
  setExceptionHandler(handler: ExceptionHandler | undefined): void {
    this.#exceptionHandler = handler;
  }

  /**
   * The custom exception handler, if any.
   *
   * @example
   * ```ts
   * loop.getExceptionHandler(); // undefined
   * ```
   */
  getExceptionHandler(): ExceptionHandler | undefined {
    return this.#exceptionHandler;
  }

  /**
   * Reports an error nobody else could handle (a callback threw, …) to the exception handler.
   *
   * @example
   * ```ts
   * loop.callExceptionHandler({ message: "lost error", exception: err });
   * ```
   */
  callExceptionHandler(context: ExceptionContext): void {
    reportException(this, this.#exceptionHandler, context);
  }

  /**
   * Prints the context to `console.error`.
   *
   * @example
   * ```ts
   * loop.defaultExceptionHandler({ message: "oops" });
   * ```
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    printException(context);
  }

  /** @internal Tasks of this loop that are not done. */
  _allTasks(): Task<unknown>[] {
    return [...this.#tasks];
  }

  /** @internal A Future failed (`failed`) or its exception was retrieved (`!failed`). */
  _noteUnretrieved(fut: Future<unknown>, failed: boolean): void {
    if (failed) this.#unretrieved.add(fut);
    else this.#unretrieved.delete(fut);
  }

  /** @internal */
  _registerTask(task: Task<unknown>): void {
    this.#tasks.add(task);
  }

  /** @internal */
  _unregisterTask(task: Task<unknown>): void {
    this.#tasks.delete(task);
  }

  /** @internal Waits for a host thenable; `onSettled` runs as a loop callback. */
  _awaitHost(thenable: object, then: Function, onSettled: HostSettled, label: string | (() => string)): HostWait {
    return this.#scheduler.awaitHost(thenable, then, onSettled, label);
  }

  /** @internal Runs until `fut` is done, then calls `onDone` (synchronously if it can). */
  _runUntilDone(fut: Future<unknown>, syncName: string | undefined, onDone: () => void): void {
    const stop = (): void => this.stop();
    fut.addDoneCallback(stop);
    try {
      this._run(syncName, () => {
        fut.removeDoneCallback(stop);
        onDone();
      });
    } catch (error) {
      fut.removeDoneCallback(stop);
      throw error;
    }
  }

  /** @internal Starts a run; `syncName` set: runs to the end now, or throws why it cannot. */
  _run(syncName: string | undefined, onStop: () => void): void {
    this.#assertOpen();
    this.#scheduler.start(syncName, onStop);
  }

  #assertOpen(): void {
    if (this.#closed) throw new RuntimeError("Event loop is closed: create a new EventLoop");
  }

  #assertCanRun(): void {
    this.#assertOpen();
    if (this.#scheduler.running) throw new RuntimeError("This event loop is already running: await the coroutine instead");
    if (getRunningLoop() !== undefined) throw new RuntimeError("Cannot run an event loop while another loop is running: await the coroutine instead");
  }

  #futureToRun<T>(aw: Awaitable<T> | Future<T>): Future<T> {
    const fut = ensureFuture(aw, this);
    if (fut.getLoop() !== this) throw new RuntimeError("The Future belongs to another loop: run it on its own loop");
    return fut;
  }
}

function outcome<T>(fut: Future<T>): T {
  if (!fut.done()) throw new RuntimeError("Event loop stopped before the Future completed");
  return fut.result();
}

/**
 * The pending tasks of `loop` (default: the running loop, else the default loop).
 *
 * @example
 * ```ts
 * async function main() { console.log(allTasks().length); }
 * ```
 */
export function allTasks(loop: EventLoop = currentLoop()): Task<unknown>[] {
  return loop._allTasks();
}

setDefaultLoopFactory(() => {
  const loop = new EventLoop();
  loop._run(undefined, () => {});
  return loop;
});
