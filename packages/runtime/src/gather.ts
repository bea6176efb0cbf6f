/** `gather(...aws)`: run awaitables concurrently and collect their results in order (asyncio.gather). */
import type { Awaitable } from "./await-once.js";
import { Coroutine } from "./coroutine.js";
import { CancelledError } from "./errors.js";
import { Future } from "./future.js";
import type { EventLoop } from "./loop.js";
import { AWAIT } from "./protocol.js";
import { option } from "./options.js";
import { currentLoop } from "./running.js";
import { ensureFuture } from "./task.js";

/** Options of `gather`, given as its last argument. */
export interface GatherOptions {
  /** Failures become entries of the result array instead of failing the gather. */
  returnExceptions?: boolean;
}

/** What `gather` resolves to: the awaited values, in argument order. */
export type GatherResults<A extends readonly unknown[]> = { -readonly [K in keyof A]: AwaitedOf<A[K]> };
/** The value `await x` gives for an awaitable type. */
export type AwaitedOf<X> = X extends Coroutine<infer T> ? T : X extends PromiseLike<infer T> ? T : X extends { [AWAIT](): Iterator<unknown, infer T, unknown> } ? T : X;

/**
 * The Future `gather` returns: cancelling it cancels every child still running.
 *
 * @example
 * ```js
 * const all = gather(a(), b());
 * all.cancel(); // a and b get CancelledError
 * ```
 */
export class GatheringFuture<T> extends Future<T> {
  readonly #children: Future<unknown>[];
  /** `cancel()` was called and reached a child: end cancelled once they are all done. */
  #cancelRequested = false;
  #cancelMessage: string | undefined;

  /** @internal Made by `gather`. */
  constructor(children: Future<unknown>[], loop: EventLoop) {
    super({ loop });
    this.#children = children;
  }

  /**
   * Cancels every child that is not done; returns whether any was.
   *
   * @example
   * ```js
   * gathering.cancel("shutting down");
   * ```
   */
  override cancel(message?: string): boolean {
    if (this.done()) return false;
    let any = false;
    for (const child of this.#children) if (child.cancel(message)) any = true;
    if (any) {
      this.#cancelRequested = true;
      this.#cancelMessage = message;
    }
    return any;
  }

  /** @internal The children, in argument order (each once). */
  _children(): readonly Future<unknown>[] {
    return this.#children;
  }

  /** @internal Whether a `cancel()` reached the children. */
  _cancelRequested(): boolean {
    return this.#cancelRequested;
  }

  /** @internal Ends cancelled (the children are done). */
  _finishCancelled(): void {
    this._cancelWith(new CancelledError(this.#cancelMessage ?? ""));
  }
}

/**
 * Runs the awaitables concurrently (coroutines become Tasks) and returns a Future of their
 * results, in argument order. The first failure fails the gather (the others keep running);
 * with `{ returnExceptions: true }` (as last argument) failures are returned in place. If a
 * child is cancelled, the gather fails with `CancelledError`; cancelling the gather cancels
 * the children.
 *
 * @example
 * ```js
 * const [a, b] = await gather(fetchA(), fetchB());
 * const results = await gather(ok(), fails(), { returnExceptions: true }); // [value, Error]
 * ```
 */
export function gather<A extends unknown[]>(...args: [...A] | [...A, GatherOptions]): GatheringFuture<GatherResults<A>> {
  let aws = args as unknown[];
  let options: GatherOptions = {};
  const last = aws[aws.length - 1];
  if (aws.length > 0 && isOptions(last)) {
    options = last as GatherOptions;
    aws = aws.slice(0, -1);
  }
  const returnExceptions = option(options, "returnExceptions") === true;
  const loop = currentLoop();
  // The same awaitable given twice runs once.
  const byArg = new Map<unknown, Future<unknown>>();
  const children = aws.map((aw) => {
    let fut = byArg.get(aw);
    if (fut === undefined) {
      fut = ensureFuture(aw as Awaitable<unknown>, loop);
      byArg.set(aw, fut);
    }
    return fut;
  });
  const unique = [...new Set(children)];
  const outer = new GatheringFuture<GatherResults<A>>(unique, loop);
  if (children.length === 0) {
    outer.setResult([] as unknown as GatherResults<A>);
    return outer;
  }
  let finished = 0;
  const onChildDone = (child: Future<unknown>): void => {
    finished++;
    if (outer.done()) {
      if (!child.cancelled()) child.exception(); // retrieved: the gather already failed
      return;
    }
    if (!returnExceptions && !outer._cancelRequested()) {
      if (child.cancelled()) {
        outer.setException(child._cancelledError());
        return;
      }
      const exc = child.exception();
      if (exc !== undefined) {
        outer.setException(exc);
        return;
      }
    }
    if (finished < unique.length) return;
    if (outer._cancelRequested()) {
      outer._finishCancelled();
      return;
    }
    const results = children.map((fut) => {
      if (fut.cancelled()) return fut._cancelledError();
      const exc = fut.exception();
      return exc !== undefined ? exc : fut.result();
    });
    outer.setResult(results as unknown as GatherResults<A>);
  };
  for (const child of unique) child.addDoneCallback(onChildDone);
  return outer;
}

function isOptions(x: unknown): boolean {
  if (x === null || typeof x !== "object" || x instanceof Coroutine || x instanceof Future) return false;
  if (typeof (x as { then?: unknown }).then === "function" || typeof (x as { [AWAIT]?: unknown })[AWAIT] === "function") return false;
  return true;
}
