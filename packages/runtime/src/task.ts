/** `Task<T>`: a Future that drives a coroutine on a loop, one step per wake-up (asyncio's Task). */
import { AwaitFrame, Coroutine, DONE, setCoroutineThen } from "./coroutine.js";
import { awaitOnce } from "./await-once.js";
import type { Awaitable } from "./await-once.js";
import { CancelledError, InvalidStateError, RuntimeError } from "./errors.js";
import { Future } from "./future.js";
import type { HostWait } from "./host-waits.js";
import type { EventLoop } from "./loop.js";
import { option } from "./options.js";
import { CLOSED, CREATED, NEXT, THROW } from "./protocol.js";
import { currentLoop, currentTask, swapCurrentTask } from "./running.js";

/** Options of `new Task()` / `loop.createTask()`. */
export interface TaskOptions {
  /** Shown in errors and `getName()`; default `Task-<n>`. */
  name?: string;
  /** Default: the running loop, else the default loop. */
  loop?: EventLoop;
}

let taskCounter = 0;


/**
 * Runs a coroutine (or any awaitable) on a loop and holds its outcome. Each step resumes the
 * coroutine and classifies what it yielded: `undefined` → step again soon; a Future → step when it
 * is done; another thenable → step when it settles; anything else → a TypeError thrown back in.
 *
 * @example
 * ```ts
 * async function child() { await sleep(10); return 1; }
 * async function main() {
 *   const task = loop.createTask(child(), { name: "child" });
 *   return await task; // 1
 * }
 * ```
 */
export class Task<T = unknown> extends Future<T> {
  /** The root of the driven chain; resumed only by `#step`. */
  readonly #coro: Coroutine<T>;
  readonly #id = ++taskCounter;
  /** The task that created it (or the one running its TaskGroup) while both are pending: `loop.formatTasks()` nests it there. */
  #parent: Task<unknown> | undefined;
  /** How the next step resumes the coroutine (overridden by a pending cancellation). */
  #mode = NEXT;
  #value: unknown = undefined;
  /** A cancellation was requested: the next step throws CancelledError in. */
  #mustCancel = false;
  #cancelMessage: string | undefined;
  #cancelRequests = 0;
  /** `cancel()` was called at least once (the signal aborts then, and stays aborted). */
  #everCancelled = false;
  /** Made by the first read of `signal`. */
  #abortController: AbortController | undefined;
  /** The Future this task sleeps on, or null. Set only between steps. */
  #futWaiter: Future<unknown> | null = null;
  /** The host thenable this task sleeps on, or null. Set only between steps. */
  #hostWait: HostWait | null = null;
  /** The one callback a task owns: a ready-queue step and a Future's done callback alike. */
  readonly #stepFn = (): void => this.#step();
  /** Made by the first host wait (most tasks never wait for a native promise). */
  #settledFn: ((mode: number, value: unknown) => void) | undefined;
  #labelFn: (() => string) | undefined;

