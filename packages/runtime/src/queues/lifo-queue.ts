/** `LifoQueue`: a Queue that returns the most recently put item first (a stack). */
import { Queue } from "./queue.js";
import type { QueueOptions } from "./queue.js";

/**
 * A last-in first-out Queue: same API as `Queue`, items come out newest first.
 *
 * @example
 * ```js
 * const stack = new LifoQueue();
 * stack.putNowait(1); stack.putNowait(2);
 * stack.getNowait(); // 2
 * ```
 */
export class LifoQueue<T = unknown> extends Queue<T> {
  readonly #stack: T[] = [];

  /**
   * A LIFO queue holding at most `options.maxsize` items (unbounded by default).
   *
   * @example
   * ```js
   * const stack = new LifoQueue({ maxsize: 100 });
   * ```
   */
  constructor(options: QueueOptions = {}) {
    super(options);
  }

  protected override _put(item: T): void {
    this.#stack.push(item);
  }

  protected override _get(): T {
    return this.#stack.pop()!;
  }

  protected override _size(): number {
    return this.#stack.length;
  }

  override get [Symbol.toStringTag](): string {
    return "LifoQueue";
  }
}
