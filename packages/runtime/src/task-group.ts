/**
 * `TaskGroup`: structured concurrency (asyncio.TaskGroup). Children run inside a scope that
 * does not end before they do; the first failure cancels the others and the failures come out
 * together in an `AggregateError`.
 */
import type { Awaitable } from "./await-once.js";
import type { Coroutine } from "./coroutine.js";
import { CancelledError, RuntimeError } from "./errors.js";
import type { Future } from "./future.js";
import { generatorCoroutine } from "./generator-coroutine.js";
import type { EventLoop } from "./loop.js";
import { currentLoop, currentTask } from "./running.js";
import type { Task, TaskOptions } from "./task.js";

/**
 * A scope owning child tasks. Use `TaskGroup.run(async (tg) => { tg.createTask(…) })`: the body
 * runs in the current task, then the group waits for every child. If a child fails (or the body
 * throws), the other children and the body are cancelled, and once all are done the group throws
 * `AggregateError("unhandled errors in a TaskGroup", errors)`. If the task running the group is
 * cancelled, the children are cancelled too and the `CancelledError` propagates.
 *
 * @example
 * ```js
 * async function main() {
 *   let a, b;
 *   await TaskGroup.run(async (tg) => {
 *     a = tg.createTask(fetchA());
 *     b = tg.createTask(fetchB());
 *   });
 *   console.log(a.result(), b.result()); // both are done here
 * }
 * ```
 */
export class TaskGroup {
  /** "idle" → "entered" (body runs) → "exiting" (waiting for children) → "done". */
  #state: "idle" | "entered" | "exiting" | "done" = "idle";
  /** Children not yet done. */
  readonly #tasks = new Set<Task<unknown>>();
  /** Exceptions of failed children (and of the body), in the order they happened. */
  readonly #errors: unknown[] = [];
  /** A failure cancelled the children: no new children may start. */
  #aborting = false;
  /** We cancelled the parent task to interrupt its body: withdraw that request on exit. */
  #parentCancelRequested = false;
  #parent: Task<unknown> | undefined;
  #loop: EventLoop | undefined;
  /** While exiting: resolved when the last child finishes. */
  #allDone: Future<void> | undefined;

  /**
   * A coroutine that runs `body(tg)` with a new group in the current task, then waits for every
   * child; returns what `body` returned, or throws as described on the class.
   *
   * @example
   * ```js
   * await TaskGroup.run(async (tg) => {
   *   for (const url of urls) tg.createTask(download(url));
   * }); // every download finished here
   * ```
   */
  static run<T>(body: (tg: TaskGroup) => Awaitable<T> | T): Coroutine<T> {
    const tg = new TaskGroup();
    return generatorCoroutine("TaskGroup.run", () => tg._run(body));
  }

  /**
   * Starts `coro` as a child task of the group and returns the Task. Not after the group ended or
   * while it is aborting (the coroutine is closed then, and `RuntimeError` thrown).
   *
   * @example
   * ```js
   * const t = tg.createTask(worker(1), { name: "worker-1" });
   * ```
   */
  createTask<T>(coro: Awaitable<T>, options: Omit<TaskOptions, "loop"> = {}): Task<T> {
    if (this.#state === "idle") throw new RuntimeError("TaskGroup has not started: use TaskGroup.run(async (tg) => …)");
    if (this.#state === "done" || (this.#state === "exiting" && this.#tasks.size === 0)) {
      closeCoroutine(coro);
      throw new RuntimeError("TaskGroup is finished: create tasks inside its body or from its children");
    }
    if (this.#aborting) {
      closeCoroutine(coro);
      throw new RuntimeError("TaskGroup is shutting down after a failure: no new tasks");
    }
    const task = this.#loop!.createTask(coro, options);
    task._adoptBy(this.#parent!);
    this.#tasks.add(task as Task<unknown>);
    task.addDoneCallback((t) => this.#onTaskDone(t as Task<unknown>));
    return task;
  }

  /** @internal The body of `TaskGroup.run`. */
  *_run<T>(body: (tg: TaskGroup) => unknown): Generator<unknown, T, unknown> {
    const parent = currentTask();
    if (parent === undefined) throw new RuntimeError("TaskGroup.run must be awaited inside a Task (a coroutine run by the loop)");
    if (this.#state !== "idle") throw new RuntimeError("a TaskGroup runs once");
    this.#parent = parent;
    this.#loop = currentLoop();
    this.#state = "entered";
    let result: T | undefined;
    let failure: { error: unknown } | undefined;
    try {
      result = (yield body(this)) as T;
    } catch (error) {
      failure = { error };
    }
    yield* this.#exit(failure);
    return result as T;
  }

  /** Waits for the children; then throws the collected errors, or the cancellation. */
  *#exit(failure: { error: unknown } | undefined): Generator<unknown, void, unknown> {
    this.#state = "exiting";
    let propagateCancel = failure !== undefined && failure.error instanceof CancelledError ? failure.error : undefined;
    if (failure !== undefined && !this.#aborting) this.#abort();
    while (this.#tasks.size > 0) {
      this.#allDone = this.#loop!.createFuture<void>({ name: "TaskGroup" });
      try {
        yield this.#allDone;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        // The parent was cancelled while we wait: cancel the children, keep waiting for them.
        if (!this.#aborting) {
          propagateCancel = error;
          this.#abort();
        }
      }
      this.#allDone = undefined;
    }
    this.#state = "done";
    if (this.#parentCancelRequested && this.#parent!.uncancel() === 0) propagateCancel = undefined;
    if (failure !== undefined && !(failure.error instanceof CancelledError)) this.#errors.push(failure.error);
    if (this.#errors.length > 0) throw new AggregateError(this.#errors, "unhandled errors in a TaskGroup");
    if (propagateCancel !== undefined) throw propagateCancel;
  }

  #abort(): void {
    this.#aborting = true;
    for (const t of this.#tasks) if (!t.done()) t.cancel();
  }

  #onTaskDone(task: Task<unknown>): void {
    this.#tasks.delete(task);
    if (this.#allDone !== undefined && this.#tasks.size === 0 && !this.#allDone.done()) this.#allDone.setResult();
    if (task.cancelled()) return;
    const error = task.exception();
    if (error === undefined) return;
    this.#errors.push(error);
    if (this.#aborting) return;
    this.#abort();
    // Interrupt the body, which may be awaiting something unrelated (not while it only waits for us).
    if (this.#state === "entered" && !this.#parent!.done() && !this.#parentCancelRequested) {
      this.#parentCancelRequested = true;
      this.#parent!.cancel();
    }
  }

  get [Symbol.toStringTag](): string {
    return "TaskGroup";
  }
}

function closeCoroutine(aw: unknown): void {
  const close = (aw as { close?: unknown } | null)?.close;
  if (typeof close === "function" && typeof (aw as { next?: unknown }).next === "function") close.call(aw);
}
