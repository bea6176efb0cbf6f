/**
 * `EventLoop`: runs callbacks in strict FIFO order, one round at a time (`#runOnce`, asyncio's
 * `_run_once`, the only place callbacks are called), and hands control back to the host only when
 * it must wait for a host event: a real timer or a native promise.
 */
import type { Awaitable } from "./await-once.js";
import { createClock } from "./clock.js";
import type { Clock, ClockKind } from "./clock.js";
import { RuntimeError } from "./errors.js";
import { Future } from "./future.js";
import { Handle, TimerHandle } from "./handle.js";
import { HostWaits } from "./host-waits.js";
import type { HostSettled, HostWait } from "./host-waits.js";
import { currentLoop, getRunningLoop, setDefaultLoopFactory, swapRunningLoop } from "./running.js";
import { Task, ensureFuture } from "./task.js";
import type { TaskOptions } from "./task.js";
import { TimerHeap } from "./timers.js";

/** Options of `new EventLoop()`. */
export interface EventLoopOptions {
  /** `"real"` (default) waits for real time; `"virtual"` jumps to the next timer when idle. */
  clock?: ClockKind;
  /** Debug mode (see `getDebug`). */
  debug?: boolean;
  /** Receives errors nobody else could handle; default: `defaultExceptionHandler`. */
  exceptionHandler?: ExceptionHandler;
}

/** What the exception handler is told. */
export interface ExceptionContext {
  message: string;
  exception?: unknown;
  handle?: Handle;
  future?: Future<unknown>;
  task?: Task<unknown>;
}

/** A loop's exception handler (asyncio's `set_exception_handler`). */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

/** An active run: `syncName` is the `…Sync` method's name, or undefined for a Promise-returning run. */
interface Session {
  readonly syncName: string | undefined;
  readonly onStop: () => void;
}

