/** `asCompleted(aws)`: iterate over awaitables in the order they finish (asyncio.as_completed). */
import type { Awaitable } from "./await-once.js";
import type { Coroutine } from "./coroutine.js";
import { TimeoutError } from "./errors.js";
import type { Future } from "./future.js";
import { generatorCoroutine } from "./generator-coroutine.js";
import { option } from "./options.js";
import { currentLoop } from "./running.js";
import { ensureFuture } from "./task.js";

/** Options of `asCompleted`. */
export interface AsCompletedOptions {
  /** After this many ms, awaiting the remaining entries throws `TimeoutError`. */
  timeout?: number | null;
}

/**
 * Starts the awaitables (coroutines become Tasks) and returns an iterable of as many coroutines:
 * the first one awaited gives the outcome of whichever finishes first, and so on (a failure is
 * thrown by its entry). With `timeout`, entries awaited after the deadline throw `TimeoutError`.
 * Native code may also `for await` it: that yields the finished Futures themselves.
 *
 * @example
 * ```js
 * for (const next of asCompleted([slow(), fast()])) {
 *   console.log(await next); // fast's result, then slow's
 * }
 * ```
 */
export function asCompleted<T>(aws: Iterable<Awaitable<T> | Future<T>>, options: AsCompletedOptions = {}): AsCompleted<T> {
  return new AsCompleted<T>(aws, options);
}

/**
 * The iterable `asCompleted` returns.
 *
 * @example
 * ```js
 * const it = asCompleted(tasks);
 * const first = await it[Symbol.iterator]().next().value;
 * ```
 */
export class AsCompleted<T> implements Iterable<Coroutine<T>>, AsyncIterable<Future<T>> {
  /** Finished Futures not yet handed out, in finishing order. */
  readonly #finished: Future<T>[] = [];
  /** Entries handed out and waiting for a Future to finish, in order. */
  readonly #waiters: Future<[Future<T>]>[] = [];
  /** How many entries were not yet handed out. */
  #left: number;
  #timedOut = false;

  /** @internal Made by `asCompleted`. */
  constructor(aws: Iterable<Awaitable<T> | Future<T>>, options: AsCompletedOptions) {
    const loop = currentLoop();
    const todo = new Set<Future<T>>();
    for (const aw of aws) todo.add(ensureFuture(aw, loop));
    this.#left = todo.size;
    const onDone = (f: Future<T>): void => {
      if (!todo.delete(f)) return;
      // Entries whose awaiting task was cancelled are skipped.
      for (let waiter = this.#waiters.shift(); waiter !== undefined; waiter = this.#waiters.shift()) {
        if (!waiter.done()) return waiter.setResult([f]);
      }
      this.#finished.push(f);
    };
    for (const f of todo) f.addDoneCallback(onDone);
    const ms = option(options, "timeout");
    if (ms != null && todo.size > 0) {
      loop.callLater(ms, () => {
        this.#timedOut = true;
        for (const f of todo) f.removeDoneCallback(onDone);
        todo.clear();
        for (const w of this.#waiters.splice(0)) if (!w.done()) w.setException(new TimeoutError("asCompleted: the timeout passed"));
      });
    }
  }

  /** The next finished Future (waiting for one if needed); TimeoutError once the time is up. */
  *#next(): Generator<unknown, Future<T>, unknown> {
    const ready = this.#finished.shift();
    if (ready !== undefined) return ready;
    if (this.#timedOut) throw new TimeoutError("asCompleted: the timeout passed");
    // Boxed: a Future resolved with a thenable would adopt its outcome.
    const waiter = currentLoop().createFuture<[Future<T>]>();
    this.#waiters.push(waiter);
    return ((yield waiter) as [Future<T>])[0];
  }

  *[Symbol.iterator](): Iterator<Coroutine<T>> {
    const self = this;
    while (this.#left > 0) {
      this.#left--;
      yield generatorCoroutine("asCompleted.next", function* () {
        const f = yield* self.#next();
        return f.result();
      });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<Future<T>> {
    return {
      next: async (): Promise<IteratorResult<Future<T>>> => {
        if (this.#left === 0) return { value: undefined, done: true };
        this.#left--;
        const self = this;
        // Boxed: a Future is thenable, and a native await would unwrap it.
        const [f] = await generatorCoroutine("asCompleted.next", function* () {
          return [yield* self.#next()] as const;
        });
        return { value: f, done: false };
      },
    };
  }
}