  /**
   * Schedules the first step of `coro` on the loop (prefer `loop.createTask`).
   *
   * @example
   * ```ts
   * const task = new Task(main(), { loop, name: "main" });
   * ```
   */
  constructor(coro: Awaitable<T>, options: TaskOptions = {}) {
    super({ loop: option(options, "loop"), name: option(options, "name") });
    this.#coro = awaitOnce(coro);
    // Native `then` on the coroutine finds its Task in `$r` (SPEC §1.2): no side table per task.
    if (this.#coro === coro) this.#coro.$r = this;
    const loop = this.getLoop();
    const creator = currentTask();
    if (creator !== undefined && creator.getLoop() === loop) this.#parent = creator;
    loop._registerTask(this);
    loop.callSoon(this.#stepFn);
  }

  /**
   * The coroutine this task drives (a wrapper Coroutine if it was given another awaitable).
   *
   * @example
   * ```ts
   * const co = main();
   * loop.createTask(co).getCoro() === co; // true
   * ```
   */
  getCoro(): Coroutine<T> {
    return this.#coro;
  }

  /** @internal `Task-<n>`, numbered in creation order. */
  protected override _defaultName(): string {
    return `Task-${this.#id}`;
  }

  /** @internal The pending task that created this one (or runs its TaskGroup), if any. */
  _parent(): Task<unknown> | undefined {
    const parent = this.#parent;
    return parent !== undefined && !parent.done() ? parent : undefined;
  }

  /** @internal A TaskGroup's children belong to the task running the group, whoever created them. */
  _adoptBy(parent: Task<unknown>): void {
    this.#parent = parent;
  }

  /**
   * The chain of coroutines the task is suspended in, outermost first (each has `location()`).
   *
   * @example
   * ```ts
   * task.getStack().map((co) => co.name); // ["main", "fetchAll", "fetchOne"]
   * ```
   */
  override getStack(): Coroutine[] {
    const frames: Coroutine[] = [];
    let frame: Coroutine | undefined = this.#coro;
    while (frame !== undefined && frame.$st !== CLOSED && !(frame instanceof AwaitFrame)) {
      frames.push(frame);
      const aw: unknown = frame.$aw;
      frame = aw instanceof Coroutine && aw.$p === frame ? aw : undefined;
    }
    return frames;
  }

  /**
   * Requests cancellation: a `CancelledError(message)` is thrown in at the innermost await on the
   * next step (the Future it waits on is cancelled). Returns false if the task is done.
   *
   * @example
   * ```ts
   * task.cancel("shutting down");
   * ```
   */
  override cancel(message?: string): boolean {
    if (this.done()) return false;
    this.#cancelRequests++;
    if (!this.#everCancelled) {
      this.#everCancelled = true;
      this.#abortController?.abort(new CancelledError(message ?? ""));
    }
    if (this.#futWaiter !== null && this.#futWaiter.cancel(message)) return true;
    this.#mustCancel = true;
    this.#cancelMessage = message;
    if (this.#hostWait !== null) {
      // A host promise cannot be cancelled: stop listening, and step now to deliver the error.
      this.#hostWait.cancel();
      this.#hostWait = null;
      this.getLoop().callSoon(this.#stepFn);
    }
    return true;
  }

  /**
   * An AbortSignal that aborts (reason: a `CancelledError`) when the task is first asked to
   * cancel, or ends cancelled. Hand it to `fetch` and other host APIs.
   *
   * @example
   * ```js
   * async function download(url) {
   *   const res = await fetch(url, { signal: currentTask().signal });
   *   return await res.text();
   * }
   * ```
   */
  get signal(): AbortSignal {
    if (this.#abortController === undefined) {
      this.#abortController = new AbortController();
      if (this.#everCancelled || this.cancelled()) this.#abortController.abort(new CancelledError(this.#cancelMessage ?? ""));
    }
    return this.#abortController.signal;
  }

  /**
   * @internal The loop is closing and this task cannot finish: closes its coroutine (its
   * `finally` blocks run; errors go to the exception handler) and ends it cancelled.
   */
  _abandon(): void {
    if (this.done()) return;
    this.#hostWait?.cancel();
    this.#hostWait = null;
    const loop = this.getLoop();
    const previous = swapCurrentTask(this);
    try {
      this.#coro.close();
    } catch (exception) {
      loop.callExceptionHandler({ message: `Task '${this.getName()}' could not be closed while the loop closed`, exception, task: this });
    } finally {
      swapCurrentTask(previous);
    }
    loop._unregisterTask(this);
    this.#parent = undefined;
    this.#endCancelled(new CancelledError(this.#cancelMessage ?? "the event loop closed"));
  }

  #endCancelled(error: CancelledError): void {
    super._cancelWith(error);
    this.#abortController?.abort(error);
  }

  /**
   * How many cancellation requests are pending (asyncio's `cancelling()`).
   *
   * @example
   * ```ts
   * task.cancel(); task.cancelling(); // 1
   * ```
   */
  cancelling(): number {
    return this.#cancelRequests;
  }

  /**
   * Withdraws one cancellation request; returns how many remain.
   *
   * @example
   * ```ts
   * task.cancel(); task.uncancel(); // 0
   * ```
   */
  uncancel(): number {
    if (this.#cancelRequests > 0) {
      this.#cancelRequests--;
      if (this.#cancelRequests === 0) this.#mustCancel = false;
    }
    return this.#cancelRequests;
  }

  /** A Task's outcome comes from its coroutine: use `cancel()` instead. */
  override setResult(_value: T): void {
    throw new RuntimeError("Task does not support setResult: its coroutine's return value is its result");
  }

  /** A Task's outcome comes from its coroutine: use `cancel()` instead. */
  override setException(_exception: unknown): void {
    throw new RuntimeError("Task does not support setException: throw from its coroutine instead");
  }

  override get [Symbol.toStringTag](): string {
    return "Task";
  }

  /** Resumes the coroutine once, then finishes the task or parks it on what the coroutine yielded. */
  #step(): void {
    if (this.done()) throw new InvalidStateError(`step: task '${this.getName()}' is already done`);
    let mode = this.#mode;
    let value = this.#value;
    this.#mode = NEXT;
    this.#value = undefined;
    if (this.#mustCancel) {
      this.#mustCancel = false;
      mode = THROW;
      value = new CancelledError(this.#cancelMessage ?? "");
    }
    this.#futWaiter = null;
    const coro = this.#coro;
    const previous = swapCurrentTask(this);
    let yielded: unknown;
    try {
      // Throwing into a coroutine that never started closes it without running its body.
      yielded = mode === THROW && coro.$st === CREATED ? coro.throw(value) : coro.$resume(mode, value);
    } catch (error) {
      this.getLoop()._unregisterTask(this);
      this.#parent = undefined;
      if (error instanceof CancelledError) this.#endCancelled(error);
      else super.setException(error);
      return;
    } finally {
      swapCurrentTask(previous);
    }
    if (yielded === DONE) {
      this.getLoop()._unregisterTask(this);
      this.#parent = undefined;
      if (this.#mustCancel) {
        // Cancelled after the coroutine's last await: the task still ends cancelled.
        this.#mustCancel = false;
        this.#endCancelled(new CancelledError(this.#cancelMessage ?? ""));
      } else {
        const result = coro.$r as T;
        coro.$r = this;
        super.setResult(result);
      }
      return;
    }
    this.#park(yielded);
  }

  /** Arranges the next step according to what the coroutine yielded to its driver. */
  #park(yielded: unknown): void {
    const loop = this.getLoop();
    if (yielded === undefined) {
      loop.callSoon(this.#stepFn);
      return;
    }
    if (yielded instanceof Future) {
      if (yielded === this) {
        this.#throwIn(new RuntimeError(`Task cannot await on itself: '${this.getName()}'`));
        return;
      }
      this.#futWaiter = yielded;
      yielded.addDoneCallback(this.#stepFn);
      if (this.#mustCancel && yielded.cancel(this.#cancelMessage)) this.#mustCancel = false;
      return;
    }
    let then: unknown;
    try {
      then = isObject(yielded) ? (yielded as { then?: unknown }).then : undefined;
    } catch (error) {
      this.#throwIn(error);
      return;
    }
    if (typeof then === "function") {
      this.#settledFn ??= (mode: number, value: unknown): void => {
        this.#hostWait = null;
        this.#mode = mode;
        this.#value = value;
        this.#step();
      };
      this.#labelFn ??= () => `task '${this.getName()}'`;
      this.#hostWait = loop._awaitHost(yielded as object, then, this.#settledFn, this.#labelFn);
      if (this.#mustCancel) {
        this.#hostWait.cancel();
        this.#hostWait = null;
        loop.callSoon(this.#stepFn);
      }
      return;
    }
    this.#throwIn(
      new TypeError(
        `Task got bad yield: ${describe(yielded)}. A coroutine may yield to its Task only ` +
          "undefined (reschedule me), a Future, or a thenable; await other values instead",
      ),
    );
  }

  #throwIn(error: unknown): void {
    this.#mode = THROW;
    this.#value = error;
    this.getLoop().callSoon(this.#stepFn);
  }
}

function isObject(x: unknown): x is object {
  return x !== null && (typeof x === "object" || typeof x === "function");
}

function describe(x: unknown): string {
  if (typeof x === "string") return JSON.stringify(x);
  if (typeof x === "symbol" || typeof x === "bigint") return x.toString() + (typeof x === "bigint" ? "n" : "");
  if (!isObject(x)) return String(x);
  return Object.prototype.toString.call(x);
}

setCoroutineThen((co) => (co.$r instanceof Task ? co.$r : new Task(co, { loop: currentLoop() })).then());

/**
 * `aw` as a Future: a Future as it is, anything else wrapped in a new Task on `loop`.
 *
 * @example
 * ```ts
 * const fut = ensureFuture(main(), loop); // a Task
 * ensureFuture(fut) === fut;              // true
 * ```
 */
export function ensureFuture<T>(aw: Awaitable<T> | Future<T>, loop?: EventLoop): Future<T> {
  if (aw instanceof Future) return aw;
  return new Task(aw, { loop });
}