/** A real timer this close (ms) counts as due, as asyncio's clock resolution. */
const CLOCK_RESOLUTION = 1;
/** `#runRounds` result: the loop was stopped. */
const STOPPED = -1;

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
  readonly #clock: Clock;
  /** Callbacks ready to run, in the order they became ready. */
  #ready: Handle[] = [];
  readonly #timers = new TimerHeap();
  /** Increases with each timer: equal `when`s run in scheduling order. */
  #timerSeq = 0;
  readonly #hostWaits = new HostWaits((fn: HostSettled, mode, value) => void this.callSoon(fn, mode, value));
  /** Tasks of this loop that are not done. */
  readonly #tasks = new Set<Task<unknown>>();
  /** The active run, if any: `isRunning()`. */
  #session: Session | undefined;
  /** `stop()` was called; consumed by the round loop. */
  #stopping = false;
  #closed = false;
  /** Inside `#pump`: this loop is `getRunningLoop()` and must not be pumped again. */
  #pumping = false;
  /** A host event woke the loop: a pump is queued as a microtask. */
  #wakeQueued = false;
  /** While waiting for the host: the host timer that wakes the loop for its next timer. */
  #hostTimer: ReturnType<typeof setTimeout> | undefined;
  #debug: boolean;
  #exceptionHandler: ExceptionHandler | undefined;

  constructor(options: EventLoopOptions = {}) {
    this.#clock = createClock(options.clock ?? "real");
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
    return this.#clock.now();
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
    this.#ready.push(handle);
    this.#requestWake();
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
    const handle = new TimerHandle(when, this.#timerSeq++, fn, args, this, () => this.#timers.noteCancelled());
    this.#timers.push(handle);
    this.#requestWake();
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
    this.#stopping = true;
    this.#requestWake();
  }

  /**
   * Closes the loop: pending callbacks and timers are dropped; it cannot run again.
   *
   * @example
   * ```ts
   * loop.close(); loop.isClosed(); // true
   * ```
   */
  close(): void {
    if (this.#session !== undefined) throw new RuntimeError("Cannot close a running event loop: stop() it first");
    if (this.#closed) return;
    this.#closed = true;
    this.#ready = [];
    this.#timers.clear();
    this.#hostWaits.clear();
    this.#clearHostTimer();
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
    return this.#session !== undefined;
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
    const handler = this.#exceptionHandler;
    if (handler === undefined) return this.defaultExceptionHandler(context);
    try {
      handler(this, context);
    } catch (exception) {
      this.defaultExceptionHandler({ message: "Unhandled error in the exception handler", exception });
      this.defaultExceptionHandler(context);
    }
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
    console.error(context.message, ...("exception" in context ? [context.exception] : []));
  }

  /** @internal Tasks of this loop that are not done. */
  _allTasks(): Task<unknown>[] {
    return [...this.#tasks];
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
  _awaitHost(thenable: object, then: Function, onSettled: HostSettled, label: string): HostWait {
    return this.#hostWaits.begin(thenable, then, onSettled, label);
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
    if (this.#session !== undefined) throw new RuntimeError("This event loop is already running: await the coroutine instead");
    this.#session = { syncName, onStop };
    this.#pump();
  }

  /** Runs rounds until the run stops (then ends it) or must wait for the host (then arranges a wake-up). */
  #pump(): void {
    const session = this.#session;
    if (session === undefined || this.#pumping) return;
    this.#clearHostTimer();
    const previous = swapRunningLoop(this);
    this.#pumping = true;
    let wait: number;
    try {
      wait = this.#runRounds(session.syncName !== undefined);
    } finally {
      this.#pumping = false;
      swapRunningLoop(previous);
    }
    if (wait === STOPPED || session.syncName !== undefined) {
      this.#session = undefined;
      if (wait !== STOPPED) throw this.#waitError(session.syncName!);
      session.onStop();
    } else if (wait !== Infinity && this.#clock.kind === "real") {
      this.#hostTimer = setTimeout(this.#wake, wait);
    }
    // Otherwise a host event wakes the loop: its callback's callSoon calls #requestWake.
  }

  /** Calls `#runOnce` while something is ready (jumping time when allowed); STOPPED or ms to wait. */
  #runRounds(sync: boolean): number {
    for (;;) {
      let timeout = this.#timeout();
      if (timeout > 0 && timeout !== Infinity && (sync || (this.#clock.kind === "virtual" && this.#hostWaits.size === 0))) {
        this.#clock.advanceTo(this.#timers.peek()!.when());
        timeout = 0;
      }
      if (timeout > 0) return timeout;
      this.#runOnce();
      if (this.#stopping) {
        this.#stopping = false;
        return STOPPED;
      }
    }
  }

  /** 0 if a callback is ready (or stop was asked), else ms until the next timer, else Infinity. */
  #timeout(): number {
    if (this.#ready.length > 0 || this.#stopping) return 0;
    this.#timers.dropCancelledTop();
    const next = this.#timers.peek();
    if (next === undefined) return Infinity;
    const wait = next.when() - this.#clock.now();
    return wait <= (this.#clock.kind === "real" ? CLOCK_RESOLUTION : 0) ? 0 : wait;
  }

  /** One round: due timers join the ready queue, then exactly the callbacks ready now run, FIFO. */
  #runOnce(): void {
    const timers = this.#timers;
    timers.dropCancelledTop();
    const end = this.#clock.now() + (this.#clock.kind === "real" ? CLOCK_RESOLUTION : 0);
    for (let t = timers.peek(); t !== undefined && t.when() <= end; t = timers.peek()) {
      timers.pop();
      if (!t.cancelled()) this.#ready.push(t);
    }
    // Callbacks scheduled by this batch go to a fresh queue and wait for the next round.
    const batch = this.#ready;
    this.#ready = [];
    for (const handle of batch) handle._run();
  }

  readonly #wake = (): void => {
    this.#wakeQueued = false;
    this.#hostTimer = undefined;
    this.#pump();
  };

  /** New work arrived while a Promise-returning run waits for the host: pump soon. */
  #requestWake(): void {
    const session = this.#session;
    if (session === undefined || session.syncName !== undefined || this.#pumping || this.#wakeQueued) return;
    this.#wakeQueued = true;
    queueMicrotask(this.#wake);
  }

  #clearHostTimer(): void {
    if (this.#hostTimer !== undefined) clearTimeout(this.#hostTimer);
    this.#hostTimer = undefined;
  }

  #waitError(syncName: string): RuntimeError {
    if (this.#hostWaits.size > 0) {
      return new RuntimeError(
        `${syncName} cannot finish without waiting for the host: ${this.#hostWaits.labels().join(", ")} ` +
          "awaits a native promise (or other thenable). Use the Promise-returning variant instead (run, runUntilComplete, runForever).",
      );
    }
    return new RuntimeError(
      `${syncName} cannot finish: nothing is ready, no timer is pending and no host event is awaited, ` +
        "so every task waits for something no one will do (a deadlock).",
    );
  }

  #assertOpen(): void {
    if (this.#closed) throw new RuntimeError("Event loop is closed: create a new EventLoop");
  }

  #assertCanRun(): void {
    this.#assertOpen();
    if (this.#session !== undefined) throw new RuntimeError("This event loop is already running: await the coroutine instead");
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
