/**
 * `EventLoop`, the public face of a loop: scheduling, runs, tasks, closing (its base class,
 * `LoopDiagnostics`, holds the exception handler and debug mode). Its
 * `Scheduler` runs callbacks in strict FIFO order, one round at a time, and hands control back to
 * the host only when it must wait for a host event: a real timer or a native promise.
 */
import type { Awaitable } from "./await-once.js";
import { createClock } from "./clock.js";
import type { ClockKind } from "./clock.js";
import { RuntimeError } from "./errors.js";
import { Future } from "./future.js";
import type { FutureOptions } from "./future.js";
import { LoopDiagnostics } from "./loop-diagnostics.js";
import type { DiagnosticOptions } from "./loop-diagnostics.js";
import { option } from "./options.js";
import { Handle, TimerHandle } from "./handle.js";
import type { HostSettled, HostWait } from "./host-waits.js";
import { currentLoop, getRunningLoop, setDefaultLoopFactory } from "./running.js";
import { Scheduler } from "./scheduler.js";
import { Task, ensureFuture } from "./task.js";
import type { AsyncGeneratorCoroutine } from "./async-generator.js";
import { AsyncGens } from "./async-gens.js";
import { formatTaskTree } from "./format-tasks.js";
import { cancelAll, closeAsyncGens, finishNow } from "./shutdown.js";
import type { TaskOptions } from "./task.js";

/** Options of `new EventLoop()`. */
export interface EventLoopOptions extends DiagnosticOptions {
  /** `"real"` (default) waits for real time; `"virtual"` jumps to the next timer when idle. */
  clock?: ClockKind;
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
export class EventLoop extends LoopDiagnostics {
  /** Ready queue, timers and the run loop. */
  readonly #scheduler: Scheduler;
  /** Tasks of this loop that are not done. */
  readonly #tasks = new Set<Task<unknown>>();
  /** Async generators started on this loop: closed at `close()` if left suspended (undefined: not tracked). */
  #asyncGens: AsyncGens | undefined = new AsyncGens();
  #closed = false;

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
    super();
    this.#scheduler = new Scheduler(this, createClock(option(options, "clock") ?? "real"));
    this._configure(options);
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
   * A new pending Future of this loop, named `options.name` if given.
   *
   * @example
   * ```ts
   * const fut = loop.createFuture<string>({ name: "reply" });
   * ```
   */
  createFuture<T = unknown>(options: Omit<FutureOptions, "loop"> = {}): Future<T> {
    return new Future<T>({ loop: this, name: option(options, "name") });
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
    return new Task(coro, { name: option(options, "name"), loop: this });
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
   * and ends cancelled. Then the async generators that started on the loop and are suspended at a
   * `yield` are closed the same way (`aclose()`, their `finally` blocks run). Then, in debug mode,
   * the coroutines never awaited are reported, and every failed Task or Future whose exception
   * nobody retrieved (`result()`, `exception()`, or an `await`) is reported to the exception
   * handler, in the order they failed. Pending callbacks and timers are dropped; the loop cannot
   * run again.
   *
   * @example
   * ```ts
   * loop.close(); loop.isClosed(); // true
   * ```
   */
  close(): void {
    if (this.#scheduler.running) throw new RuntimeError("Cannot close a running event loop: stop() it first");
    if (this.#closed) return;
    finishNow(this, cancelAll(this));
    finishNow(this, this._closeAsyncGens());
    this._reportLeftovers();
    this.#closed = true;
    this.#scheduler.clear();
  }

  /** @internal Starts closing the async generators left suspended; a Future done when they are. */
  _closeAsyncGens(): Future<void> | undefined {
    return closeAsyncGens(this, this.#asyncGens?.takeSuspended() ?? []);
  }

  /**
   * Runs every callback and timer due within the next `ms` of loop time, in order, jumping the
   * clock from timer to timer, then sets the clock to `time() + ms`. For tests on a virtual clock:
   * tasks waiting on the host stay waiting; the loop is not running when it returns.
   *
   * @example
   * ```ts
   * const loop = new EventLoop({ clock: "virtual" });
   * loop.callLater(50, () => console.log("50"));
   * loop.advance(40);  // nothing; loop.time() === 40
   * loop.advance(10);  // 50
   * ```
   */
  advance(ms: number): void {
    if (typeof ms !== "number" || !(ms >= 0)) throw new TypeError(`advance: ms must be a number ≥ 0, got ${String(ms)}`);
    this.#assertCanRun();
    this.#scheduler.runUntil(this.time() + ms);
  }

  /**
   * The async stack dump: every pending task as a tree (a task under the task that awaits it,
   * else under the task that created it or runs its TaskGroup), each with what it awaits and its
   * suspended coroutines, innermost first, at their source locations.
   *
   * @example
   * ```ts
   * console.log(loop.formatTasks());
   * // Task 'main' awaiting Task 'fetch'
   * //   at main (app.js:9:3)
   * //   └── Task 'fetch' awaiting a Future
   * //         at sleep
   * //         at fetchOne (app.js:3:5)
   * ```
   */
  formatTasks(): string {
    return formatTaskTree(this._allTasks());
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


  /** @internal Tasks of this loop that are not done. */
  _allTasks(): Task<unknown>[] {
    return [...this.#tasks];
  }

  /** @internal An async generator began its first iteration on this loop. */
  _asyncGenStarted(gen: AsyncGeneratorCoroutine): void {
    if (!this.#closed && this.#asyncGens !== undefined) this.#asyncGens.add(gen);
  }

  /** @internal The default loop never closes: it does not keep its async generators for closing. */
  _forgetAsyncGens(): void {
    this.#asyncGens = undefined;
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

  /** @internal Debug mode's slow-callback threshold (ms), or undefined: callbacks are not timed. */
  protected override _timeCallbacks(ms: number | undefined): void {
    this.#scheduler.slowCallbackMs = ms;
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
  loop._forgetAsyncGens();
  loop._run(undefined, () => {});
  return loop;
});
