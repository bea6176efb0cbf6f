/**
 * The failed Futures and Tasks of one loop whose exception nobody retrieved. Each is held weakly: it
 * is reported when it is garbage-collected unretrieved, or when the loop closes, whichever is first.
 */
import type { ExceptionContext } from "./exception-handler.js";
import type { Future } from "./future.js";
import { Task } from "./task.js";

/** One unretrieved failure. Holds the exception (what is reported), never the Future itself. */
interface Lost {
  readonly ref: WeakRef<Future<unknown>>;
  readonly message: string;
  readonly exception: unknown;
}

/**
 * Unretrieved failures in the order they failed, reported once each through `report`.
 *
 * @example
 * ```ts
 * const lost = new LostErrors((ctx) => loop.callExceptionHandler(ctx));
 * lost.failed(fut, err); // fut.setException(err) was called
 * lost.retrieved(fut);   // fut.exception() was read: nothing to report
 * lost.reportAll();      // at close
 * ```
 */
export class LostErrors {
  /** Not yet retrieved nor reported, in failure order. */
  readonly #pending = new Set<Lost>();
  readonly #byFuture = new WeakMap<Future<unknown>, Lost>();
  readonly #registry: FinalizationRegistry<Lost>;
  readonly #report: (context: ExceptionContext) => void;

  constructor(report: (context: ExceptionContext) => void) {
    this.#report = report;
    this.#registry = new FinalizationRegistry((lost) => {
      // Collected before anyone retrieved its exception: nobody ever will.
      if (this.#pending.delete(lost)) this.#report({ message: lost.message, exception: lost.exception });
    });
  }

  /** `fut` failed with `exception`; nobody retrieved it yet. */
  failed(fut: Future<unknown>, exception: unknown): void {
    const name = fut instanceof Task ? `Task '${fut.getName()}'` : "Future";
    // V8 keeps an Error's call sites (their receivers: this Task, its coroutines) until its stack
    // is first read: read it now, so that holding the exception does not hold the Task.
    if (exception instanceof Error) void exception.stack;
    const lost: Lost = { ref: new WeakRef(fut), message: `${name} exception was never retrieved`, exception };
    this.#pending.add(lost);
    this.#byFuture.set(fut, lost);
    this.#registry.register(fut, lost, lost);
  }

  /** `fut`'s exception was retrieved: it will not be reported. */
  retrieved(fut: Future<unknown>): void {
    const lost = this.#byFuture.get(fut);
    if (lost === undefined) return;
    this.#byFuture.delete(fut);
    this.#forget(lost);
  }

  /** Reports every failure still unretrieved, in failure order, and forgets them. */
  reportAll(): void {
    for (const lost of [...this.#pending]) {
      if (!this.#pending.has(lost)) continue;
      this.#forget(lost);
      const fut = lost.ref.deref();
      const context: ExceptionContext = { message: lost.message, exception: lost.exception };
      if (fut !== undefined) {
        context.future = fut;
        if (fut instanceof Task) context.task = fut;
      }
      this.#report(context);
    }
  }

  #forget(lost: Lost): void {
    this.#pending.delete(lost);
    this.#registry.unregister(lost);
  }
}
